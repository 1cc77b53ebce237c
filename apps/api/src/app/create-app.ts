import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

import { SECURITY_SCHEMES } from './access/access.decorators';
import { OPERATOR_COOKIE, ROOM_ACCESS_COOKIE } from './access/access-cookies';
import { AppModule } from './app.module';
import { AppConfig, StorageAccount } from './config/app-config';
import { AppConfigModule, AppConfigOptions } from './config/app-config.module';
import { startupWarnings } from './config/startup-warnings';
import { ErrorResponseDto } from './errors/error-response.dto';
import { createHttpLogger } from './logging/http-logger';
import { createRootLogger } from './logging/root-logger';
import { MediaLimits } from './media/media-limits';
import { STORAGE_ACCOUNT } from './storage/blob-storage.service';
import { AllowedMethods, rejectUnservedMethods } from './web/allowed-methods';
import { apiRouteSegments } from './web/api-routes';
import { securityHeaders } from './web/security-headers';
import { serveSpa } from './web/spa-fallback';

/** JSON bodies of this API are a few fields; webhooks carry a whole EgressInfo. */
const JSON_BODY_LIMIT = '16kb';
const WEBHOOK_BODY_LIMIT = '1mb';
/** Swagger UI; the OpenAPI document is beside it at `api/docs-json`. */
const API_DOCS_PATH = 'api/docs';

export interface CreateAppOptions extends AppConfigOptions {
  /** Where the logs go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
  /** Shorter ffmpeg limits than the defaults, for tests that prove them. */
  mediaLimits?: Partial<MediaLimits>;
}

/**
 * Builds the whole server (used by main.ts and by the integration tests alike); call `listen` next. Rejects with
 * an InvalidConfigurationError before anything starts when the configuration is invalid.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const { config, module } = await AppConfigModule.load(options);
  const root = createRootLogger(config, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(module, config, root, options.mediaLimits), {
    bodyParser: false,
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  // First of all middleware, so every request (the app's files and unreadable bodies too) gets its line and id.
  const requestContext = await app.resolve(PinoLogger);
  app.use(createHttpLogger(root), (request: Request, _response: Response, next: NextFunction) =>
    requestContext.runInContext(next, { bindings: { requestId: request.id } }),
  );
  app.disable('x-powered-by');
  app.set('trust proxy', config.access.trustProxy);
  app.use(securityHeaders(config, directPlaybackOrigins(app, config)));
  enableCors(app, config);
  app.use(rejectUnservedMethods(app.get(AllowedMethods)));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('raw', { type: 'application/webhook+json', limit: WEBHOOK_BODY_LIMIT });
  serveSpa(app, config.webRoot, [...apiRouteSegments(app), API_DOCS_PATH.split('/')[0]]);
  setUpApiDocs(app);
  app.enableShutdownHooks();
  logStartupWarnings(config);
  return app;
}

/** With RECORDINGS_PLAYBACK=direct the browser plays from the blob endpoint: the CSP's media-src must allow it. */
function directPlaybackOrigins(app: NestExpressApplication, config: AppConfig): string[] {
  return config.playback.mode === 'direct' ? [new URL(app.get<StorageAccount>(STORAGE_ACCOUNT).endpoint).origin] : [];
}

/** Closed unless CORS_ORIGINS lists origins; those may call with a Bearer token (cookies are SameSite=Strict anyway). */
function enableCors(app: NestExpressApplication, config: AppConfig): void {
  if (config.access.corsOrigins.length === 0) return;
  app.enableCors({
    origin: [...config.access.corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Range', 'If-Range', 'If-None-Match', 'X-Request-Id'],
    exposedHeaders: ['Content-Range', 'Content-Length', 'Accept-Ranges', 'ETag', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
}

function logStartupWarnings(config: AppConfig): void {
  const logger = new Logger('Access');
  for (const { event, message } of startupWarnings(config)) logger.warn({ event }, message);
}

function setUpApiDocs(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recording server')
      .setDescription(
        'Video calls on LiveKit/OpenVidu with recordings in Azure Blob Storage. Every 4xx/5xx answer is `{"errorMessage": "…"}` ' +
          '(application/json), also on the operations whose success is an MP4 or a JPEG. A path below asked with a method it ' +
          'does not list answers 405 with `Allow` naming the methods it does (HEAD wherever GET is; OPTIONS is left to CORS).',
      )
      .setVersion('1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description: 'A room access token from POST /token, or an operator token from POST /auth/operator',
        },
        SECURITY_SCHEMES.bearer,
      )
      .addCookieAuth(
        ROOM_ACCESS_COOKIE,
        { type: 'apiKey', in: 'cookie', description: 'Set by POST /token: the rooms this browser joined' },
        SECURITY_SCHEMES.roomCookie,
      )
      .addCookieAuth(
        OPERATOR_COOKIE,
        { type: 'apiKey', in: 'cookie', description: 'Set by POST /auth/operator' },
        SECURITY_SCHEMES.operatorCookie,
      )
      .addApiKey(
        { type: 'apiKey', in: 'query', name: 'share', description: "A share link's token: one recording, read-only" },
        SECURITY_SCHEMES.share,
      )
      .build(),
    { extraModels: [ErrorResponseDto] },
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json`, raw: ['json'] });
}
