import { NAME_PATTERNS } from '@recording/contracts';

import type { ApiParamOptions, ApiQueryOptions } from '@nestjs/swagger';

import { InvalidInputError } from '../errors/domain-errors';

/** The `:recordingName` path parameter: the contract's name pattern (anything else is 400, before any credential is read). */
export const NAME_PARAM: ApiParamOptions = {
  name: 'recordingName',
  description:
    'Recording name, URL-encoded in the path (a space is %20), e.g. RoomComposite-Test%20Room-2026-11-23T101500-RM_abc123.mp4. ' +
    'A name that does not match is 400 on every operation that takes one.',
  schema: { type: 'string', pattern: NAME_PATTERNS.recordingName },
};

/** A share link's `:token` path parameter: whatever it is, a token that does not open a recording is 404. */
export const SHARE_TOKEN_PARAM: ApiParamOptions = {
  name: 'token',
  description: 'The opaque token of a share link (the last part of /watch/<token>)',
  schema: { type: 'string' },
};

/** `?share=` on the routes that read one recording. */
export const SHARE_QUERY: ApiQueryOptions = {
  name: 'share',
  required: false,
  description: 'A share token of this recording (from a share link); read in AUTH_MODE=room only',
  schema: { type: 'string' },
};

const DOWNLOAD_VALUES = ['1', 'true', '0', 'false'];

/** `?download=`: the values {@link downloadFlag} reads. */
export const DOWNLOAD_QUERY: ApiQueryOptions = {
  name: 'download',
  required: false,
  description: '1 or true: as an attachment (Content-Disposition); 0, false or absent: inline',
  schema: { type: 'string', enum: DOWNLOAD_VALUES },
};

/** `?download=`: 1/true asks for an attachment, 0/false or nothing for inline. */
export function downloadFlag(value: unknown): boolean {
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new InvalidInputError('download must be 1 or 0');
}
