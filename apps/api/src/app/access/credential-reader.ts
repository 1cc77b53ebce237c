import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { AccessTokenService } from '../livekit/access-token.service';
import { AccessCookies, cookieOf, OPERATOR_COOKIE, ROOM_ACCESS_COOKIE } from './access-cookies';
import { Credentials } from './access-policy';
import { OperatorSessions } from './operator-sessions';
import { RoomPass } from './room-passes';

/** A credential that was presented and not accepted, for the log (never the credential itself). */
export interface Refusal {
  credential: 'bearer' | typeof ROOM_ACCESS_COOKIE | typeof OPERATOR_COOKIE;
  reason: string;
}

export interface CredentialReading {
  credentials: Credentials;
  refusals: Refusal[];
}

/** A JWT has three dot-separated parts; the operator token two. */
const JWT_SHAPE = /^[^.]+\.[^.]+\.[^.]+$/;

/** Reads every credential a request carries: `Authorization: Bearer` (room or operator token) and the two cookies. */
@Injectable()
export class CredentialReader {
  constructor(
    private readonly roomTokens: AccessTokenService,
    private readonly operators: OperatorSessions,
    private readonly cookies: AccessCookies,
  ) {}

  async read(request: Request, now = Date.now()): Promise<CredentialReading> {
    const refusals: Refusal[] = [];
    const passes: RoomPass[] = [];
    let operator = false;

    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      if (JWT_SHAPE.test(bearer)) {
        const check = await this.roomTokens.verify(bearer);
        if (check.valid) passes.push(check.token);
        else refusals.push({ credential: 'bearer', reason: check.refusal });
      } else {
        const check = await this.operators.check(bearer, now);
        if (check === 'valid') operator = true;
        else refusals.push({ credential: 'bearer', reason: operatorRefusal(check) });
      }
    }

    const operatorCookie = cookieOf(request, OPERATOR_COOKIE);
    if (operatorCookie !== undefined) {
      const check = typeof operatorCookie === 'string' ? await this.operators.check(operatorCookie, now) : 'not ours';
      if (check === 'valid') operator = true;
      else refusals.push({ credential: OPERATOR_COOKIE, reason: operatorRefusal(check) });
    }

    const cookiePasses = this.cookies.roomPasses(request, now);
    if (cookiePasses) passes.push(...cookiePasses);
    else refusals.push({ credential: ROOM_ACCESS_COOKIE, reason: 'invalid signature or format' });

    return { credentials: { operator, passes }, refusals };
  }
}

function operatorRefusal(check: 'expired' | 'signed out' | 'not ours'): string {
  return check === 'not ours' ? 'invalid signature or format' : check;
}
