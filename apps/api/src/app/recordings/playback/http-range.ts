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

/**
 * What a `Range` header asks for, read without knowing the file's size, so that storage can be asked for
 * those bytes at once: nothing (no header, or one we ignore), bytes from a start (to an end, or one
 * portion), or the last `length` bytes.
 */
export type RangeRequest = { kind: 'none' } | { kind: 'from'; start: number; end?: number } | { kind: 'suffix'; length: number };

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };
const NONE: RangeRequest = { kind: 'none' };
const SINGLE_BYTE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)$/i;

export function parseRange(header: string | undefined): RangeRequest {
  if (header === undefined) return NONE;
  const match = SINGLE_BYTE_RANGE.exec(header.trim());
  // Another unit, a malformed spec, or several ranges (a comma never matches): ignore the header.
  if (!match) return NONE;
  const [, first, last] = match;
  if (first === '') return last === '' ? NONE : { kind: 'suffix', length: Number(last) };
  const start = Number(first);
  if (last === '') return { kind: 'from', start };
  // An end before the start is invalid syntax (RFC 9110 §14.1.1): ignored like any other.
  return Number(last) < start ? NONE : { kind: 'from', start, end: Number(last) };
}

/** How many bytes storage is asked for, from `start`, for a `from` request: to its end, or one portion. */
export function countFrom(request: { start: number; end?: number }, portionSize: number): number {
  return request.end === undefined ? portionSize : request.end - request.start + 1;
}

/**
 * @param header the `Range` header, if any
 * @param size file size in bytes
 * @param portionSize bytes served for an open-ended `bytes=a-`
 */
export function resolveRange(header: string | undefined, size: number, portionSize: number): RangeDecision {
  const request = parseRange(header);
  switch (request.kind) {
    case 'none':
      return FULL;
    case 'suffix':
      if (request.length === 0 || size === 0) return UNSATISFIABLE;
      return { kind: 'partial', start: size - Math.min(request.length, size), end: size - 1 };
    case 'from':
      if (request.start >= size) return UNSATISFIABLE;
      return { kind: 'partial', start: request.start, end: Math.min(request.start + countFrom(request, portionSize) - 1, size - 1) };
  }
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
