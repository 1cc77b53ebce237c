import {
  ChangeLayoutRequest,
  DEFAULT_RECORDING_LAYOUT,
  RECORDING_LAYOUTS,
  RecordingLayout,
  RoomRequest,
  StartRecordingRequest,
} from '@recording/contracts';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

import { RoomNameField } from '../../../validation/name-validators';

export class RoomRequestDto implements RoomRequest {
  @RoomNameField()
  roomName!: string;
}

const LAYOUT_RULE = `layout must be one of ${RECORDING_LAYOUTS.join(', ')}`;

export class StartRecordingRequestDto extends RoomRequestDto implements StartRecordingRequest {
  @ApiPropertyOptional({ enum: RECORDING_LAYOUTS, default: DEFAULT_RECORDING_LAYOUT, description: 'How the recording arranges the room' })
  @IsOptional()
  @IsIn(RECORDING_LAYOUTS, { message: LAYOUT_RULE })
  layout?: RecordingLayout;

  @ApiPropertyOptional({
    type: 'boolean',
    default: false,
    description: 'Sound only: the file is still an .mp4, with AAC audio and no video',
  })
  @IsOptional()
  @IsBoolean({ message: 'audioOnly must be true or false' })
  audioOnly?: boolean;
}

export class ChangeLayoutRequestDto extends RoomRequestDto implements ChangeLayoutRequest {
  @ApiProperty({ enum: RECORDING_LAYOUTS, example: 'speaker' })
  @IsIn(RECORDING_LAYOUTS, { message: LAYOUT_RULE })
  layout!: RecordingLayout;
}
