import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SALT = 'call-recorder/sealed-tokens/v1';
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A sealed token of ours is a few hundred characters; anything much longer is refused before any work. */
const MAX_TOKEN_LENGTH = 4096;

/** What each key seals; a token sealed for one purpose never opens for another. */
export type SealingPurpose = 'share-link';

/**
 * Seals small JSON payloads with AES-256-GCM under a key derived by HKDF from the server's secret for one purpose:
 * `base64url(version ‖ iv ‖ ciphertext ‖ tag)`. Unlike a signed token, nothing of the payload can be read from the
 * token (a share link must not name the recording or its room), and any change to it is detected.
 */
export class TokenSealer {
  private readonly key: Buffer;

  constructor(secret: string, purpose: SealingPurpose) {
    this.key = Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
  }

  seal(payload: object): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
  }

  /** The payload of a token this sealer made, or undefined for anything else (malformed, altered, other key). */
  open(token: string): unknown {
    if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES + 2 || bytes[0] !== VERSION) return undefined;
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}
