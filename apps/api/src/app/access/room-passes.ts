import { isValidParticipantName, isValidRoomName } from '@recording/contracts';

import { TokenSigner } from './signed-token';

/** One room a credential covers: from a Bearer room token, or one entry of the `recording_access` cookie. */
export interface RoomPass {
  room: string;
  /** The participant name of the token (the actor of what it starts or stops). */
  name: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The contract: the cookie lists the 20 rooms this browser joined most recently. */
export const MAX_COOKIE_ROOMS = 20;
/**
 * Browsers keep cookies up to 4096 bytes (name and attributes included): with long names, the oldest rooms leave
 * the cookie before it reaches that size.
 */
const MAX_COOKIE_VALUE_LENGTH = 3600;

type EncodedPass = [room: string, name: string, expiresAtSeconds: number];

/** The passes with `pass` first: one per room (the newest), none expired, at most {@link MAX_COOKIE_ROOMS}. */
export function withPass(passes: readonly RoomPass[], pass: RoomPass, now: number): RoomPass[] {
  return [pass, ...passes.filter((other) => other.room !== pass.room && other.expiresAt > now)].slice(0, MAX_COOKIE_ROOMS);
}

/** The cookie value for the passes, dropping the oldest until it fits a browser's cookie. */
export function encodeRoomPasses(signer: TokenSigner, passes: readonly RoomPass[]): string {
  for (let count = passes.length; count > 0; count--) {
    const encoded: EncodedPass[] = passes.slice(0, count).map((pass) => [pass.room, pass.name, Math.floor(pass.expiresAt / 1000)]);
    const value = signer.sign({ p: encoded });
    if (value.length <= MAX_COOKIE_VALUE_LENGTH) return value;
  }
  return signer.sign({ p: [] });
}

/**
 * The unexpired passes of a cookie value; undefined when the value was not signed by us (forged or garbled). Cookies
 * written before browser tokens lost `roomRecord` carry a fourth field per entry; it is ignored, as a room's
 * credential is all the API asks for.
 */
export function decodeRoomPasses(signer: TokenSigner, value: string, now: number): RoomPass[] | undefined {
  const payload = signer.verify(value) as { p?: unknown } | undefined;
  if (!payload || !Array.isArray(payload.p)) return undefined;
  return payload.p.flatMap((entry: unknown): RoomPass[] => {
    if (!Array.isArray(entry) || entry.length < 3 || entry.length > 4) return [];
    const [room, name, expiresAtSeconds] = entry as unknown[];
    if (typeof room !== 'string' || !isValidRoomName(room) || typeof name !== 'string' || !isValidParticipantName(name)) return [];
    if (typeof expiresAtSeconds !== 'number' || expiresAtSeconds * 1000 <= now) return [];
    return [{ room, name, expiresAt: expiresAtSeconds * 1000 }];
  });
}
