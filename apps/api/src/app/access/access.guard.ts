import { isValidRoomName, parseRecordingName } from '@recording/contracts';

import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { AppConfig } from '../config/app-config';
import { AccessForbiddenError, CredentialRequiredError, RecordingNotFoundError, ShareLinkInvalidError } from '../errors/domain-errors';
import { ACCESS_RULE } from './access.decorators';
import { setAccessGrant } from './access-grant';
import { AccessDecision, AccessRule, decideAccess } from './access-policy';
import { CredentialReader, Refusal } from './credential-reader';
import { ShareLinks } from './share-links';

const NO_CREDENTIAL_MESSAGE =
  'A credential is needed: join the room first (its access token as "Authorization: Bearer", or the recording_access cookie that POST /token sets), or sign in as operator';

/**
 * The one place where access is decided (the contract's Access table, {@link decideAccess}): every endpoint with an
 * access decorator passes here; endpoints without one are open. In AUTH_MODE=open everything is open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly reader: CredentialReader,
    private readonly shareLinks: ShareLinks,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule || this.config.access.mode === 'open') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const recording = rule.kind === 'recording' ? recordingNameOf(request) : undefined;
    const room = rule.kind === 'recording' ? recording && parseRecordingName(recording)?.roomName : roomNameOf(request);

    if (rule.kind === 'recording' && rule.right === 'read' && request.query['share'] !== undefined) {
      await this.checkShareToken(request.query['share'], recording, room);
      setAccessGrant(request, { scope: [] });
      return true;
    }

    const { credentials, refusals } = await this.reader.read(request);
    for (const refusal of refusals) this.logRefusal(refusal, room, recording);
    const bearer = refusals.find((refusal) => refusal.credential === 'bearer');
    if (bearer) {
      throw new CredentialRequiredError(
        bearer.reason === 'expired' ? 'The access token has expired: join the room again' : 'The access token is not valid',
      );
    }
    const decision = decideAccess(rule, credentials, room);
    if (!decision.allowed) throw this.refuse(decision, rule, room, recording, credentials.passes[0]?.name);
    setAccessGrant(request, { actor: decision.actor, scope: decision.scope });
    return true;
  }

  private async checkShareToken(token: unknown, recording: string | undefined, room: string | undefined): Promise<void> {
    if (typeof token === 'string' && recording !== undefined && (await this.shareLinks.allows(token, recording))) return;
    this.logRefusal({ credential: 'share', reason: 'expired, revoked, forged or for another recording' }, room, recording);
    throw new ShareLinkInvalidError();
  }

  private refuse(
    decision: Extract<AccessDecision, { allowed: false }>,
    rule: AccessRule,
    room: string | undefined,
    recording: string | undefined,
    actor: string | undefined,
  ): Error {
    if (decision.refusal === 'no credential') return new CredentialRequiredError(NO_CREDENTIAL_MESSAGE);
    this.logger.log(
      { event: 'credential.refused', credential: 'room', reason: decision.refusal, room, recording, actor, outcome: 'refused' },
      'A credential was refused',
    );
    // A recording of another room is indistinguishable from one that does not exist.
    if (rule.kind === 'recording' && decision.refusal === 'other room') return new RecordingNotFoundError();
    return new AccessForbiddenError(
      decision.refusal === 'other room'
        ? `This credential does not cover the room "${room}": join it first`
        : `This credential may not record or manage the recordings of the room "${room}"`,
    );
  }

  private logRefusal(refusal: Refusal | { credential: 'share'; reason: string }, room?: string, recording?: string): void {
    this.logger.warn({ event: 'credential.refused', ...refusal, room, recording, outcome: 'refused' }, 'A credential was refused');
  }
}

function recordingNameOf(request: Request): string | undefined {
  const name = (request.params as Record<string, unknown> | undefined)?.['recordingName'];
  return typeof name === 'string' ? name : undefined;
}

function roomNameOf(request: Request): string | undefined {
  const roomName = (request.body as { roomName?: unknown } | undefined)?.roomName;
  return typeof roomName === 'string' && isValidRoomName(roomName) ? roomName : undefined;
}
