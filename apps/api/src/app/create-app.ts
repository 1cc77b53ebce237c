import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule, AppConfigOptions } from './config/app-config.module';
import { serveSpa } from './web/spa-fallback';

/** JSON bodies of this API are a few fields; webhooks carry a whole EgressInfo. */
const JSON_BODY_LIMIT = '16kb';
const WEBHOOK_BODY_LIMIT = '1mb';

/**
 * Builds the whole server (used by main.ts and by the integration tests alike); call `listen` next. Rejects with
 * an InvalidConfigurationError before anything starts when the configuration is invalid.
 */
export async function createApp(options: AppConfigOptions & { logger?: false } = {}): Promise<NestExpressApplication> {
  const configModule = await AppConfigModule.forRoot(options);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(configModule), {
    bodyParser: false,
    rawBody: true,
    bufferLogs: options.logger === undefined,
    logger: options.logger,
  });
  const config = app.get(AppConfig);
  if (options.logger === undefined) {
    app.useLogger(new ConsoleLogger({ json: config.logFormat === 'json', colors: config.logFormat === 'text' }));
  }
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('raw', { type: 'application/webhook+json', limit: WEBHOOK_BODY_LIMIT });
  serveSpa(app, config.webRoot);
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
}
