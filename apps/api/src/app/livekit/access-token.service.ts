import { Injectable } from '@nestjs/common';
import { AccessToken } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';

/** What a participant's token allows in one room (the subset of LiveKit's VideoGrant this app hands out). */
export interface RoomGrant {
  room: string;
  roomJoin: boolean;
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  roomRecord: boolean;
}

export interface ParticipantIdentity {
  identity: string;
  name: string;
  /** Seconds, or a duration such as `6h`. */
  ttl: string | number;
}

/** Signs LiveKit access tokens (JWTs) with the API key and secret. */
@Injectable()
export class AccessTokenService {
  constructor(private readonly config: AppConfig) {}

  sign(participant: ParticipantIdentity, grant: RoomGrant): Promise<string> {
    const { apiKey, apiSecret } = this.config.livekit;
    const token = new AccessToken(apiKey, apiSecret, participant);
    token.addGrant(grant);
    return token.toJwt();
  }
}
