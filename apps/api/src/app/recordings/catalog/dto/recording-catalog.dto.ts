import { DeleteRecordingResponse, ListRecordingsResponse, Recording, RECORDING_STATUSES, RecordingStatus } from '@recording/contracts';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { PAGE_TOKEN_PATTERN } from '../recording-page';

const EXAMPLE_NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';

export class RecordingDto implements Recording {
  @ApiProperty({ example: EXAMPLE_NAME }) name!: string;
  @ApiProperty({ example: 'Test Room' }) roomName!: string;
  @ApiProperty({ example: 'RM_abc123' }) roomId!: string;
  @ApiProperty({ type: 'integer', example: 1795428900000, description: 'Epoch milliseconds' }) startedAt!: number;
  @ApiProperty({ type: 'integer', example: 1048576, description: 'Bytes' }) size!: number;
  @ApiPropertyOptional({ example: 62.5, description: 'Seconds, when known' }) duration?: number;
  @ApiPropertyOptional({ enum: RECORDING_STATUSES, example: 'complete' }) status?: RecordingStatus;
  @ApiPropertyOptional({
    example: '/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_abc123.mp4/poster',
    description: 'Its poster (JPEG), made on the first request',
  })
  posterUrl?: string;
  @ApiPropertyOptional({ example: 'Ada', description: 'Participant name (or `operator`) whose request started it, when known' })
  startedBy?: string;
  @ApiPropertyOptional({ example: 'Grace', description: 'Participant name (or `operator`) whose request stopped it, when known' })
  stoppedBy?: string;
}

export class ListRecordingsResponseDto implements ListRecordingsResponse {
  @ApiProperty({ type: [RecordingDto], description: 'Newest first' }) recordings!: RecordingDto[];
  @ApiPropertyOptional({ description: 'Pass as pageToken for the next page; absent on the last page', pattern: PAGE_TOKEN_PATTERN.source })
  nextPageToken?: string;
}

export class DeleteRecordingResponseDto implements DeleteRecordingResponse {
  @ApiProperty({ enum: ['Recording deleted'] }) message!: 'Recording deleted';
}
