import { HttpErrorResponse } from '@angular/common/http';

/** An API call that failed, with the sentence to show the user. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_ERROR_MESSAGE =
  'Could not reach the server. Check your network connection and that the API is running, then try again.';

/** Turns whatever HttpClient threw into an {@link ApiError} carrying the API's `errorMessage` when there is one. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof HttpErrorResponse)) {
    return new ApiError(error instanceof Error ? error.message : String(error), 0);
  }
  if (error.status === 0) return new ApiError(NETWORK_ERROR_MESSAGE, 0);
  const body: unknown = error.error;
  const errorMessage = typeof body === 'string' ? parseErrorMessage(body) : readErrorMessage(body);
  return new ApiError(
    errorMessage ?? `The server answered with an unexpected error (HTTP ${error.status}). Try again in a moment.`,
    error.status,
  );
}

/** The sentence to show for any error, API or not. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : toApiError(error).message;
}

function readErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('errorMessage' in body)) return undefined;
  const { errorMessage } = body as { errorMessage: unknown };
  return typeof errorMessage === 'string' && errorMessage.trim() !== '' ? errorMessage : undefined;
}

function parseErrorMessage(text: string): string | undefined {
  try {
    return readErrorMessage(JSON.parse(text));
  } catch {
    return undefined;
  }
}
