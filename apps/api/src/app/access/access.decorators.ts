import { SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiQuery,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';

import { InvalidInputError } from '../errors/domain-errors';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { OPERATOR_COOKIE, ROOM_ACCESS_COOKIE } from './access-cookies';
import { AccessGrant, accessGrantOf } from './access-grant';
import { AccessRule } from './access-policy';

export const ACCESS_RULE = 'recording-app:access-rule';

/** Names of the OpenAPI security schemes (declared in create-app.ts). */
export const SECURITY_SCHEMES = { bearer: 'bearer', roomCookie: ROOM_ACCESS_COOKIE, operatorCookie: OPERATOR_COOKIE, share: 'share' };

const credentialSchemes = () =>
  applyDecorators(
    ApiBearerAuth(SECURITY_SCHEMES.bearer),
    ApiCookieAuth(SECURITY_SCHEMES.roomCookie),
    ApiCookieAuth(SECURITY_SCHEMES.operatorCookie),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No credential, or an expired or invalid one' }),
  );

/** Start, stop and layout: a credential for the body's room, or the operator. */
export const RoomControlAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'room-control' } satisfies AccessRule),
    credentialSchemes(),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The credential is for another room' }),
  );

/** Listing: any credential; only the rooms it covers (the operator: all). */
export const ListAccess = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'list' } satisfies AccessRule), credentialSchemes());

const recordingNotFound = (extra = '') =>
  ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: `Recording not found (also for a recording of a room the credential does not cover)${extra}`,
  });

/** Reading one recording (stream, HEAD, poster): a credential for its room, the operator, or its share token (`?share=`). */
export const RecordingReadAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'read' } satisfies AccessRule),
    credentialSchemes(),
    ApiSecurity(SECURITY_SCHEMES.share),
    ApiQuery({ name: 'share', required: false, description: 'A share token of this recording (from a share link)' }),
    recordingNotFound(`; "${SHARE_LINK_INVALID_MESSAGE}" for a bad share token`),
  );

/** A storage URL of one recording: a credential for its room or the operator, never a share token (the URL names the room). */
export const RecordingUrlAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'read', shareable: false } satisfies AccessRule),
    credentialSchemes(),
    recordingNotFound(),
  );

/** Deleting and sharing one recording: a credential for its room, or the operator. */
export const RecordingManageAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'manage' } satisfies AccessRule),
    credentialSchemes(),
    recordingNotFound(),
  );

/** `/shared/<token>`: the share link's token in the path is the credential. */
export const SharedAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'shared' } satisfies AccessRule),
    ApiNotFoundResponse({ type: ErrorResponseDto, description: `"${SHARE_LINK_INVALID_MESSAGE}": expired, revoked or forged` }),
  );

const grantOf = (context: ExecutionContext): AccessGrant => accessGrantOf(context.switchToHttp().getRequest<Request>());

/** Who is acting: the credential's participant name, `operator`, or undefined (open mode). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext) => grantOf(context).actor);

/**
 * The recording the request is about, as the access guard validated it: the path's `:recordingName` (a name that is
 * not valid never gets here: the guard answers 400), or the one a `/shared/<token>` link opens.
 */
export const RecordingName = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { recording } = grantOf(context);
  if (recording === undefined) throw new InvalidInputError('Invalid recording name');
  return recording;
});

/** The rooms a listing may show (`all` for the operator and in open mode). */
export const AccessScope = createParamDecorator((_data: unknown, context: ExecutionContext) => grantOf(context).scope);
