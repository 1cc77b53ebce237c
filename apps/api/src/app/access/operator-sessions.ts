import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { OperatorSignInDisabledError, UpstreamUnavailableError, WrongOperatorSecretError } from '../errors/domain-errors';
import { BlobDocumentsService } from '../storage/blob-documents.service';
import { OPERATOR_SESSION_MS } from './access-cookies';
import { SessionKeys } from './session-keys';
import { secretsEqual } from './signed-token';

export interface OperatorSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The operator token's payload: operator, expiry (epoch ms), and the sessions' generation it was issued in. */
interface OperatorPayload {
  o: 1;
  e: number;
  g?: number;
}

/** Conditional writes lost in a row before giving up. */
const MAX_ATTEMPTS = 8;

/**
 * The operator credential: a server-signed token for the holder of OPERATOR_SECRET, valid 12 h, unless signed out:
 * an operator's sign-out raises the sessions' generation (one small document every replica reads, written with a
 * condition), and every operator token issued before stops working at once, everywhere. Only an operator credential
 * may raise it, so nobody else can sign the operators out.
 */
@Injectable()
export class OperatorSessions {
  constructor(
    private readonly keys: SessionKeys,
    private readonly documents: BlobDocumentsService,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.keys.operator !== undefined;
  }

  async signIn(secret: string, now = Date.now()): Promise<OperatorSession> {
    const expected = this.config.access.operatorSecret;
    if (!this.keys.operator || expected === undefined) throw new OperatorSignInDisabledError();
    if (!secretsEqual(secret, expected)) throw new WrongOperatorSecretError();
    const expiresAt = now + OPERATOR_SESSION_MS;
    const payload: OperatorPayload = { o: 1, e: expiresAt, g: (await this.generation()).value };
    return { token: this.keys.operator.sign(payload), expiresAt };
  }

  /** 'valid', or why not; 'not ours' for anything this server did not sign as an operator token. */
  async check(token: string, now = Date.now()): Promise<'valid' | 'expired' | 'signed out' | 'not ours'> {
    const payload = this.keys.operator?.verify(token) as Partial<OperatorPayload> | undefined;
    if (!payload || payload.o !== 1 || typeof payload.e !== 'number') return 'not ours';
    if (payload.e <= now) return 'expired';
    return (payload.g ?? 0) === (await this.generation()).value ? 'valid' : 'signed out';
  }

  /** Ends every operator session issued so far. The caller has checked that an operator asks. */
  async signOutEverywhere(): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { value, etag } = await this.generation();
      const condition = etag === undefined ? { absent: true as const } : { etag };
      if ((await this.documents.write(this.key(), JSON.stringify({ generation: value + 1 }), condition)) !== undefined) return;
    }
    throw new UpstreamUnavailableError('storage', 'The operator sessions kept changing under this request; try again');
  }

  private async generation(): Promise<{ value: number; etag?: string }> {
    const stored = await this.documents.read(this.key());
    if (!stored) return { value: 0 };
    let value: unknown;
    try {
      value = (JSON.parse(stored.text) as { generation?: unknown } | null)?.generation;
    } catch {
      value = undefined;
    }
    return { value: Number.isSafeInteger(value) ? (value as number) : 0, etag: stored.etag };
  }

  private key(): string {
    return `${this.config.recordingsPath}.access/operator-sessions.json`;
  }
}
