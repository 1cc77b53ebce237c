import { readShareToken } from './access';

const token = (payload: unknown) => `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${'x'.repeat(43)}`;

describe('readShareToken', () => {
  it('reads the recording and the expiry a share token names, in any script', () => {
    const name = 'RoomComposite-会议室 Ä-2026-11-23T101500-RM_a.mp4';
    expect(readShareToken(token({ r: name, e: 1_800_000_000_000, g: 3 }))).toEqual({ recordingName: name, expiresAt: 1_800_000_000_000 });
  });

  it.each([
    ['no signature', Buffer.from('{"r":"a","e":1}').toString('base64url')],
    ['a short signature', `${Buffer.from('{"r":"a","e":1}').toString('base64url')}.abc`],
    ['no JSON', `bm90IGpzb24.${'x'.repeat(43)}`],
    ['no recording', token({ e: 1 })],
    ['no expiry', token({ r: 'a' })],
    ['characters outside base64url', `e30=.${'x'.repeat(43)}`],
  ])('is undefined for %s', (_label, value) => {
    expect(readShareToken(value)).toBeUndefined();
  });
});
