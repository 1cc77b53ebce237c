import { Recording } from '@recording/contracts';

export interface PagePosition {
  startedAt: number;
  name: string;
}

/** Newest first; equal start times by name, so the order is total and pages never overlap. */
export function compareNewestFirst(a: PagePosition, b: PagePosition): number {
  return b.startedAt - a.startedAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Page tokens mark the last recording of the previous page (keyset pagination): recordings added or
 * deleted meanwhile shift nothing and repeat nothing.
 */
export function encodePageToken(last: Recording): string {
  return Buffer.from(JSON.stringify([last.startedAt, last.name]), 'utf8').toString('base64url');
}

/** Undefined when the token was not made by {@link encodePageToken}. */
export function decodePageToken(token: string): PagePosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { startedAt: value[0], name: value[1] };
    }
  } catch {
    // not JSON: an invalid token
  }
  return undefined;
}

/** One page of recordings sorted by {@link compareNewestFirst}. */
export function pageOf(
  sorted: Recording[],
  maxItems: number | undefined,
  after: PagePosition | undefined,
): { recordings: Recording[]; nextPageToken?: string } {
  const start = after ? sorted.findIndex((recording) => compareNewestFirst(recording, after) > 0) : 0;
  const remaining = start < 0 ? [] : sorted.slice(start);
  if (maxItems === undefined || remaining.length <= maxItems) return { recordings: remaining };
  const recordings = remaining.slice(0, maxItems);
  return { recordings, nextPageToken: encodePageToken(recordings[recordings.length - 1]) };
}
