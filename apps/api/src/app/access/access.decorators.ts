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

/** Start and stop: a credential for the body's room with `roomRecord`, or the operator. */
export const RoomControlAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'room-control' } satisfies AccessRule),
    credentialSchemes(),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The credential is for another room, or has no roomRecord' }),
  );

/** Listing: any credential; only the rooms it covers (the operator: all). */
export const ListAccess = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'list' } satisfies AccessRule), credentialSchemes());

/** Reading one recording (stream, HEAD, URL, poster): a credential for its room, the operator, or its share token. */
export const RecordingReadAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'read' } satisfies AccessRule),
    credentialSchemes(),
    ApiSecurity(SECURITY_SCHEMES.share),
    ApiQuery({ name: 'share', required: false, description: 'A share token of this recording (from a share link)' }),
    ApiNotFoundResponse({
      type: ErrorResponseDto,
      description: `Recording not found (also for a recording of a room the credential does not cover); "${SHARE_LINK_INVALID_MESSAGE}" for a bad share token`,
    }),
  );

/** Deleting and sharing one recording: a credential for its room with `roomRecord`, or the operator. */
export const RecordingManageAccess = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'recording', right: 'manage' } satisfies AccessRule),
    credentialSchemes(),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: "The credential is for the recording's room but has no roomRecord" }),
    ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Recording not found (also for a room the credential does not cover)' }),
  );

const grantOf = (context: ExecutionContext): AccessGrant => accessGrantOf(context.switchToHttp().getRequest<Request>());

/** Who is acting: the credential's participant name, `operator`, or undefined (open mode). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext) => grantOf(context).actor);

/** The rooms a listing may show (`all` for the operator and in open mode). */
export const AccessScope = createParamDecorator((_data: unknown, context: ExecutionContext) => grantOf(context).scope);
