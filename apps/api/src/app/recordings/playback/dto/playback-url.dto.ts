import { PlaybackUrlResponse } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';

const EXAMPLE_NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';

export class PlaybackUrlResponseDto implements PlaybackUrlResponse {
  @ApiProperty({
    example: `https://account.blob.core.windows.net/openvidu-appdata/recordings/${encodeURIComponent(EXAMPLE_NAME)}?sv=…&sp=r&sig=…`,
    description: 'The blob URL with a read-only SAS for that one blob (rscd names the file)',
  })
  url!: string;

  @ApiProperty({
    type: 'integer',
    example: 1795429500000,
    description: 'Epoch milliseconds: when the URL stops working (PLAYBACK_URL_TTL)',
  })
  expiresAt!: number;
}
