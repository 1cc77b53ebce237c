import { ifNoneMatchHits } from '../../web/conditional-requests';
import { countFrom, ifRangeAllowsPartial, parseRange, RangeDecision, RangeRequest, resolveRange } from './http-range';

const SIZE = 10_000;
const PORTION = 1_000;

describe('resolveRange', () => {
  const cases: Array<[string, string | undefined, RangeDecision]> = [
    ['no Range header → whole file', undefined, { kind: 'full' }],
    ['a closed range', 'bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['a closed range in the middle', 'bytes=500-1499', { kind: 'partial', start: 500, end: 1499 }],
    ['an end past the file is clamped', 'bytes=9990-20000', { kind: 'partial', start: 9990, end: 9999 }],
    ['a one-byte range', 'bytes=42-42', { kind: 'partial', start: 42, end: 42 }],
    ['the last byte', 'bytes=9999-9999', { kind: 'partial', start: 9999, end: 9999 }],
    ['an open range gets one portion', 'bytes=0-', { kind: 'partial', start: 0, end: 999 }],
    ['an open range near the end is clamped', 'bytes=9500-', { kind: 'partial', start: 9500, end: 9999 }],
    ['a suffix range', 'bytes=-500', { kind: 'partial', start: 9500, end: 9999 }],
    ['a suffix longer than the file is the whole file as 206', 'bytes=-20000', { kind: 'partial', start: 0, end: 9999 }],
    ['a start at the size is unsatisfiable', 'bytes=10000-', { kind: 'unsatisfiable' }],
    ['a start past the size is unsatisfiable', 'bytes=20000-20100', { kind: 'unsatisfiable' }],
    ['an empty suffix is unsatisfiable', 'bytes=-0', { kind: 'unsatisfiable' }],
    ['an inverted range is ignored', 'bytes=100-50', { kind: 'full' }],
    ['several ranges are ignored', 'bytes=0-1,5-9', { kind: 'full' }],
    ['another unit is ignored', 'items=0-5', { kind: 'full' }],
    ['letters are ignored', 'bytes=abc-', { kind: 'full' }],
    ['a lone dash is ignored', 'bytes=-', { kind: 'full' }],
    ['a missing equals sign is ignored', 'bytes 0-5', { kind: 'full' }],
    ['a negative start is ignored', 'bytes=--5', { kind: 'full' }],
    ['an empty header is ignored', '', { kind: 'full' }],
    ['the unit is case-insensitive', 'Bytes=0-9', { kind: 'partial', start: 0, end: 9 }],
    ['spaces around the numbers are tolerated', 'bytes= 0 - 9 ', { kind: 'partial', start: 0, end: 9 }],
  ];

  it.each(cases)('%s (%j)', (_label, header, expected) => {
    expect(resolveRange(header, SIZE, PORTION)).toEqual(expected);
  });

  it('serves exactly the 5 MiB portion for bytes=0- on a large file', () => {
    expect(resolveRange('bytes=0-', 50 * 1024 * 1024, 5 * 1024 * 1024)).toEqual({
      kind: 'partial',
      start: 0,
      end: 5 * 1024 * 1024 - 1,
    });
  });

  it.each(['bytes=0-', 'bytes=-1', 'bytes=0-0'])('finds nothing to serve in an empty file (%s)', (header) => {
    expect(resolveRange(header, 0, PORTION)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('parseRange (before the size is known)', () => {
  it.each<[string | undefined, RangeRequest]>([
    [undefined, { kind: 'none' }],
    ['bytes=0-99', { kind: 'from', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'from', start: 500 }],
    ['bytes=-500', { kind: 'suffix', length: 500 }],
    ['bytes=-0', { kind: 'suffix', length: 0 }],
    ['bytes=100-50', { kind: 'none' }],
    ['bytes=0-1,5-9', { kind: 'none' }],
    ['items=0-5', { kind: 'none' }],
    ['bytes=-', { kind: 'none' }],
  ])('%j → %j', (header, expected) => expect(parseRange(header)).toEqual(expected));

  it('asks storage for one portion from an open start, and exactly the range of a closed one', () => {
    expect(countFrom({ start: 10 }, PORTION)).toBe(PORTION);
    expect(countFrom({ start: 10, end: 19 }, PORTION)).toBe(10);
  });
});

describe('ifRangeAllowsPartial', () => {
  const etag = '"0x8DB1234567890AB"';
  const lastModified = new Date('2026-11-23T10:15:00Z');

  it.each([
    ['no If-Range', undefined, true],
    ['the current ETag', etag, true],
    ['another ETag', '"0x8DB0000000000000"', false],
    ['a weak ETag', `W/${etag}`, false],
    ['the Last-Modified date', 'Mon, 23 Nov 2026 10:15:00 GMT', true],
    ['another date', 'Mon, 23 Nov 2026 10:14:59 GMT', false],
    ['garbage', 'yesterday', false],
  ])('%s → %s', (_label, ifRange, expected) => {
    expect(ifRangeAllowsPartial(ifRange as string | undefined, etag, lastModified)).toBe(expected);
  });
});

describe('ifNoneMatchHits', () => {
  const etag = '"abc"';
  it.each([
    [undefined, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"other"', false],
  ])('%j → %s', (header, expected) => expect(ifNoneMatchHits(header as string | undefined, etag)).toBe(expected));
});
