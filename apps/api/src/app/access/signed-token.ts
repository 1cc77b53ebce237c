import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Tokens longer than this are refused before any work: a credential of ours is a few hundred characters. */
const MAX_TOKEN_LENGTH = 8192;
const SIGNATURE_BYTES = 32;
const SALT = 'call-recorder/session-keys/v1';

/** What each key signs; a token made for one purpose never verifies for another. */
export type SigningPurpose = 'room-access-cookie' | 'operator';

/**
 * Signs small JSON payloads as `base64url(JSON).base64url(HMAC-SHA256)`, with a key derived by HKDF from the
 * server's secret for one purpose: the secret itself never signs anything, and a leak of one kind of token says
 * nothing about the others. The payload is readable, never secret (share links,
 * which must reveal nothing, are sealed instead: sealed-token.ts).
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(secret: string, purpose: SigningPurpose) {
    this.key = Buffer.from(hkdfSync('sha256', secret, SALT, purpose, SIGNATURE_BYTES));
  }

  sign(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The payload of a token this signer made, or undefined for anything else (malformed, forged, other purpose). */
  verify(token: string): unknown {
    if (token.length > MAX_TOKEN_LENGTH) return undefined;
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, body, signature] = match;
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, this.mac(body))) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHmac('sha256', SALT).update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
