import { RECORDING_TEMPLATE_PATH } from '@recording/contracts';

/** Printable ASCII, no space: anything else in the parameter is refused rather than cleaned up by the URL parser. */
const PLAIN_URL = /^[\x21-\x7e]{1,2048}$/;
/** DNS names and IPv4 addresses: letters, digits, hyphens between dots (a CSP source must not smuggle `;`, `'` or `*`). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** IPv6 as the URL parser writes it. */
const IPV6_HOST = /^\[[0-9a-f:.]{2,45}\]$/;

/**
 * The extra `connect-src` sources of the recording template's page: the LiveKit server named in its `url` query
 * parameter, as WebSocket and HTTP(S) origins (livekit-client also probes over HTTP). Egress's Chrome reaches
 * LiveKit at an internal address the app's own policy (`LIVEKIT_PUBLIC_URL`) does not name, and hands it over
 * there. Only a `ws:`/`wss:` URL without credentials, query or fragment, on a plain host name, is accepted; for
 * anything else, and for every other page, there are none (the normal policy).
 */
export function recordingTemplateLiveKitSources(requestUrl: string | undefined): string[] {
  const request = parseUrl(requestUrl ?? '/', 'http://localhost');
  if (!request || !isTemplatePath(request.pathname)) return [];
  const candidates = request.searchParams.getAll('url');
  if (candidates.length !== 1 || !PLAIN_URL.test(candidates[0])) return [];
  const url = parseUrl(candidates[0]);
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) return [];
  if (url.username || url.password || url.search || url.hash || candidates[0].includes('#')) return [];
  if (!HOST_NAME.test(url.hostname) && !IPV6_HOST.test(url.hostname)) return [];
  const secure = url.protocol === 'wss:';
  return [`${secure ? 'wss' : 'ws'}://${url.host}`, `${secure ? 'https' : 'http'}://${url.host}`];
}

function isTemplatePath(pathname: string): boolean {
  return pathname === `/${RECORDING_TEMPLATE_PATH}` || pathname === `/${RECORDING_TEMPLATE_PATH}/`;
}

function parseUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}
