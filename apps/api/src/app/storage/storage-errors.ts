import { UpstreamFailedError, UpstreamUnavailableError } from '../errors/domain-errors';

/** HTTP status of an Azure SDK error (RestError), undefined when the request never got an answer. */
export function storageStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

export function storageErrorCodeOf(error: unknown): string | undefined {
  const details = error as { details?: { errorCode?: unknown }; code?: unknown } | undefined;
  const code = details?.details?.errorCode ?? details?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns an Azure SDK error into the domain's upstream errors: unreachable/overloaded → 503, the rest → 500. */
export function toStorageError(action: string, error: unknown): Error {
  const status = storageStatusOf(error);
  if (status === undefined || status === 408 || status === 429 || status >= 500) {
    return new UpstreamUnavailableError('storage', `Recording storage is unavailable (could not ${action})`, { cause: error });
  }
  return new UpstreamFailedError('storage', `Recording storage failed to ${action} (HTTP ${status})`, { cause: error });
}
