import { TokenSealer } from './sealed-token';

const sealer = new TokenSealer('session-secret-0123456789-abcdefghij', 'share-link');
const NAME = 'RoomComposite-Board Room-2026-11-23T101500-RM_abc123.mp4';

describe('TokenSealer', () => {
  it('opens what it sealed', () => {
    expect(sealer.open(sealer.seal({ r: NAME, e: 1_800_000_000_000, g: 2 }))).toEqual({ r: NAME, e: 1_800_000_000_000, g: 2 });
  });

  it('reveals nothing of the payload: no room, no recording, not even in base64 or another alignment', () => {
    const token = sealer.seal({ r: NAME, e: 1, g: 0 });
    const decoded = [0, 1, 2].map((shift) => Buffer.from(token.slice(shift), 'base64url').toString('latin1')).join('\n');
    for (const secret of ['Board', 'RoomComposite', 'RM_abc123', '2026-11-23']) {
      expect(token).not.toContain(secret);
      expect(decoded).not.toContain(secret);
    }
  });

  it('makes a different token each time for the same payload', () => {
    expect(sealer.seal({ r: NAME })).not.toBe(sealer.seal({ r: NAME }));
  });

  it.each([
    ['another secret', new TokenSealer('another-secret-0123456789-abcdefghij', 'share-link').seal({ r: NAME })],
    ['a flipped bit', flip(sealer.seal({ r: NAME }))],
    ['a truncated token', sealer.seal({ r: NAME }).slice(0, -4)],
    [
      'a signed (readable) token of the old kind',
      `${Buffer.from(JSON.stringify({ r: NAME, e: 1, g: 0 })).toString('base64url')}.${'x'.repeat(43)}`,
    ],
    ['garbage', 'not a token'],
    ['a very long token', 'A'.repeat(5000)],
  ])('refuses %s', (_label, token) => {
    expect(sealer.open(token)).toBeUndefined();
  });
});

function flip(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[20] ^= 1;
  return bytes.toString('base64url');
}
