import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { AccessTokenService } from '../livekit/access-token.service';

/** LiveKit access tokens for people joining a room. */
@Injectable()
export class TokenService {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly config: AppConfig,
  ) {}

  createToken(roomName: string, participantName: string): Promise<string> {
    return this.tokens.sign(
      { identity: participantName, name: participantName, ttl: this.config.tokenTtl },
      { room: roomName, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, roomRecord: true },
    );
  }
}
