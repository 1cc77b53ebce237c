import { Injectable } from '@nestjs/common';
import { AccessToken } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';

/** LiveKit access tokens for people joining a room. */
@Injectable()
export class TokenService {
  constructor(private readonly config: AppConfig) {}

  async createToken(roomName: string, participantName: string): Promise<string> {
    const { apiKey, apiSecret } = this.config.livekit;
    const token = new AccessToken(apiKey, apiSecret, {
      identity: participantName,
      name: participantName,
      ttl: this.config.tokenTtl,
    });
    token.addGrant({
      roomJoin: true,
      room: roomName,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      roomRecord: true,
    });
    return token.toJwt();
  }
}
