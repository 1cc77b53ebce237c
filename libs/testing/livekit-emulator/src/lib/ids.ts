import { randomInt } from 'node:crypto';

/** The shortuuid base57 alphabet LiveKit's `guid.New` draws from (no 0, 1, I, O, l). */
export const BASE57_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export type IdPrefix = 'EG_' | 'RM_' | 'PA_' | 'TR_' | 'EV_';

/** `prefix` + 12 random base57 characters, the shape of every LiveKit id (`EG_…`, `RM_…`, `EV_…`). */
export function newId(prefix: IdPrefix): string {
  let id = prefix;
  for (let i = 0; i < 12; i++) id += BASE57_ALPHABET[randomInt(BASE57_ALPHABET.length)];
  return id;
}

/** Current time as Unix nanoseconds, the unit of every EgressInfo/FileInfo timestamp. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
