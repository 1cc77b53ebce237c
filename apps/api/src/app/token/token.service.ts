import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { AppConfig } from '../config/app-config';
import { AccessTokenService } from '../livekit/access-token.service';
import { RecordingControl } from '../recordings/control/recording-control';

/** LiveKit access tokens for people joining a room. */
@Injectable()
export class TokenService {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly control: RecordingControl,
    private readonly config: AppConfig,
  ) {}

  /**
   * The contract's grants and nothing more: LiveKit does not scope `roomRecord` to the token's room (its holder could
   * list, start and stop every egress on the server), and browsers never call Egress; the API does, with its own key.
   * Each token gets its own identity (the name plus a random suffix): two people who type the same name are two
   * participants, where LiveKit would otherwise disconnect the first one (DUPLICATE_IDENTITY). The name is shown.
   */
  async createToken(roomName: string, participantName: string): Promise<{ token: string; expiresAt: number }> {
    // Someone joins: what they will read from the room metadata is checked against LiveKit meanwhile (no waiting).
    void this.control.reconcileRoom(roomName);
    const expiresAt = Date.now() + this.config.tokenTtlSeconds * 1000;
    const token = await this.tokens.sign(
      { identity: `${participantName}#${randomBytes(6).toString('base64url')}`, name: participantName, ttl: this.config.tokenTtl },
      { room: roomName, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true },
    );
    return { token, expiresAt };
  }
}
