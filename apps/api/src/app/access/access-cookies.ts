import { Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';

import { AppConfig } from '../config/app-config';
import { decodeRoomPasses, encodeRoomPasses, RoomPass, withPass } from './room-passes';
import { SessionKeys } from './session-keys';

export const ROOM_ACCESS_COOKIE = 'recording_access';
export const OPERATOR_COOKIE = 'recording_operator';
export const OPERATOR_SESSION_MS = 12 * 3600_000;

/** The request's cookies as cookie-parser read them (a missing header reads as none). */
export function cookiesOf(request: Request): Record<string, unknown> {
  return (request.cookies as Record<string, unknown> | undefined) ?? {};
}

/** The contract's cookies: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over HTTPS. */
@Injectable()
export class AccessCookies {
  constructor(
    private readonly keys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  /** The unexpired rooms of the request's `recording_access` cookie; undefined when it is not ours (forged). */
  roomPasses(request: Request, now = Date.now()): RoomPass[] | undefined {
    const value = cookiesOf(request)[ROOM_ACCESS_COOKIE];
    if (value === undefined) return [];
    return typeof value === 'string' ? decodeRoomPasses(this.keys.roomAccess, value, now) : undefined;
  }

  /** Adds the room of a token just handed out; the cookie lives as long as that token. */
  addRoomPass(request: Request, response: Response, pass: RoomPass, now = Date.now()): void {
    const passes = withPass(this.roomPasses(request, now) ?? [], pass, now);
    response.cookie(ROOM_ACCESS_COOKIE, encodeRoomPasses(this.keys.roomAccess, passes), {
      ...this.attributes(request),
      maxAge: this.config.tokenTtlSeconds * 1000,
    });
  }

  setOperator(request: Request, response: Response, token: string): void {
    response.cookie(OPERATOR_COOKIE, token, { ...this.attributes(request), maxAge: OPERATOR_SESSION_MS });
  }

  clearAll(request: Request, response: Response): void {
    for (const name of [ROOM_ACCESS_COOKIE, OPERATOR_COOKIE]) response.clearCookie(name, this.attributes(request));
  }

  private attributes(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.secure };
  }
}
