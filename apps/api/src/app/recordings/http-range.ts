/**
 * The Range matrix of the contract (RFC 9110 §14), as a pure function of the request headers and the
 * file: what to send, never how.
 */
export type RangeDecision =
  /** Send the whole file (200): no Range, or a Range we ignore. */
  | { kind: 'full' }
  /** Send bytes start..end inclusive (206). */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };
const SINGLE_BYTE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)$/i;

/**
 * @param header the `Range` header, if any
 * @param size file size in bytes
 * @param portionSize bytes served for an open-ended `bytes=a-`
 */
export function resolveRange(header: string | undefined, size: number, portionSize: number): RangeDecision {
  if (header === undefined) return FULL;
  const match = SINGLE_BYTE_RANGE.exec(header.trim());
  // Another unit, a malformed spec, or several ranges (a comma never matches): ignore the header.
  if (!match) return FULL;
  const [, first, last] = match;

  if (first === '') {
    if (last === '') return FULL;
    const suffixLength = Number(last);
    if (suffixLength === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: size - Math.min(suffixLength, size), end: size - 1 };
  }

  const start = Number(first);
  if (last !== '' && Number(last) < start) return FULL;
  if (start >= size) return UNSATISFIABLE;
  const end = last === '' ? start + portionSize - 1 : Number(last);
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/**
 * `If-Range`: the range applies only while the representation is unchanged. An entity tag must match
 * the current ETag strongly; a date must equal Last-Modified (to the second, as HTTP dates are).
 */
export function ifRangeAllowsPartial(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('W/')) return false;
  if (value.startsWith('"')) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}

/** `If-None-Match`: true when the client's copy is current (answer 304). */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || etag === '') return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
