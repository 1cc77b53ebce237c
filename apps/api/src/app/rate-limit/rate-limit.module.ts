import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { AppConfig } from '../config/app-config';
import { RateLimitGuard } from './rate-limit.guard';
import { LISTING_LIMIT_FACTOR, THROTTLER_OF } from './rate-limited.decorator';

const MINUTE_MS = 60_000;

/** RATE_LIMIT mutations and a multiple of it in listings per minute per client address (in this process's memory); 0 turns both off. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: THROTTLER_OF.mutation, ttl: MINUTE_MS, limit: Math.max(1, config.access.rateLimit) },
          { name: THROTTLER_OF.listing, ttl: MINUTE_MS, limit: Math.max(1, config.access.rateLimit * LISTING_LIMIT_FACTOR) },
        ],
        skipIf: () => config.access.rateLimit === 0,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
