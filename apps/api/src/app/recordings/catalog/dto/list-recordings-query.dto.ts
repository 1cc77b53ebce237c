import { ListRecordingsQuery, MAX_ITEMS_LIMIT } from '@recording/contracts';

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { IsRoomId, IsRoomName } from '../../../validation/name-validators';

/** Query strings are text: only a plain decimal integer becomes a number, anything else fails validation. */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value);

export class ListRecordingsQueryDto implements ListRecordingsQuery {
  @ApiPropertyOptional({ example: 'RM_abc123', description: 'Only recordings of this room SID' })
  @IsOptional()
  @IsRoomId()
  roomId?: string;

  @ApiPropertyOptional({ example: 'Test Room', description: 'Only recordings of this exact room name' })
  @IsOptional()
  @IsRoomName()
  roomName?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_ITEMS_LIMIT,
    description: 'Page size; without it every match is returned',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: `maxItems must be a whole number from 1 to ${MAX_ITEMS_LIMIT}` })
  @Min(1, { message: `maxItems must be a whole number from 1 to ${MAX_ITEMS_LIMIT}` })
  @Max(MAX_ITEMS_LIMIT, { message: `maxItems must be a whole number from 1 to ${MAX_ITEMS_LIMIT}` })
  maxItems?: number;

  @ApiPropertyOptional({ description: 'nextPageToken of the previous page' })
  @IsOptional()
  @IsString({ message: 'pageToken must be a single value' })
  pageToken?: string;
}
