import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Angular's output hashing puts a content hash in every bundle name: those can be cached for good. */
const HASHED_ASSET = /-[A-Z0-9]{8,}\.(?:js|css|woff2?|svg|png|jpg)$/;

/**
 * Paths under these first segments belong to the API (its routes, its docs): never answered with the SPA, so an
 * unknown one gets a JSON 404.
 */
export function apiPathMatcher(apiSegments: readonly string[]): (path: string) => boolean {
  const escaped = apiSegments.map((segment) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^/(?:${escaped.join('|')})(?:/|$)`);
  return (path) => apiSegments.length > 0 && pattern.test(path);
}

/**
 * Serves the built Angular app on the API's port: its files, and `index.html` for every other GET that
 * accepts HTML (deep links such as `/room/Test%20Room` or `/recordings.html`).
 */
export function serveSpa(app: NestExpressApplication, webRoot: string, apiSegments: readonly string[]): void {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No web app build at ${webRoot}: the API runs without the UI (build it with "npm start").`);
    return;
  }
  const isApiPath = apiPathMatcher(apiSegments);
  const files = express.static(webRoot, {
    index: false,
    setHeaders: (response, path) =>
      response.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    files(request, response, () => {
      if (request.accepts(['html', 'json']) !== 'html') return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  });
}
