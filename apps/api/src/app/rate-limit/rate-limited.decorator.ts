import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

import { ApiErrorResponses, RETRY_AFTER_HEADER } from '../errors/api-error-responses';

export const RATE_LIMITED = 'recording-app:rate-limited';

/**
 * The two budgets per client address and minute: `mutation` (POST /token, sign-in, every recording mutation: RATE_LIMIT)
 * and `listing` (the listings, each of which may read storage once per room a credential covers: a higher limit,
 * {@link LISTING_LIMIT_FACTOR} × RATE_LIMIT). The throttler named `default` is the mutations' one.
 */
export type RateLimitKind = 'mutation' | 'listing';

export const THROTTLER_OF: Record<RateLimitKind, string> = { mutation: 'default', listing: 'listing' };
export const LISTING_LIMIT_FACTOR = 5;

/** Counts the endpoint's requests against its budget per minute per client address (429 with Retry-After past it). */
export const RateLimited = (kind: RateLimitKind = 'mutation') => {
  const others = Object.entries(THROTTLER_OF).filter(([other]) => other !== kind);
  return applyDecorators(
    SetMetadata(RATE_LIMITED, true),
    SkipThrottle(Object.fromEntries(others.map(([, throttler]) => [throttler, true]))),
    ApiErrorResponses({
      429: {
        description:
          kind === 'mutation'
            ? 'More than RATE_LIMIT requests in a minute from this address; Retry-After says when to try again'
            : `More than ${LISTING_LIMIT_FACTOR} × RATE_LIMIT listings in a minute from this address; Retry-After says when to try again`,
        headers: RETRY_AFTER_HEADER,
      },
    }),
  );
};
