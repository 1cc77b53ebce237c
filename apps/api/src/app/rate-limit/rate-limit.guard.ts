import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

import { RateLimitedError } from '../errors/domain-errors';
import { RATE_LIMITED } from './rate-limited.decorator';

/**
 * @nestjs/throttler on the endpoints marked {@link RateLimited} only (POST /token, operator sign-in, every recording
 * mutation), counted per client address and endpoint. Registered before the access guard, so refused credentials
 * count too. A 429 leaves as a domain error: the one filter answers it with `{errorMessage}` and `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.reflector.getAllAndOverride<boolean | undefined>(RATE_LIMITED, [context.getHandler(), context.getClass()]);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(1, detail.timeToBlockExpire));
  }
}
