import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { resolve } from 'node:path';

import { EnvironmentVariables, LogLevel, validateEnvironment } from './environment';

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
  readonly tokenTtl: string | number;
  readonly webRoot: string;
  /** The ffmpeg that makes posters. */
  readonly ffmpegPath: string;
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
    this.tokenTtl = /^\d+$/.test(env.TOKEN_TTL) ? Number(env.TOKEN_TTL) : env.TOKEN_TTL.replace(/\s+/g, '');
    this.webRoot = env.WEB_ROOT ? resolve(env.WEB_ROOT) : resolve(__dirname, '..', 'web', 'browser');
    // The binary @ffmpeg-installer/ffmpeg installed for this platform (an npm dependency: the image has it too).
    this.ffmpegPath = env.FFMPEG_PATH ?? ffmpegInstaller.path;
    this.logFormat = env.LOG_FORMAT;
    this.logLevel = env.LOG_LEVEL;
  }

  static fromEnvironment(env: Record<string, string | undefined>): AppConfig {
    return new AppConfig(validateEnvironment(env));
  }
}
