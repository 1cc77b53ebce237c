import { ConfigResponse } from '@recording/contracts';

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

import { AppConfig } from './app-config';

class ConfigResponseDto implements ConfigResponse {
  @ApiProperty({ example: 'wss://openvidu.example.com', description: 'WebSocket URL browsers connect to' })
  livekitUrl!: string;
}

@ApiTags('config')
@Controller('config')
export class ConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Client configuration read by the SPA at start-up' })
  @ApiOkResponse({ type: ConfigResponseDto })
  public getConfig(): ConfigResponse {
    return { livekitUrl: this.config.livekit.publicUrl };
  }
}
