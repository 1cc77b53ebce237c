/**
 * The configuration of the LiveKit server this repository runs itself: in the tests, and for `npm start` when
 * no LIVEKIT_URL is configured. It is livekit-server's YAML config (v1.13.5, parsed strictly: an unknown key
 * stops the server) written as an object; JSON is YAML, so it is handed over as is.
 *
 * Everything stays on this machine: the server binds loopback, advertises 127.0.0.1 in its ICE candidates, never
 * asks a public STUN server for its own address, and gives clients a STUN address on loopback instead of
 * Google's (livekit-server hands out Google's public STUN servers when none is configured).
 */
export interface LiveKitServerSettings {
  /** HTTP, WebSocket signalling and the Twirp server API. */
  port: number;
  /** ICE over TCP. */
  rtcTcpPort: number;
  /** The one UDP port all WebRTC media goes through (UDP mux). */
  rtcUdpPort: number;
  /** API key → secret. */
  keys: Record<string, string>;
  /** Signed webhooks: the key must be one of `keys`. */
  webhook?: { apiKey: string; urls: string[] };
  /** Default 127.0.0.1. */
  host?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export type LiveKitServerConfig = Record<string, unknown>;

/** Seconds a room without anyone in it stays open (livekit-server's defaults are 300 and 20). */
const EMPTY_TIMEOUT_S = 120;
const DEPARTURE_TIMEOUT_S = 10;

export function liveKitServerConfig(settings: LiveKitServerSettings): LiveKitServerConfig {
  const host = settings.host ?? '127.0.0.1';
  if (settings.webhook && !(settings.webhook.apiKey in settings.keys)) {
    throw new Error(`webhook.apiKey "${settings.webhook.apiKey}" is not one of the server's keys`);
  }
  return {
    port: settings.port,
    bind_addresses: [host],
    keys: settings.keys,
    logging: { level: settings.logLevel ?? 'warn', json: false },
    rtc: {
      tcp_port: settings.rtcTcpPort,
      udp_port: settings.rtcUdpPort,
      node_ip: host,
      use_external_ip: false,
      enable_loopback_candidate: true,
      stun_servers: [`${host}:${settings.rtcUdpPort}`],
    },
    room: { empty_timeout: EMPTY_TIMEOUT_S, departure_timeout: DEPARTURE_TIMEOUT_S },
    ...(settings.webhook ? { webhook: { api_key: settings.webhook.apiKey, urls: settings.webhook.urls } } : {}),
  };
}
