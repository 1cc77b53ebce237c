import { secretsEqual, TokenSigner } from './signed-token';

describe('TokenSigner', () => {
  const signer = new TokenSigner('a-server-secret-0123456789', 'room-access-cookie');

  it('verifies what it signed and returns the payload', () => {
    const token = signer.sign({ r: 'RoomComposite-Ä b-2026-11-23T101500-RM_x.mp4', e: 1, g: 0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(token)).toEqual({ r: 'RoomComposite-Ä b-2026-11-23T101500-RM_x.mp4', e: 1, g: 0 });
  });

  it('refuses a token whose payload was changed', () => {
    const [, signature] = signer.sign({ g: 0 }).split('.');
    const forged = `${Buffer.from(JSON.stringify({ g: 1 })).toString('base64url')}.${signature}`;
    expect(signer.verify(forged)).toBeUndefined();
  });

  it('refuses tokens of another secret and of another purpose', () => {
    const token = signer.sign({ g: 0 });
    expect(new TokenSigner('another-secret-0123456789', 'room-access-cookie').verify(token)).toBeUndefined();
    expect(new TokenSigner('a-server-secret-0123456789', 'operator').verify(token)).toBeUndefined();
  });

  it('never uses the secret itself as the key', () => {
    const body = Buffer.from('{}').toString('base64url');
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const rawKeyToken = `${body}.${createHmac('sha256', 'a-server-secret-0123456789').update(body).digest('base64url')}`;
    expect(signer.verify(rawKeyToken)).toBeUndefined();
  });

  it.each(['', 'abc', 'a.b', `${'a'.repeat(9000)}.${'b'.repeat(43)}`, 'e30.!!!', 'bm90IGpzb24.' + 'A'.repeat(43)])(
    'refuses the malformed token %#',
    (token) => {
      expect(signer.verify(token)).toBeUndefined();
    },
  );
});

describe('secretsEqual', () => {
  it.each([
    ['the same secret', 'operator-secret-0123', 'operator-secret-0123', true],
    ['another secret', 'operator-secret-0124', 'operator-secret-0123', false],
    ['a prefix', 'operator', 'operator-secret-0123', false],
    ['an empty secret', '', 'operator-secret-0123', false],
  ])('%s: %s', (_label, given, expected, equal) => {
    expect(secretsEqual(given, expected)).toBe(equal);
  });
});
