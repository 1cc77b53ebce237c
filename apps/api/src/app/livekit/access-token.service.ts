import { RECORDER_GRANT } from '@recording/contracts';

import { Injectable } from '@nestjs/common';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';

/** What a participant's token allows in one room (the subset of LiveKit's VideoGrant this app hands out). */
export interface RoomGrant {
  room: string;
  roomJoin: boolean;
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
}

export interface ParticipantIdentity {
  identity: string;
  name: string;
  /** Seconds, or a duration such as `6h`. */
  ttl: string | number;
}

/** What a valid room token tells about its bearer. */
export interface VerifiedRoomToken {
  room: string;
  /** The participant name as typed (the identity when the token has no name). */
  name: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Why a token was refused, in words fit for a log line (never the token itself). */
export type RoomTokenRefusal = 'expired' | 'invalid signature or format' | 'no room grant' | 'a recorder token';

export type RoomTokenCheck = { valid: true; token: VerifiedRoomToken } | { valid: false; refusal: RoomTokenRefusal };

/** LiveKit's verifier allows 10 s of clock skew by default; tokens we check come from this server's own clock. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** Signs and verifies LiveKit access tokens (JWTs) with the API key and secret. */
@Injectable()
export class AccessTokenService {
  private readonly verifier: TokenVerifier;

  constructor(private readonly config: AppConfig) {
    this.verifier = new TokenVerifier(config.livekit.apiKey, config.livekit.apiSecret);
  }

  sign(participant: ParticipantIdentity, grant: RoomGrant): Promise<string> {
    const { apiKey, apiSecret } = this.config.livekit;
    const token = new AccessToken(apiKey, apiSecret, participant);
    token.addGrant(grant);
    return token.toJwt();
  }

  /**
   * A recorder's token, as Egress makes one for its template (livekit/protocol egress/token.go): participant kind
   * `egress`, subscribe only, `hidden` (nobody sees it) and `recorder` (LiveKit marks the room as being recorded while
   * it is in, and counts it as no person).
   */
  signRecorder(identity: string, roomName: string, ttl: string | number): Promise<string> {
    const { apiKey, apiSecret } = this.config.livekit;
    const token = new AccessToken(apiKey, apiSecret, { identity, name: 'Recorder', ttl });
    token.kind = 'egress';
    token.addGrant({ ...RECORDER_GRANT, room: roomName });
    return token.toJwt();
  }

  /** Checks the signature (our key and secret), the expiry and the `video.room` grant of a room token. */
  async verify(jwt: string): Promise<RoomTokenCheck> {
    let claims: Awaited<ReturnType<TokenVerifier['verify']>>;
    try {
      claims = await this.verifier.verify(jwt, CLOCK_TOLERANCE_SECONDS);
    } catch (error) {
      const expired = (error as { code?: unknown }).code === 'ERR_JWT_EXPIRED';
      return { valid: false, refusal: expired ? 'expired' : 'invalid signature or format' };
    }
    const room = claims.video?.room;
    if (typeof room !== 'string' || room === '' || typeof claims.exp !== 'number') return { valid: false, refusal: 'no room grant' };
    // A recorder's token (Egress's or the embedded recorder's) joins a room to record it; it is nobody's credential.
    if (claims.video?.recorder === true || claims.video?.hidden === true || claims.kind === 'egress') {
      return { valid: false, refusal: 'a recorder token' };
    }
    return {
      valid: true,
      token: {
        room,
        name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : String(claims.sub ?? ''),
        expiresAt: claims.exp * 1000,
      },
    };
  }
}
