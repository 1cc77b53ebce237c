import { type ClaimGrants, TokenVerifier, type VideoGrant } from 'livekit-server-sdk';

import { errors } from './twirp-errors';

/** LiveKit's auth middleware verifies with a one-minute leeway (`auth/verifier.go`). */
const LEEWAY_SECONDS = 60;

/**
 * Rejection by the auth middleware. LiveKit runs it before Twirp, so it answers 401 in plain text, not Twirp JSON
 * (the SDK then surfaces `code: undefined` and the text as `message`).
 */
export class AuthRejection extends Error {
  readonly httpStatus = 401;
}

/**
 * Resolves the grants of a request from its `Authorization` header, like livekit-server's `APIKeyAuthMiddleware`.
 * No header at all is not rejected here: the request continues with no grants and the service answers
 * `unauthenticated` `permissions denied`.
 */
export async function authenticate(header: string | undefined, keys: Record<string, string>): Promise<ClaimGrants | undefined> {
  if (header === undefined || header === '') return undefined;
  if (!header.startsWith('Bearer ')) {
    throw new AuthRejection('invalid authorization header. Must start with Bearer ');
  }
  const token = header.slice('Bearer '.length);
  const issuer = unverifiedIssuer(token);
  if (issuer === undefined) throw new AuthRejection('invalid authorization token');
  const secret = Object.prototype.hasOwnProperty.call(keys, issuer) ? keys[issuer] : undefined;
  if (secret === undefined) throw new AuthRejection('invalid API key');
  try {
    return await new TokenVerifier(issuer, secret).verify(token, LEEWAY_SECONDS);
  } catch (e) {
    throw new AuthRejection(`invalid authorization token: ${(e as Error).message}`);
  }
}

/** The `iss` claim, read before verification to pick the secret (as go-jose's `ParseSigned` + claims do). */
function unverifiedIssuer(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { iss?: unknown };
    if (typeof header !== 'object' || header === null) return undefined;
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

function video(claims: ClaimGrants | undefined): VideoGrant {
  return claims?.video ?? {};
}

/** Every Egress method needs `roomRecord`. */
export function requireRoomRecord(claims: ClaimGrants | undefined): void {
  if (!video(claims).roomRecord) throw errors.permissionDenied();
}

/** ListRooms needs `roomList` (not roomAdmin). */
export function requireRoomList(claims: ClaimGrants | undefined): void {
  if (!video(claims).roomList) throw errors.permissionDenied();
}

/** CreateRoom and DeleteRoom need `roomCreate`. */
export function requireRoomCreate(claims: ClaimGrants | undefined): void {
  if (!video(claims).roomCreate) throw errors.permissionDenied();
}

/** Room-scoped RoomService methods need `roomAdmin` for exactly the room of the request. */
export function requireRoomAdmin(claims: ClaimGrants | undefined, room: string): void {
  const grant = video(claims);
  if (!grant.roomAdmin || grant.room !== room) throw errors.permissionDenied();
}
