import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { AppConfig } from '../config/app-config';
import { RateLimitGuard } from './rate-limit.guard';

const MINUTE_MS = 60_000;

/** RATE_LIMIT requests per minute per client address (in this process's memory); 0 turns it off. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: MINUTE_MS, limit: Math.max(1, config.access.rateLimit) }],
        skipIf: () => config.access.rateLimit === 0,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
