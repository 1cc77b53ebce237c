import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';

import { AppConfig } from '../config/app-config';
import { decodeRoomPasses, encodeRoomPasses, RoomPass, withPass } from './room-passes';
import { SessionKeys } from './session-keys';

export const ROOM_ACCESS_COOKIE = 'recording_access';
export const OPERATOR_COOKIE = 'recording_operator';
export const OPERATOR_SESSION_MS = 12 * 3600_000;

/**
 * Over HTTPS the cookies carry the `__Host-` prefix: browsers then take them only with Secure, Path=/ and no Domain,
 * so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite them.
 */
const HOST_PREFIX = '__Host-';

/** The request's cookies as cookie-parser read them (a missing header reads as none). */
export function cookiesOf(request: Request): Record<string, unknown> {
  return (request.cookies as Record<string, unknown> | undefined) ?? {};
}

/** A cookie's value: the `__Host-` one when the request came over HTTPS, else the plain one. */
export function cookieOf(request: Request, name: string): unknown {
  const cookies = cookiesOf(request);
  return request.secure ? cookies[`${HOST_PREFIX}${name}`] : cookies[name];
}

/** The contract's cookies: HttpOnly, SameSite=Strict, Path=/; over HTTPS Secure and named with `__Host-`. */
@Injectable()
export class AccessCookies {
  constructor(
    private readonly keys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  /** The unexpired rooms of the request's `recording_access` cookie; undefined when it is not ours (forged). */
  roomPasses(request: Request, now = Date.now()): RoomPass[] | undefined {
    const value = cookieOf(request, ROOM_ACCESS_COOKIE);
    if (value === undefined) return [];
    return typeof value === 'string' ? decodeRoomPasses(this.keys.roomAccess, value, now) : undefined;
  }

  /** Adds the room of a token just handed out; the cookie lives as long as that token. */
  addRoomPass(request: Request, response: Response, pass: RoomPass, now = Date.now()): void {
    const passes = withPass(this.roomPasses(request, now) ?? [], pass, now);
    response.cookie(nameFor(request, ROOM_ACCESS_COOKIE), encodeRoomPasses(this.keys.roomAccess, passes), {
      ...attributes(request),
      maxAge: this.config.tokenTtlSeconds * 1000,
    });
  }

  setOperator(request: Request, response: Response, token: string): void {
    response.cookie(nameFor(request, OPERATOR_COOKIE), token, { ...attributes(request), maxAge: OPERATOR_SESSION_MS });
  }

  clearAll(request: Request, response: Response): void {
    for (const name of [ROOM_ACCESS_COOKIE, OPERATOR_COOKIE]) response.clearCookie(nameFor(request, name), attributes(request));
  }
}

function nameFor(request: Request, name: string): string {
  return request.secure ? `${HOST_PREFIX}${name}` : name;
}

function attributes(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.secure };
}
