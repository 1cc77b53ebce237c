import { ListRecordingsQuery, MAX_ITEMS_LIMIT, NAME_MAX_LENGTH, NAME_PATTERNS, ROOM_ID_MAX_LENGTH } from '@recording/contracts';

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { IsRoomId, IsRoomName } from '../../../validation/name-validators';
import { PAGE_TOKEN_PATTERN } from '../recording-page';

/** Query strings are text: only a plain decimal integer becomes a number, anything else fails validation. */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value);

const MAX_ITEMS_RULE = `maxItems must be a whole number from 1 to ${MAX_ITEMS_LIMIT}`;

export class ListRecordingsQueryDto implements ListRecordingsQuery {
  @ApiPropertyOptional({
    example: 'RM_abc123',
    description: 'Only recordings of this room SID (RM_ and at most 61 letters and digits)',
    pattern: NAME_PATTERNS.roomId,
    maxLength: ROOM_ID_MAX_LENGTH,
  })
  @IsOptional()
  @IsRoomId()
  roomId?: string;

  @ApiPropertyOptional({
    example: 'Test Room',
    description: 'Only recordings of this exact room name (1-100 letters and digits of any script, space, "-", "_", ".")',
    pattern: NAME_PATTERNS.roomName,
    minLength: 1,
    maxLength: NAME_MAX_LENGTH,
  })
  @IsOptional()
  @IsRoomName()
  roomName?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ITEMS_LIMIT,
    description: 'Page size; without it every match is returned',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: MAX_ITEMS_RULE })
  @Min(1, { message: MAX_ITEMS_RULE })
  @Max(MAX_ITEMS_LIMIT, { message: MAX_ITEMS_RULE })
  maxItems?: number;

  @ApiPropertyOptional({
    description: 'Opaque: the nextPageToken of the previous page, passed back as it is (the pattern is only its syntax)',
    pattern: PAGE_TOKEN_PATTERN.source,
  })
  @IsOptional()
  @IsString({ message: 'pageToken must be a single value' })
  @Matches(PAGE_TOKEN_PATTERN, { message: 'pageToken is not valid' })
  pageToken?: string;
}
