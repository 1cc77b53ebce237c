import { RecordingsPlayback } from '@recording/contracts';
import { parseRecorderVideo, RecorderVideo } from '@recording/embedded-recorder';

import { resolve } from 'node:path';

import { durationMs } from './duration';
import { EnvironmentVariables, LogLevel, validateEnvironment } from './environment';
import { RecorderMode } from './recorder-settings';

export interface StorageAccount {
  accountName: string;
  accountKey: string;
  /** Blob service URL, e.g. `https://acct.blob.core.windows.net` or `http://127.0.0.1:10000/devstoreaccount1`. */
  endpoint: string;
}

/**
 * The typed configuration, read once at start-up and injected wherever it is needed
 * (nothing else reads `process.env`).
 */
export class AppConfig {
  readonly serverPort: number;
  readonly livekit: {
    /** Server SDK URL (http/https; ws/wss is rewritten by the SDK). */
    readonly url: string;
    /** WebSocket URL for browsers. */
    readonly publicUrl: string;
    readonly apiKey: string;
    readonly apiSecret: string;
    /** The livekit-server to start when nothing answers at a loopback `url` (development). */
    readonly localServerBinary?: string;
  };
  readonly storage: {
    /** Undefined: start the embedded Azurite. */
    readonly account?: StorageAccount;
    readonly containerName: string;
    readonly embeddedAzurite: { readonly port: number; readonly location: string };
  };
  readonly recordingsPath: string;
  readonly recordingFilePortionSize: number;
  /** `direct`: the SPA plays through SAS URLs from GET /recordings/:name/url, for this long (ms). */
  readonly playback: { readonly mode: RecordingsPlayback; readonly urlTtlMs: number };
  /** Milliseconds between two sweeps of the recordings index. */
  readonly recordingsSweepIntervalMs: number;
  /** Milliseconds a recording may stay starting before it is stopped and reported failed. */
  readonly recordingStartTimeoutMs: number;
  readonly tokenTtl: string | number;
  /** TOKEN_TTL in seconds: the lifetime of the `recording_access` cookie too. */
  readonly tokenTtlSeconds: number;
  readonly access: {
    readonly mode: 'room' | 'open';
    readonly operatorSecret?: string;
    /** Key material for cookies and share links (HKDF input, never used as a key itself). */
    readonly sessionSecret: string;
    /** True when SESSION_SECRET is unset and the session keys come from LIVEKIT_API_SECRET. */
    readonly sessionSecretDerived: boolean;
    /** Requests per minute per client address; 0: no limit. */
    readonly rateLimit: number;
    readonly corsOrigins: readonly string[];
    /** Express "trust proxy": false, a hop count or a list of addresses/subnets. */
    readonly trustProxy: false | number | string[];
  };
  readonly recorder: {
    readonly mode: RecorderMode;
    /** Egress's customBaseUrl: the recording template as Egress reaches it; undefined: Egress's own template. */
    readonly templateUrl?: string;
    readonly maxConcurrent: number;
    readonly video: RecorderVideo;
    readonly chromiumPath: string;
    readonly workDir: string;
    /** Where Egress writes: into the container itself, or into a folder shared with this app (`volumePath`). */
    readonly egressOutput: { readonly kind: 'azure' } | { readonly kind: 'volume'; readonly volumePath: string };
  };
  readonly webRoot: string;
  /** The ffmpeg that makes posters, and the search path it is looked up in (ffmpeg gets no other variable). */
  readonly ffmpeg: { readonly path: string; readonly searchPath?: string };
  readonly logFormat: 'text' | 'json';
  readonly logLevel: LogLevel;

  constructor(env: EnvironmentVariables) {
    this.serverPort = env.SERVER_PORT;
    this.livekit = {
      url: env.LIVEKIT_URL,
      publicUrl: env.LIVEKIT_PUBLIC_URL ?? env.LIVEKIT_URL.replace(/^http/i, 'ws'),
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      localServerBinary: env.LIVEKIT_SERVER_BIN,
    };
    const accountName = env.AZURE_ACCOUNT_NAME;
    const accountKey = env.AZURE_ACCOUNT_KEY;
    this.storage = {
      account:
        accountName && accountKey
          ? {
              accountName,
              accountKey,
              endpoint: (env.AZURE_ENDPOINT ?? `https://${accountName}.blob.core.windows.net`).replace(/\/+$/, ''),
            }
          : undefined,
      containerName: env.AZURE_CONTAINER_NAME,
      embeddedAzurite: { port: env.AZURITE_PORT, location: resolve(env.AZURITE_LOCATION) },
    };
    this.recordingsPath = env.RECORDINGS_PATH;
    this.recordingFilePortionSize = env.RECORDING_FILE_PORTION_SIZE;
    this.playback = { mode: env.RECORDINGS_PLAYBACK, urlTtlMs: durationMs(env.PLAYBACK_URL_TTL)! };
    this.recordingsSweepIntervalMs = durationMs(env.RECORDINGS_SWEEP_INTERVAL)!;
    this.recordingStartTimeoutMs = durationMs(env.RECORDING_START_TIMEOUT)!;
    this.tokenTtl = /^\d+$/.test(env.TOKEN_TTL) ? Number(env.TOKEN_TTL) : env.TOKEN_TTL.replace(/\s+/g, '');
    this.tokenTtlSeconds = durationSeconds(env.TOKEN_TTL);
    this.access = {
      mode: env.AUTH_MODE,
      operatorSecret: env.OPERATOR_SECRET,
      sessionSecret: env.SESSION_SECRET ?? env.LIVEKIT_API_SECRET,
      sessionSecretDerived: env.SESSION_SECRET === undefined,
      rateLimit: env.RATE_LIMIT,
      corsOrigins: splitList(env.CORS_ORIGINS),
      trustProxy: trustProxyOf(env.TRUST_PROXY),
    };
    this.recorder = {
      mode: env.RECORDER,
      templateUrl: env.RECORDING_TEMPLATE_URL,
      maxConcurrent: env.RECORDER_MAX_CONCURRENT,
      video: parseRecorderVideo(env.RECORDER_VIDEO),
      chromiumPath: env.CHROMIUM_PATH,
      workDir: resolve(env.RECORDER_WORK_DIR),
      egressOutput: env.EGRESS_OUTPUT === 'volume' ? { kind: 'volume', volumePath: resolve(env.EGRESS_VOLUME_PATH!) } : { kind: 'azure' },
    };
    this.webRoot = env.WEB_ROOT ? resolve(env.WEB_ROOT) : resolve(__dirname, '..', 'web', 'browser');
    this.ffmpeg = { path: env.FFMPEG_PATH, searchPath: env.PATH };
    this.logFormat = env.LOG_FORMAT;
    this.logLevel = env.LOG_LEVEL;
  }

  static fromEnvironment(env: Record<string, string | undefined>): AppConfig {
    return new AppConfig(validateEnvironment(env));
  }
}

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `6h`, `90m`, `3600s` or `3600` (the TOKEN_TTL pattern the schema checked) in seconds. */
function durationSeconds(value: string): number {
  const [, amount, unit] = /^(\d+)\s*([smhd]?)$/.exec(value.trim()) ?? [];
  return Number(amount) * (SECONDS_PER_UNIT[unit || 's'] ?? 1);
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function trustProxyOf(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  return /^\s*\d+\s*$/.test(value) ? Number(value) : splitList(value);
}
