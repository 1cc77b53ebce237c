import { isValidRecordingName, parseRecordingName } from '@recording/contracts';

import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { AppConfig } from '../config/app-config';
import {
  AccessForbiddenError,
  CredentialRequiredError,
  InvalidInputError,
  RecordingNotFoundError,
  ShareLinkInvalidError,
} from '../errors/domain-errors';
import { ShareLinks } from '../recordings/catalog/share-links';
import { roomNameProblem } from '../validation/name-validators';
import { ACCESS_RULE } from './access.decorators';
import { setAccessGrant } from './access-grant';
import { AccessDecision, AccessRule, decideAccess } from './access-policy';
import { CredentialReader, Refusal } from './credential-reader';

const NO_CREDENTIAL_MESSAGE =
  'A credential is needed: join the room first (its access token as "Authorization: Bearer", or the recording_access cookie that POST /token sets), or sign in as operator';

/** What a rule is about: the room, and for one recording its name. */
interface Subject {
  room?: string;
  recording?: string;
}

/**
 * The one place where access is decided (the contract's Access table, {@link decideAccess}): every endpoint with an
 * access decorator passes here; endpoints without one are open, unless their path names a recording (fail closed).
 * It fails closed: the subject (the body's room, the path's recording) is validated here first, so input that names
 * nothing valid is refused with 400 in every mode and never reaches an allow. In AUTH_MODE=open every valid subject
 * is allowed; a share link's token (`/shared/<token>`) is checked in every mode, as it is the recording's only address.
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
    const request = context.switchToHttp().getRequest<Request>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      if (paramOf(request, 'recordingName') !== undefined) throw new AccessForbiddenError('This route has no access rule');
      return true;
    }
    if (rule.kind === 'shared') return this.openSharedLink(request);

    const subject = subjectOf(rule, request);
    if (this.config.access.mode === 'open') {
      setAccessGrant(request, { scope: 'all', recording: subject.recording });
      return true;
    }
    if (rule.kind === 'recording' && rule.right === 'read' && rule.shareable !== false && request.query['share'] !== undefined) {
      await this.checkShareToken(request.query['share'], subject);
      setAccessGrant(request, { scope: [], recording: subject.recording });
      return true;
    }

    const { credentials, refusals } = await this.reader.read(request);
    for (const refusal of refusals) this.logRefusal(refusal, subject);
    const bearer = refusals.find((refusal) => refusal.credential === 'bearer');
    if (bearer) {
      throw new CredentialRequiredError(
        bearer.reason === 'expired' ? 'The access token has expired: join the room again' : 'The access token is not valid',
      );
    }
    const decision = decideAccess(rule, credentials, subject.room);
    if (!decision.allowed) throw this.refuse(decision, rule, subject, credentials.passes[0]?.name);
    setAccessGrant(request, { actor: decision.actor, scope: decision.scope, recording: subject.recording });
    return true;
  }

  /** `/shared/<token>`: the token alone opens its one recording, read-only. */
  private async openSharedLink(request: Request): Promise<boolean> {
    const token = paramOf(request, 'token');
    const recording = token === undefined ? undefined : await this.shareLinks.open(token);
    if (recording === undefined) {
      this.logRefusal({ credential: 'share', reason: 'expired, revoked or forged' }, {});
      throw new ShareLinkInvalidError();
    }
    setAccessGrant(request, { scope: [], recording, shared: true });
    return true;
  }

  private async checkShareToken(token: unknown, subject: Subject): Promise<void> {
    if (typeof token === 'string' && subject.recording !== undefined && (await this.shareLinks.allows(token, subject.recording))) return;
    this.logRefusal({ credential: 'share', reason: 'expired, revoked, forged or for another recording' }, subject);
    throw new ShareLinkInvalidError();
  }

  private refuse(
    decision: Extract<AccessDecision, { allowed: false }>,
    rule: AccessRule,
    subject: Subject,
    actor: string | undefined,
  ): Error {
    if (decision.refusal === 'no credential') return new CredentialRequiredError(NO_CREDENTIAL_MESSAGE);
    this.logger.log(
      { event: 'credential.refused', credential: 'room', reason: decision.refusal, ...subject, actor, outcome: 'refused' },
      'A credential was refused',
    );
    // A recording of another room is indistinguishable from one that does not exist.
    if (rule.kind === 'recording') return new RecordingNotFoundError();
    return new AccessForbiddenError(`This credential does not cover the room "${subject.room}": join it first`);
  }

  private logRefusal(refusal: Refusal | { credential: 'share'; reason: string }, subject: Subject): void {
    this.logger.warn({ event: 'credential.refused', ...refusal, ...subject, outcome: 'refused' }, 'A credential was refused');
  }
}

/**
 * The rule's subject, validated: a recording name in the path, or a room name in the body. Anything else is refused
 * here with the 400 the contract gives invalid input, before any credential is looked at (it names no room, so the
 * answer reveals nothing).
 */
function subjectOf(rule: Exclude<AccessRule, { kind: 'shared' }>, request: Request): Subject {
  if (rule.kind === 'list') return {};
  if (rule.kind === 'recording') {
    const recording = paramOf(request, 'recordingName');
    if (!isValidRecordingName(recording)) throw new InvalidInputError('Invalid recording name');
    return { recording, room: parseRecordingName(recording)!.roomName };
  }
  const body: unknown = request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) {
    throw new InvalidInputError('Request body must be a JSON object');
  }
  const roomName = (body as { roomName?: unknown }).roomName;
  const problem = roomNameProblem(roomName);
  if (problem) throw new InvalidInputError(problem);
  return { room: roomName as string };
}

function paramOf(request: Request, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
