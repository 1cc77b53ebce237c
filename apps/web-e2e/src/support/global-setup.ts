import { startEmbeddedAzurite } from '@recording/embedded-azurite';
import { installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import type { FullConfig } from '@playwright/test';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { API_BUNDLE, freePort, ROOT, startApi, stopApi as stop } from './api-process';
import {
  DIRECT_PLAYBACK_URL_VARIABLE,
  E2E_PORT,
  EMBEDDED_API_ENVIRONMENT_VARIABLE,
  EMULATOR_URL_VARIABLE,
  LIVEKIT_API_KEY as API_KEY,
  LIVEKIT_API_SECRET as API_SECRET,
  OPERATOR_SECRET,
  SCREENSHOT_DIR,
} from './e2e-environment';

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
  // The media tests run their own API with the embedded recorder (they kill and restart it): on the same Azurite and
  // LiveKit, but talking to the real server directly (no emulated Egress) and in a container of its own.
  process.env[EMBEDDED_API_ENVIRONMENT_VARIABLE] = JSON.stringify({
    ...environment,
    LIVEKIT_URL: liveKit.url,
    RECORDER: 'embedded',
    AZURE_CONTAINER_NAME: 'e2e-embedded-recordings',
  });

  return async () => {
    await stop(directApi);
    await stop(api);
    await emulator.stop();
    await liveKit.stop();
    await azurite.stop();
  };
}
