import { ConfigResponse, RECORDINGS_PLAYBACK_MODES, RecordingsPlayback } from '@recording/contracts';

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { AppConfig } from './app-config';

class ConfigResponseDto implements ConfigResponse {
  @ApiProperty({ example: 'wss://openvidu.example.com', description: 'WebSocket URL browsers connect to' })
  livekitUrl!: string;

  @ApiProperty({
    enum: RECORDINGS_PLAYBACK_MODES,
    description: 'proxy: recordings stream through this API; direct: the SPA plays and downloads through GET /recordings/:name/url',
  })
  recordingsPlayback!: RecordingsPlayback;
}

@ApiTags('config')
@Controller('config')
export class ConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Client configuration read by the SPA at start-up' })
  @ApiOkResponse({ type: ConfigResponseDto })
  public getConfig(): ConfigResponse {
    return { livekitUrl: this.config.livekit.publicUrl, recordingsPlayback: this.config.playback.mode };
  }
}
