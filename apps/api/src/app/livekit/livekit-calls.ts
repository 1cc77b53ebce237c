import { toLiveKitError } from './livekit-errors';

/** Seconds; LiveKit down must turn into a quick 503, not a hanging request. */
const REQUEST_TIMEOUT_SECONDS = 5;

/** Options of every livekit-server-sdk client here. */
export const CLIENT_OPTIONS = { requestTimeout: REQUEST_TIMEOUT_SECONDS, failover: false };

/** Runs one LiveKit API call; any failure leaves as an upstream domain error naming `action`. */
export async function callLiveKit<T>(action: string, url: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toLiveKitError(action, url, error);
  }
}
