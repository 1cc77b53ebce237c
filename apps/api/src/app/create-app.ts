import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

import { AppModule } from './app.module';
import { AppConfigModule, AppConfigOptions } from './config/app-config.module';
import { createHttpLogger } from './logging/http-logger';
import { createRootLogger } from './logging/root-logger';
import { apiRouteSegments } from './web/api-routes';
import { serveSpa } from './web/spa-fallback';

/** JSON bodies of this API are a few fields; webhooks carry a whole EgressInfo. */
const JSON_BODY_LIMIT = '16kb';
const WEBHOOK_BODY_LIMIT = '1mb';
/** Swagger UI; the OpenAPI document is beside it at `api/docs-json`. */
const API_DOCS_PATH = 'api/docs';

/**
 * Builds the whole server (used by main.ts and by the integration tests alike); call `listen` next. Rejects with
 * an InvalidConfigurationError before anything starts when the configuration is invalid.
 */
export async function createApp(options: AppConfigOptions & { logDestination?: DestinationStream } = {}): Promise<NestExpressApplication> {
  const { config, module } = await AppConfigModule.load(options);
  const root = createRootLogger(config, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(module, root), {
    bodyParser: false,
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // First of all middleware, so every request (the app's files and unreadable bodies too) gets its line and id.
  const requestContext = await app.resolve(PinoLogger);
  app.use(createHttpLogger(root), (request: Request, _response: Response, next: NextFunction) =>
    requestContext.runInContext(next, { bindings: { requestId: request.id } }),
  );
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('raw', { type: 'application/webhook+json', limit: WEBHOOK_BODY_LIMIT });
  serveSpa(app, config.webRoot, [...apiRouteSegments(app), API_DOCS_PATH.split('/')[0]]);
  setUpApiDocs(app);
  app.enableShutdownHooks();
  return app;
}

function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'SAMEORIGIN');
  next();
}

function setUpApiDocs(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Recording server')
      .setDescription(
        'Video calls on LiveKit/OpenVidu with recordings in Azure Blob Storage. Every 4xx/5xx answer is `{"errorMessage": "…"}`.',
      )
      .setVersion('1.0')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json`, raw: ['json'] });
}
