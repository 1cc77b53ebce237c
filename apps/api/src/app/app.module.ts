import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

import { AccessGuard } from './access/access.guard';
import { AccessModule } from './access/access.module';
import { AppConfig } from './config/app-config';
import { DevModule } from './dev/dev.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthModule } from './health/health.module';
import { LiveKitModule } from './livekit/livekit.module';
import { MediaModule } from './media/media.module';
import { MediaLimits } from './media/media-limits';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RecordingsModule } from './recordings/recordings.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { BlobStorageModule } from './storage/blob-storage.module';
import { TokenModule } from './token/token.module';
import { InputValidationPipe } from './validation/validation.pipe';
import { AllowedMethodsModule } from './web/allowed-methods';
import { WebhookModule } from './webhook/webhook.module';

@Module({})
export class AppModule {
  /**
   * `config`: the validated configuration module ({@link AppConfigModule.load}) and `appConfig` what it holds (it decides
   * whether the development launchers load at all); `logger`: the process's pino
   * logger, whose HTTP middleware create-app.ts mounts first (so nestjs-pino only binds it to Nest's Logger);
   * `mediaLimits`: shorter ffmpeg limits (tests).
   */
  static forRoot(config: DynamicModule, appConfig: AppConfig, logger: Logger, mediaLimits?: Partial<MediaLimits>): DynamicModule {
    const dev = DevModule.forConfig(appConfig);
    return {
      module: AppModule,
      imports: [
        config,
        ...(dev ? [dev] : []),
        DiscoveryModule,
        AllowedMethodsModule,
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        BlobStorageModule,
        LiveKitModule,
        MediaModule.forRoot(mediaLimits),
        SchedulingModule,
        RateLimitModule,
        AccessModule,
        TokenModule,
        RecordingsModule,
        WebhookModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        // In this order: refused credentials count against the rate limit too.
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    };
  }
}
