import { Recording } from '@recording/contracts';

import { compareNewestFirst, decodePageToken, encodePageToken, PAGE_TOKEN_PATTERN, pageOf } from './recording-page';

function recording(name: string, startedAt: number): Recording {
  return { name, startedAt, roomName: 'r', roomId: 'RM_x', size: 1 };
}

const sorted = [recording('c', 300), recording('a', 200), recording('b', 200), recording('d', 100)].sort(compareNewestFirst);

describe('compareNewestFirst', () => {
  it('sorts by start time descending, then by name', () => {
    expect(sorted.map((r) => r.name)).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('pageOf', () => {
  it('returns everything without maxItems', () => {
    expect(pageOf(sorted, undefined, undefined)).toEqual({ recordings: sorted });
  });

  it('walks every recording exactly once, page by page', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = pageOf(sorted, 2, token ? decodePageToken(token) : undefined);
      seen.push(...page.recordings.map((r) => r.name));
      token = page.nextPageToken;
      pages++;
    } while (token);
    expect(seen).toEqual(['c', 'a', 'b', 'd']);
    expect(pages).toBe(2);
  });

  it('gives no token when the page holds the rest exactly', () => {
    expect(pageOf(sorted, 4, undefined).nextPageToken).toBeUndefined();
  });

  it('continues after the marked recording even when it was deleted meanwhile', () => {
    const withoutA = sorted.filter((r) => r.name !== 'a');
    const after = decodePageToken(encodePageToken(recording('a', 200)));
    expect(pageOf(withoutA, 10, after).recordings.map((r) => r.name)).toEqual(['b', 'd']);
  });

  it('returns an empty page past the end', () => {
    expect(pageOf(sorted, 10, { startedAt: 0, name: 'z' })).toEqual({ recordings: [] });
  });
});

describe('decodePageToken', () => {
  it.each([
    ['a name in another script', recording('Sala-ñ', 123)],
    ['a recording name', recording('RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4', 1795428900000)],
    ['the longest name', recording('𝟙'.repeat(400), 0)],
  ])('round-trips the position of %s', (_label, last) => {
    const token = encodePageToken(last);
    expect(token).toMatch(PAGE_TOKEN_PATTERN);
    expect(decodePageToken(token)).toEqual({ startedAt: last.startedAt, name: last.name });
  });

  it.each(['0.', '123.AAAA', '000000000000001.-_', `999999999999999.${'A'.repeat(2200)}`])(
    'reads every string of its pattern as a position: %j',
    (token) => expect(decodePageToken(token)).toEqual({ startedAt: Number(token.split('.')[0]), name: expect.any(String) }),
  );

  it.each([
    '',
    'not base64!',
    '.abc',
    '-1.abc',
    '1.5.abc',
    '1234567890123456.abc',
    Buffer.from('[1,"x"]').toString('base64url'),
    `1.${'x'.repeat(2201)}`,
  ])('rejects %j', (token) => expect(decodePageToken(token)).toBeUndefined());
});
