import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

import { ErrorResponseDto } from '../errors/error-response.dto';

export const RATE_LIMITED = 'recording-app:rate-limited';

/** Counts the endpoint's requests against RATE_LIMIT per minute per client address (429 with Retry-After past it). */
export const RateLimited = () =>
  applyDecorators(
    SetMetadata(RATE_LIMITED, true),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description: 'More than RATE_LIMIT requests in a minute from this address; Retry-After says when to try again',
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    }),
  );
