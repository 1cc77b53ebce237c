import {
  ChangeLayoutResponse,
  RECORDING_LAYOUTS,
  RECORDING_STATUSES,
  RecordingLayout,
  RecordingStatus,
  StartedRecording,
  StartRecordingResponse,
  StoppedRecording,
  StopRecordingResponse,
} from '@recording/contracts';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const EXAMPLE_NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';

export class StartedRecordingDto implements StartedRecording {
  @ApiProperty({ example: EXAMPLE_NAME }) name!: string;
  @ApiProperty({ example: 'Test Room' }) roomName!: string;
  @ApiProperty({ example: 'RM_abc123' }) roomId!: string;
  @ApiProperty({ type: 'integer', example: 1795428900000, description: 'Epoch milliseconds' }) startedAt!: number;
  @ApiProperty({ enum: RECORDING_STATUSES, example: 'starting' }) status!: RecordingStatus;
  @ApiPropertyOptional({ enum: RECORDING_LAYOUTS, example: 'grid' }) layout?: RecordingLayout;
  @ApiPropertyOptional({ example: false, description: 'Sound only' }) audioOnly?: boolean;
}

export class LayoutChangedRecordingDto extends StartedRecordingDto {
  @ApiProperty({ enum: RECORDING_LAYOUTS, example: 'speaker' }) declare layout: RecordingLayout;
}

export class StoppedRecordingDto implements StoppedRecording {
  @ApiProperty({ example: EXAMPLE_NAME }) name!: string;
  @ApiProperty({ example: 'Test Room' }) roomName!: string;
  @ApiProperty({ example: 'RM_abc123' }) roomId!: string;
  @ApiProperty({ enum: RECORDING_STATUSES, example: 'ending' }) status!: RecordingStatus;
}

export class StartRecordingResponseDto implements StartRecordingResponse {
  @ApiProperty({ enum: ['Recording started'] }) message!: 'Recording started';
  @ApiProperty({ type: StartedRecordingDto }) recording!: StartedRecordingDto;
}

export class StopRecordingResponseDto implements StopRecordingResponse {
  @ApiProperty({ enum: ['Recording stopped'] }) message!: 'Recording stopped';
  @ApiProperty({ type: StoppedRecordingDto }) recording!: StoppedRecordingDto;
}

export class ChangeLayoutResponseDto implements ChangeLayoutResponse {
  @ApiProperty({ enum: ['Layout changed'] }) message!: 'Layout changed';
  @ApiProperty({ type: LayoutChangedRecordingDto }) recording!: LayoutChangedRecordingDto;
}
