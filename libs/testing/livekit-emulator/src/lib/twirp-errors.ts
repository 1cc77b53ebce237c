/** Twirp error codes LiveKit answers with, and their HTTP statuses (twirp `ServerHTTPStatusFromErrorCode`). */
export const TWIRP_HTTP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  out_of_range: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  canceled: 408,
  deadline_exceeded: 408,
  already_exists: 409,
  aborted: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unknown: 500,
  data_loss: 500,
  unimplemented: 501,
  unavailable: 503,
} as const;

export type TwirpCode = keyof typeof TWIRP_HTTP_STATUS;

/** A Twirp error as the server writes it: `{"code","msg","meta"?}` with the code's HTTP status. */
export class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    readonly msg: string,
    readonly meta: Record<string, string> = {},
  ) {
    super(`${code}: ${msg}`);
  }

  get httpStatus(): number {
    return TWIRP_HTTP_STATUS[this.code];
  }

  /** The JSON body; `meta` is omitted when empty, like twirp-go. */
  toBody(): string {
    const body: { code: string; msg: string; meta?: Record<string, string> } = { code: this.code, msg: this.msg };
    if (Object.keys(this.meta).length > 0) body.meta = this.meta;
    return JSON.stringify(body);
  }
}

/**
 * livekit-server's own errors are psrpc errors (`pkg/service/errors.go`); on their way out through Twirp their
 * message gains a "twirp error unknown: " prefix, which the real server's answers carry (seen from v1.13.5).
 */
const serviceError = (code: TwirpCode, msg: string) => new TwirpError(code, `twirp error unknown: ${msg}`);

/** Errors the LiveKit server (and so the emulator) returns with fixed wording clients may match on. */
export const errors = {
  permissionDenied: () => new TwirpError('unauthenticated', 'permissions denied'),
  roomNotFound: () => serviceError('not_found', 'requested room does not exist'),
  egressNotFound: () => serviceError('not_found', 'egress does not exist'),
  participantNotFound: () => serviceError('not_found', 'participant does not exist'),
  cannotStop: (status: string) => serviceError('failed_precondition', `egress with status ${status} cannot be stopped`),
  noResponse: () => serviceError('unavailable', 'no response from servers'),
  egressNotConnected: () => serviceError('internal', 'egress not connected (redis required)'),
  badRoute: (msg: string, method: string, path: string) => new TwirpError('bad_route', msg, { twirp_invalid_route: `${method} ${path}` }),
  malformed: () => new TwirpError('malformed', 'the json request could not be decoded'),
};
