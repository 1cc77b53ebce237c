import { EmbeddedLiveKit, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { LiveKitBrowser } from '@recording/testing/livekit-browser';

import { RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startApi } from '../api-process';
import { StopScope } from '../shutdown';
import { BenchTls, startStorage } from '../stack';

const CONTAINER_NAME = 'bench-recorder';
const LIVEKIT_API_KEY = 'bench';

/** The production API recording with its embedded recorder: its URL, its pid, and the recorder's working folder. */
export interface RecorderApi {
  url: string;
  pid: number;
  /** RECORDER_WORK_DIR: every process of a recording (Chromium's profile, ffmpeg's output) names it. */
  workDir: string;
  stop(): Promise<void>;
}

export interface RecorderStack {
  liveKit: EmbeddedLiveKit;
  rooms: RoomServiceClient;
  /** The participants: one headless Chromium (a context each), started by this process. */
  browser: LiveKitBrowser;
  /** Starts the API with RECORDER=embedded and RECORDER_VIDEO=`video`; stopped with the scope or by the caller. */
  startApi(video: string): Promise<RecorderApi>;
}

/**
 * What a deployment without Egress runs, on loopback: Azurite (its data on disk), the real livekit-server, and the
 * production API bundle serving the production SPA (the recording template) with `RECORDER=embedded`, checking
 * room credentials as it does by default. LiveKit sends no webhooks here: the embedded recorder reports to the API in
 * process, and nothing measured waits for one.
 */
export async function startRecorderStack(
  scope: StopScope,
  paths: { apiBundle: string; webRoot: string; logDir: string; liveKitServer: string; tls?: BenchTls },
): Promise<RecorderStack> {
  const storage = await startStorage(scope, CONTAINER_NAME, paths.tls);
  const secret = randomBytes(32).toString('base64url');
  const liveKit = await startEmbeddedLiveKit({
    binary: paths.liveKitServer,
    keys: { [LIVEKIT_API_KEY]: secret },
    onOutput: () => undefined,
  });
  scope.add(() => liveKit.stop());
  const browser = await LiveKitBrowser.launch();
  scope.add(() => browser.close());

  const environment = {
    LIVEKIT_URL: liveKit.url,
    LIVEKIT_API_KEY,
    LIVEKIT_API_SECRET: secret,
    AZURE_ACCOUNT_NAME: storage.accountName,
    AZURE_ACCOUNT_KEY: storage.accountKey,
    AZURE_ENDPOINT: storage.endpoint,
    AZURE_CONTAINER_NAME: CONTAINER_NAME,
    WEB_ROOT: paths.webRoot,
    RECORDER: 'embedded',
    LOG_FORMAT: 'json',
    // Every request comes from this one address; the access checks stay as a deployment has them.
    RATE_LIMIT: '0',
    // Chromium keeps its font and certificate caches under HOME.
    HOME: process.env['HOME'] ?? tmpdir(),
    ...(paths.tls ? { NODE_EXTRA_CA_CERTS: paths.tls.cert } : {}),
  };
  return {
    liveKit,
    rooms: new RoomServiceClient(liveKit.url, LIVEKIT_API_KEY, secret),
    browser,
    startApi: async (video) => {
      const workDir = mkdtempSync(join(tmpdir(), 'bench-recorder-'));
      const api = await startApi({
        bundle: paths.apiBundle,
        logFile: join(paths.logDir, `recorder-api-${video.replace(/[^0-9x]/g, '-')}.log`),
        environment: { ...environment, RECORDER_VIDEO: video, RECORDER_WORK_DIR: workDir },
      });
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        await api.stop();
        rmSync(workDir, { recursive: true, force: true });
      };
      scope.add(stop);
      return { url: api.url, pid: api.pid, workDir, stop };
    },
  };
}
