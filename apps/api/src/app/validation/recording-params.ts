import { InvalidInputError } from '../errors/domain-errors';

/** The Swagger description of the `:recordingName` path parameter. */
export const NAME_PARAM = {
  name: 'recordingName',
  description: 'Recording name (URL-encoded), e.g. RoomComposite-Test%20Room-2026-11-23T101500-RM_abc123.mp4',
};

/** The Swagger description of a share link's `:token` path parameter. */
export const SHARE_TOKEN_PARAM = {
  name: 'token',
  description: 'The opaque token of a share link (the last part of /watch/<token>)',
};

/** `?download=`: 1/true asks for an attachment, 0/false or nothing for inline. */
export function downloadFlag(value: unknown): boolean {
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new InvalidInputError('download must be 1 or 0');
}
