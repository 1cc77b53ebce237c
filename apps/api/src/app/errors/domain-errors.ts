import { SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

/**
 * What can go wrong, in the domain's words. Services throw these; {@link ApiExceptionFilter} is the one
 * place that turns them into HTTP statuses and `{errorMessage}` bodies.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type DomainErrorKind =
  | 'invalid-input'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'retry-later'
  | 'upstream-unavailable'
  | 'upstream-failed';

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid-input';
}

export class RecordingNotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor() {
    super('Recording not found');
  }
}

export class RecordingAlreadyActiveError extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('Recording already started for this room');
  }
}

export class RecordingNotActiveError extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('Recording not started for this room');
  }
}

export class SoundOnlyRecordingError extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('This recording records sound only: it has no layout to change');
  }
}

export class RoomNotRecordableError extends DomainError {
  readonly kind = 'conflict';
}

export class RecordingInProgressError extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('Recording is still being written; stop the recording and wait for it to finish before deleting it');
  }
}

export class RoomBusyError extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('Another recording request for this room is in progress; try again in a moment');
  }
}

export class InvalidWebhookError extends DomainError {
  readonly kind = 'unauthorized';
}

/** No credential, or one that is expired, forged or signed by someone else (401). */
export class CredentialRequiredError extends DomainError {
  readonly kind = 'unauthorized';
}

/** A valid credential that does not allow this (403): another room, or no right to record. */
export class AccessForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

/** Operator sign-in with the wrong secret (401). */
export class WrongOperatorSecretError extends DomainError {
  readonly kind = 'unauthorized';
  constructor() {
    super('Wrong operator secret');
  }
}

/** Operator sign-in on a server without OPERATOR_SECRET (404). */
export class OperatorSignInDisabledError extends DomainError {
  readonly kind = 'not-found';
  constructor() {
    super('This server has no operator sign-in (OPERATOR_SECRET is not set)');
  }
}

/** An expired, revoked, forged or other-recording share token: one answer for all, so none can be told apart. */
export class ShareLinkInvalidError extends DomainError {
  readonly kind = 'not-found';
  constructor() {
    super(SHARE_LINK_INVALID_MESSAGE);
  }
}

/** A path the API serves, asked with a method it does not serve there (405 with `Allow`). */
export class MethodNotAllowedError extends DomainError {
  readonly kind = 'method-not-allowed';
  constructor(
    method: string,
    path: string,
    /** The methods the path is served with. */
    readonly allowed: string[],
  ) {
    super(`${method} is not served at ${path}: it answers ${allowed.join(', ')}`);
  }
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests from this address: try again in ${retryAfterSeconds} s`);
  }
}

/** A webhook that could not be applied now (its room is busy): LiveKit delivers it again after a 5xx. */
export class WebhookDeferredError extends DomainError {
  readonly kind = 'retry-later';
  constructor() {
    super('The room is busy with another recording change; deliver this event again');
  }
}

export type Upstream = 'livekit' | 'storage' | 'ffmpeg' | 'recorder';

abstract class UpstreamError extends DomainError {
  constructor(
    /** Which dependency failed, for the operator's log. */
    readonly upstream: Upstream,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** LiveKit or the blob storage could not be reached (or answered "unavailable"). */
export class UpstreamUnavailableError extends UpstreamError {
  readonly kind = 'upstream-unavailable';
}

/** LiveKit has no Egress connected (a dev server without Redis): it cannot record, and it records nothing now. */
export class EgressMissingError extends UpstreamUnavailableError {}

/** LiveKit or the blob storage answered with an error. */
export class UpstreamFailedError extends UpstreamError {
  readonly kind = 'upstream-failed';
}
