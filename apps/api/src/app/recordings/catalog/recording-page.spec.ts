import { Recording } from '@recording/contracts';

import { compareNewestFirst, decodePageToken, encodePageToken, pageOf } from './recording-page';

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
  it('round-trips a position', () => {
    expect(decodePageToken(encodePageToken(recording('Sala-ñ', 123)))).toEqual({ startedAt: 123, name: 'Sala-ñ' });
  });

  it.each([
    '',
    'not base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1.5,"x"]').toString('base64url'),
    'x'.repeat(3000),
  ])('rejects %j', (token) => expect(decodePageToken(token)).toBeUndefined());
});
