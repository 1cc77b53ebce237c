import type { Request, Response } from 'express';
import type { LevelWithSilent, Logger } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** A caller's id (a UUID, a trace id) is kept when it looks like one; anything else is replaced, never echoed. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes poll these all day: their successes are debug noise. */
const PROBE_PATH = /^\/health(?:\/|$)/;

/** A share link's token is in the path of its SPA page and of the API routes that serve its recording. */
const SHARE_LINK_PATH = /^(\/(?:watch|shared)\/)[^/]+/;

/** The path without its query string (queries may carry SAS signatures or share tokens) nor a share link's token. */
export function pathOf(url: string | undefined): string {
  const path = (url ?? '').split(/[?#]/, 1)[0];
  return path.replace(SHARE_LINK_PATH, '$1[redacted]') || '/';
}

/** Error texts may quote URLs: their signatures and tokens are blanked before a text is logged. */
export function withoutUrlSecrets(text: string): string {
  return text.replace(/([?&](?:sig|share|token|access_token)=)[^&\s"']*/gi, '$1[redacted]');
}

function requestIdFor(request: Request, response: Response): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

function levelOf(request: Request, response: Response, error?: Error): LevelWithSilent {
  if (error || response.statusCode >= 500) return response.statusCode === 503 ? 'warn' : 'error';
  return PROBE_PATH.test(pathOf(request.originalUrl)) ? 'debug' : 'info';
}

/** The request line's fields: never headers, bodies or query strings. */
function requestLine(request: Request, response: Response, durationMs: number) {
  return {
    method: request.method,
    path: pathOf(request.originalUrl),
    // The route pattern (e.g. `/recordings/:recordingName`) groups requests for dashboards; unset for the app's files.
    ...(request.route?.path ? { route: String(request.route.path) } : {}),
    status: response.statusCode,
    durationMs,
    ...(response.writableFinished ? {} : { aborted: true }),
  };
}

function messageOf(request: Request, response: Response): string {
  return `${request.method} ${pathOf(request.originalUrl)} ${response.statusCode}`;
}

/**
 * One log line per request (method, path, route, status, duration, request id), written when the response
 * ends; the request id is taken from a sane incoming `X-Request-Id` or made, returned as `X-Request-Id`, and
 * bound to every log line made while handling the request.
 */
export function createHttpLogger(root: Logger): HttpLogger<Request, Response> {
  return pinoHttp<Request, Response>({
    logger: root,
    genReqId: requestIdFor,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: pathOf(request.url) }),
      res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
    },
    customLogLevel: levelOf,
    customSuccessMessage: messageOf,
    customErrorMessage: messageOf,
    customSuccessObject: (request, response, value: { durationMs: number }) => requestLine(request, response, value.durationMs),
    customErrorObject: (request, response, _error, value: { durationMs: number }) => requestLine(request, response, value.durationMs),
  });
}
