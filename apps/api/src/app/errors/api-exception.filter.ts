import { ErrorResponse, isValidRecordingName, isValidRoomName } from '@recording/contracts';

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { pathOf, withoutUrlSecrets } from '../logging/http-logger';
import {
  DomainError,
  DomainErrorKind,
  InvalidWebhookError,
  MethodNotAllowedError,
  RateLimitedError,
  UpstreamFailedError,
  UpstreamUnavailableError,
  WebhookDeferredError,
} from './domain-errors';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  'invalid-input': HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  'method-not-allowed': HttpStatus.METHOD_NOT_ALLOWED,
  conflict: HttpStatus.CONFLICT,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  'retry-later': HttpStatus.SERVICE_UNAVAILABLE,
  'upstream-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'upstream-failed': HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Errors thrown by Express middleware (body-parser) carry `status`/`type` instead of being HttpExceptions. */
interface MiddlewareError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const MIDDLEWARE_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'entity.too.large': 'Request body is too large',
  'encoding.unsupported': 'Request body encoding is not supported',
  'charset.unsupported': 'Request body charset is not supported',
  'request.aborted': 'Request was aborted',
};

/**
 * The one place where errors become HTTP answers: always `{errorMessage}` JSON, never a stack trace or an
 * SDK dump. Unexpected errors are logged with their stack and answered with a generic 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const { status, errorMessage, details } = this.describe(exception, request);

    this.logOutcome(exception, status, errorMessage, request);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (exception instanceof RateLimitedError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (exception instanceof MethodNotAllowedError) response.setHeader('Allow', exception.allowed.join(', '));
    const body: ErrorResponse & Record<string, unknown> = { errorMessage, ...details };
    response.status(status).json(body);
  }

  /**
   * One line for what an operator may need (request id and route come with the request's logger): refused
   * webhooks and conflicts, unreachable or failing LiveKit and storage, bugs with their stack. Bad input and
   * unknown routes are debug; a deliberate HttpException 5xx (readiness 503) is already the request line.
   */
  private logOutcome(exception: unknown, status: number, errorMessage: string, request: Request): void {
    const fields = { status, ...subjectOf(request) };
    if (exception instanceof UpstreamUnavailableError || exception instanceof UpstreamFailedError) {
      const cause = exception.cause instanceof Error ? withoutUrlSecrets(exception.cause.message) : undefined;
      const event = exception instanceof UpstreamUnavailableError ? 'upstream.unavailable' : 'upstream.failed';
      const line = { event, upstream: exception.upstream, ...fields, ...(cause ? { cause } : {}) };
      if (exception instanceof UpstreamUnavailableError) this.logger.warn(line, errorMessage);
      else this.logger.error(line, errorMessage);
    } else if (exception instanceof InvalidWebhookError) {
      this.logger.warn({ event: 'webhook.refused', ...fields }, errorMessage);
    } else if (exception instanceof WebhookDeferredError) {
      this.logger.warn({ event: 'webhook.deferred', ...fields }, errorMessage);
    } else if (exception instanceof DomainError && exception.kind === 'conflict') {
      this.logger.log({ event: 'request.refused', ...fields }, errorMessage);
    } else if (status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error({ event: 'request.failed', ...fields, err: exception }, errorMessage);
    } else if (status < 500) {
      this.logger.debug({ event: 'request.refused', ...fields }, errorMessage);
    }
  }

  private describe(exception: unknown, request: Request): { status: number; errorMessage: string; details?: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      return { status: STATUS_BY_KIND[exception.kind], errorMessage: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (status === HttpStatus.NOT_FOUND && !(typeof payload === 'object' && 'errorMessage' in payload)) {
        return { status, errorMessage: `No API route for ${request.method} ${pathOf(request.path)}` };
      }
      if (typeof payload === 'object' && payload !== null && 'errorMessage' in payload) {
        const { errorMessage, ...details } = payload as { errorMessage: string };
        return { status, errorMessage, details };
      }
      // Nest turns body-parser's SyntaxError and Express's URIError into a 400 carrying the parser's words.
      if (status === HttpStatus.BAD_REQUEST && /JSON/.test(exception.message)) {
        return { status, errorMessage: 'Request body is not valid JSON' };
      }
      if (status === HttpStatus.BAD_REQUEST && /decode/i.test(exception.message)) {
        return { status, errorMessage: 'The URL is not correctly percent-encoded' };
      }
      return { status, errorMessage: messageOf(payload) ?? exception.message };
    }
    const middleware = exception as MiddlewareError | undefined;
    const middlewareStatus = middleware?.status ?? middleware?.statusCode;
    if (typeof middlewareStatus === 'number' && middlewareStatus >= 400 && middlewareStatus < 500) {
      const known = middleware?.type ? MIDDLEWARE_MESSAGES[middleware.type] : undefined;
      return { status: middlewareStatus, errorMessage: known ?? 'The request could not be read' };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, errorMessage: 'Internal server error' };
  }
}

/** The room or recording a request was about, when it names a valid one. */
function subjectOf(request: Request): { room?: string; recording?: string } {
  const roomName: unknown = (request.body as { roomName?: unknown } | undefined)?.roomName;
  const recordingName: unknown = (request.params as Record<string, unknown> | undefined)?.['recordingName'];
  return {
    ...(typeof roomName === 'string' && isValidRoomName(roomName) ? { room: roomName } : {}),
    ...(typeof recordingName === 'string' && isValidRecordingName(recordingName) ? { recording: recordingName } : {}),
  };
}

function messageOf(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (typeof payload === 'object' && payload !== null && 'message' in payload) {
    const message = (payload as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return undefined;
}
