import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { TokenSealer } from './sealed-token';
import { TokenSigner } from './signed-token';

/**
 * The keys that sign this server's own credentials, each derived from SESSION_SECRET (default: LIVEKIT_API_SECRET)
 * for one purpose. The operator key also depends on OPERATOR_SECRET, so changing it ends every operator session.
 */
@Injectable()
export class SessionKeys {
  readonly roomAccess: TokenSigner;
  /** Share tokens are sealed, not signed: nothing in a link may name the recording or its room. */
  readonly shareLinks: TokenSealer;
  /** Undefined when the server has no operator sign-in. */
  readonly operator?: TokenSigner;

  constructor(config: AppConfig) {
    const { sessionSecret, operatorSecret } = config.access;
    this.roomAccess = new TokenSigner(sessionSecret, 'room-access-cookie');
    this.shareLinks = new TokenSealer(sessionSecret, 'share-link');
    this.operator = operatorSecret === undefined ? undefined : new TokenSigner(`${sessionSecret}\n${operatorSecret}`, 'operator');
  }
}
