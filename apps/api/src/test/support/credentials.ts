import { createHmac } from 'node:crypto';

import { requestJson } from './http';
import { API_KEY, API_SECRET } from './test-server';

export interface RoomTokenOptions {
  name?: string;
  /** LiveKit's `roomRecord` grant, which POST /token never gives: such a token is worth no more to the API. */
  roomRecord?: boolean;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Another secret: a token LiveKit would refuse too. */
  secret?: string;
  apiKey?: string;
  /** Leaves `video.room` out. */
  withoutRoom?: boolean;
}

/**
 * A LiveKit access token signed here (HS256, like LiveKit's SDK), so tests can make the ones the server must refuse
 * as well: expired, signed with another secret or without a room (and one with `roomRecord`, which buys nothing).
 */
export function roomToken(room: string, options: RoomTokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const video: Record<string, unknown> = { roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true };
  if (!options.withoutRoom) video['room'] = room;
  if (options.roomRecord) video['roomRecord'] = true;
  const payload = {
    iss: options.apiKey ?? API_KEY,
    sub: `${options.name ?? 'Tester'}#test`,
    name: options.name ?? 'Tester',
    nbf: now - 60,
    exp: now + (options.expiresIn ?? 3600),
    video,
  };
  return signJwt(payload, options.secret ?? API_SECRET);
}

export function signJwt(payload: object, secret: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** `Authorization` header of a valid room credential, with the grants of POST /token. */
export const roomAuth = (room: string, options: RoomTokenOptions = {}): Record<string, string> => bearer(roomToken(room, options));

/** Signs in as operator (the server must have OPERATOR_SECRET) and returns the `Authorization` header. */
export async function operatorAuth(serverUrl: string, secret: string): Promise<Record<string, string>> {
  const response = await requestJson<{ token: string }>(`${serverUrl}/auth/operator`, { method: 'POST', body: { secret } });
  if (response.status !== 200) throw new Error(`Operator sign-in failed: HTTP ${response.status}`);
  return bearer(response.body.token);
}

/** The `name=value` pairs of a response's Set-Cookie headers, to send back as a browser would. */
export function cookieHeader(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');
}

/** Joins the rooms one after the other like one browser (POST /token, sending back its cookie); the Cookie header. */
export async function joinedRoomsCookie(serverUrl: string, rooms: readonly string[], participantName = 'Viewer'): Promise<string> {
  let cookie = '';
  for (const roomName of rooms) {
    const response = await requestJson(`${serverUrl}/token`, { method: 'POST', body: { roomName, participantName }, headers: { cookie } });
    if (response.status !== 200) throw new Error(`POST /token failed: HTTP ${response.status}`);
    cookie = cookieHeader(response.headers) || cookie;
  }
  return cookie;
}
