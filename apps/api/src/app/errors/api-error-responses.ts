import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath, HeadersObject } from '@nestjs/swagger';

import { ErrorResponseDto } from './error-response.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 429 | 500 | 503;

export type ErrorDescription = string | { description: string; headers?: HeadersObject };

export type ErrorDescriptions = Partial<Record<ErrorStatus, ErrorDescription>>;

/** The media type and schema of every 4xx/5xx answer: {@link ApiExceptionFilter} writes them all. */
export const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };

/**
 * Documents error answers of an operation as `{errorMessage}` JSON, whatever media type its success has (an MP4 or a
 * JPEG). Declared twice for one status (by an access decorator and by the handler), the descriptions are joined.
 */
export const ApiErrorResponses = (errors: ErrorDescriptions) =>
  applyDecorators(
    ...Object.entries(errors).map(([status, error]) =>
      ApiResponse({ status: Number(status), ...(typeof error === 'string' ? { description: error } : error), content: ERROR_CONTENT }),
    ),
  );

/** Operations that read a JSON body: what body-parser refuses before any handler runs. */
export const JSON_BODY_ERRORS: ErrorDescriptions = {
  400: 'The body is not JSON, or not a JSON object',
  413: 'The body is larger than 16 kB',
  415: 'A Content-Encoding or charset the server cannot read',
};

/** Operations that reach storage (and LiveKit, when `livekit` says so). */
export function upstreamErrors(upstreams: string): ErrorDescriptions {
  return {
    500: `${upstreams} answered with an error`,
    503: `${upstreams} cannot be reached; try again later`,
  };
}

/** RFC 9110 `Retry-After` of a 429. */
export const RETRY_AFTER_HEADER: HeadersObject = {
  'Retry-After': { description: 'Seconds to wait before trying again', required: true, schema: { type: 'integer', minimum: 1 } },
};
