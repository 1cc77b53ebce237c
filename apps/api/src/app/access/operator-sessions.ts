import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { OperatorSignInDisabledError, WrongOperatorSecretError } from '../errors/domain-errors';
import { OPERATOR_SESSION_MS } from './access-cookies';
import { SessionKeys } from './session-keys';
import { secretsEqual } from './signed-token';

export interface OperatorSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The operator credential: a server-signed token for the holder of OPERATOR_SECRET, valid 12 h. */
@Injectable()
export class OperatorSessions {
  constructor(
    private readonly keys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.keys.operator !== undefined;
  }

  signIn(secret: string, now = Date.now()): OperatorSession {
    const expected = this.config.access.operatorSecret;
    if (!this.keys.operator || expected === undefined) throw new OperatorSignInDisabledError();
    if (!secretsEqual(secret, expected)) throw new WrongOperatorSecretError();
    const expiresAt = now + OPERATOR_SESSION_MS;
    return { token: this.keys.operator.sign({ o: 1, e: expiresAt }), expiresAt };
  }

  /** 'valid', or why not; 'not ours' for anything this server did not sign as an operator token. */
  check(token: string, now = Date.now()): 'valid' | 'expired' | 'not ours' {
    const payload = this.keys.operator?.verify(token) as { o?: unknown; e?: unknown } | undefined;
    if (!payload || payload.o !== 1 || typeof payload.e !== 'number') return 'not ours';
    return payload.e > now ? 'valid' : 'expired';
  }
}
