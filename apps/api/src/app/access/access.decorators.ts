import { SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiQuery, ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';

import { ApiErrorResponses } from '../errors/api-error-responses';
import { InvalidInputError } from '../errors/domain-errors';
import { NAME_PARAM, SHARE_QUERY, SHARE_TOKEN_PARAM } from '../validation/recording-params';
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
    ApiErrorResponses({ 401: 'No credential, or an expired or invalid one (never in AUTH_MODE=open)' }),
  );

/** Start, stop and layout: a credential for the body's room, or the operator. The guard validates the room first. */
export const RoomControlAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'room-control' } satisfies AccessRule),
    credentialSchemes(),
    ApiErrorResponses({
      400: 'The body is not a JSON object, or its roomName is missing or invalid',
      403: 'The credential is for another room',
    }),
  );

/** Listing: any credential; only the rooms it covers (the operator: all). */
export const ListAccess = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'list' } satisfies AccessRule), credentialSchemes());

/** The path's `:recordingName`, which the guard validates (400) before it reads any credential. */
const recordingSubject = (notFound = '') =>
  applyDecorators(
    ApiParam(NAME_PARAM),
    ApiErrorResponses({
      400: 'Invalid recording name, or a path that is not correctly percent-encoded',
      404: `Recording not found (also for a recording of a room the credential does not cover)${notFound}`,
    }),
  );

/** Reading one recording (stream, HEAD, poster): a credential for its room, the operator, or its share token (`?share=`). */
export const RecordingReadAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'read' } satisfies AccessRule),
    credentialSchemes(),
    ApiSecurity(SECURITY_SCHEMES.share),
    ApiQuery(SHARE_QUERY),
    recordingSubject(`; "${SHARE_LINK_INVALID_MESSAGE}" for a share token that is not this recording's (AUTH_MODE=room)`),
  );

/** A storage URL of one recording: a credential for its room or the operator, never a share token (the URL names the room). */
export const RecordingUrlAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'read', shareable: false } satisfies AccessRule),
    credentialSchemes(),
    recordingSubject(),
  );

/** Deleting and sharing one recording: a credential for its room, or the operator. */
export const RecordingManageAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'manage' } satisfies AccessRule),
    credentialSchemes(),
    recordingSubject(),
  );

/** `/shared/<token>`: the share link's token in the path is the credential. */
export const SharedAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'shared' } satisfies AccessRule),
    ApiParam(SHARE_TOKEN_PARAM),
    ApiErrorResponses({
      400: 'A path that is not correctly percent-encoded',
      404: `"${SHARE_LINK_INVALID_MESSAGE}": expired, revoked or forged, or its recording is gone`,
      503: 'Storage cannot be reached to check the link; try again later',
    }),
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
