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
 * deleted meanwhile shift nothing and repeat nothing. Clients pass them back as they are; their syntax is this
 * pattern (which the OpenAPI document gives), and every string it matches is a position: its start time in epoch
 * milliseconds, a dot, and its name in base64url. A forged token can only choose where a listing starts.
 */
export const PAGE_TOKEN_PATTERN = /^[0-9]{1,15}\.[A-Za-z0-9_-]{0,2200}$/;
/** Start times a token carries: anything outside is clamped (none is: 10^15 ms is the year 33658). */
const LATEST_TOKEN_START = 10 ** 15 - 1;

export function encodePageToken(last: PagePosition): string {
  const startedAt = Math.min(Math.max(Math.trunc(last.startedAt), 0), LATEST_TOKEN_START);
  return `${startedAt}.${Buffer.from(last.name, 'utf8').toString('base64url')}`;
}

/** Undefined when the token does not match {@link PAGE_TOKEN_PATTERN}. */
export function decodePageToken(token: string): PagePosition | undefined {
  if (!PAGE_TOKEN_PATTERN.test(token)) return undefined;
  const [startedAt, name] = token.split('.');
  return { startedAt: Number(startedAt), name: Buffer.from(name, 'base64url').toString('utf8') };
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
