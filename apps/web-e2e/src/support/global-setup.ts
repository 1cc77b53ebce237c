import { startEmbeddedAzurite } from '@recording/embedded-azurite';
import { installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import type { FullConfig } from '@playwright/test';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import {
  DIRECT_PLAYBACK_URL_VARIABLE,
  E2E_PORT,
  EMULATOR_URL_VARIABLE,
  LIVEKIT_API_KEY as API_KEY,
  LIVEKIT_API_SECRET as API_SECRET,
  OPERATOR_SECRET,
  SCREENSHOT_DIR,
} from './e2e-environment';

const ROOT = join(__dirname, '..', '..', '..', '..');
const API_BUNDLE = join(ROOT, 'dist', 'apps', 'api', 'main.js');

/**
 * Starts the stack the browser talks to: real Azurite, the real LiveKit server (browsers join its rooms over
 * loopback WebRTC; its webhooks go to the API), the LiveKit emulator as Egress only (its recorder joins the real
 * rooms; it writes real MP4s and sends signed egress webhooks), and the production API bundle serving the
 * production SPA. Only Egress is emulated.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (!existsSync(API_BUNDLE) || !existsSync(join(ROOT, 'dist', 'apps', 'web', 'browser', 'index.html'))) {
    throw new Error('Build first: npx nx run-many -t build --projects=api,web (npm test does it).');
  }
  rmSync(join(ROOT, SCREENSHOT_DIR), { recursive: true, force: true });
  const webhookUrl = `http://127.0.0.1:${E2E_PORT}/livekit/webhook`;
  const keys = { [API_KEY]: API_SECRET };
  const azurite = await startEmbeddedAzurite();
  const liveKit = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), keys, webhook: { apiKey: API_KEY, urls: [webhookUrl] } });
  const emulator = await LiveKitEmulator.start({
    keys,
    liveKitServer: { url: liveKit.url },
    storage: { blobEndpoint: azurite.blobEndpoint, accountName: azurite.accountName, accountKey: azurite.accountKey },
    timing: { activeAfterMs: 300, endingAfterMs: 300 },
    recordingSeconds: 8,
    webhook: { urls: [webhookUrl] },
  });
  const environment = {
    LIVEKIT_URL: emulator.url,
    LIVEKIT_PUBLIC_URL: liveKit.wsUrl,
    LIVEKIT_API_KEY: API_KEY,
    LIVEKIT_API_SECRET: API_SECRET,
    AZURE_ACCOUNT_NAME: azurite.accountName,
    AZURE_ACCOUNT_KEY: azurite.accountKey,
    AZURE_ENDPOINT: azurite.blobEndpoint,
    AZURE_CONTAINER_NAME: 'e2e-recordings',
    LOG_FORMAT: 'json',
    // AUTH_MODE and RATE_LIMIT keep their defaults (room, 120): the browser tests run what a deployment runs.
    OPERATOR_SECRET,
  };
  const api = await startApi(E2E_PORT, environment);
  // A replica in direct playback on the same storage and LiveKit (webhooks reach the first one, as behind a balancer).
  const directPort = await freePort();
  const directApi = await startApi(directPort, { ...environment, RECORDINGS_PLAYBACK: 'direct' }).catch(async (error: unknown) => {
    await stop(api);
    throw error;
  });
  process.env[EMULATOR_URL_VARIABLE] = emulator.url;
  process.env[DIRECT_PLAYBACK_URL_VARIABLE] = `http://127.0.0.1:${directPort}`;

  return async () => {
    await stop(directApi);
    await stop(api);
    await emulator.stop();
    await liveKit.stop();
    await azurite.stop();
  };
}

/** The production API bundle serving the production SPA on `port`; resolves once it is ready. */
async function startApi(port: number, environment: Record<string, string>): Promise<ChildProcess> {
  const api = spawn(process.execPath, [API_BUNDLE], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...environment, SERVER_PORT: String(port) },
  });
  const output: string[] = [];
  api.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  api.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await waitForReady(api, port, output);
  return api;
}

async function waitForReady(api: ChildProcess, port: number, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`The API exited (${api.exitCode}):\n${output.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  api.kill('SIGKILL');
  throw new Error(`The API did not become ready on port ${port}:\n${output.join('')}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** A port nothing listens on now (taken and released at once): the direct-playback replica's. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
