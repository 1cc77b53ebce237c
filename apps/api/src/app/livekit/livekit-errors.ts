import { ServerError } from 'livekit-server-sdk';

import { EgressMissingError, UpstreamFailedError, UpstreamUnavailableError } from '../errors/domain-errors';

const UNAVAILABLE_STATUSES = new Set([408, 429, 502, 503, 504]);
/** livekit-server without Redis (a single dev node): every Egress call fails with this. */
const EGRESS_MISSING = /egress not connected/i;

/** HTTP status LiveKit answered with, undefined when it did not answer (refused, reset, timed out). */
export function liveKitStatusOf(error: unknown): number | undefined {
  return error instanceof ServerError ? error.status : undefined;
}

/**
 * LiveKit unreachable, timed out or "unavailable" (e.g. no egress worker) → 503; any other answer → 500.
 * The message names what failed; LiveKit's own message is kept (it carries no secrets), SDK internals are not.
 */
export function toLiveKitError(action: string, url: string, error: unknown): Error {
  if (error instanceof ServerError && EGRESS_MISSING.test(error.message)) {
    return new EgressMissingError(
      'livekit',
      `Recording needs LiveKit Egress, and the LiveKit server at ${url} has none connected (Egress and Redis are not running): ` +
        'start them, e.g. docker compose up -d redis egress',
      { cause: error },
    );
  }
  if (error instanceof ServerError) {
    if (UNAVAILABLE_STATUSES.has(error.status)) {
      return new UpstreamUnavailableError('livekit', `LiveKit is unavailable (could not ${action}): ${error.message}`, { cause: error });
    }
    return new UpstreamFailedError('livekit', `LiveKit failed to ${action}: ${error.message} (HTTP ${error.status})`, { cause: error });
  }
  return new UpstreamUnavailableError('livekit', `LiveKit server at ${url} is unreachable (could not ${action})`, { cause: error });
}
