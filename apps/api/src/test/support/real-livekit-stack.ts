import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';
import { EmbeddedLiveKit, installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { BrowserParticipant, LiveKitBrowser } from '@recording/testing/livekit-browser';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';

import { createApp } from '../../app/create-app';
import { postJson } from './http';
import { WebhookTap } from './webhook-tap';

export const REAL_API_KEY = 'devkey';
export const REAL_API_SECRET = 'real-livekit-integration-secret-0123456789';
const CONTAINER = 'recordings-real-livekit';

export interface RealLiveKitStack {
  /** Base URL of the API under test. */
  url: string;
  app: NestExpressApplication;
  /** The real livekit-server: browsers connect to `liveKit.wsUrl`. */
  liveKit: EmbeddedLiveKit;
  /** Plays Egress only; the API's LIVEKIT_URL, passing every other call through to the real server. */
  emulator: LiveKitEmulator;
  /** The real server's webhooks on their way to the API, with the API's answers. */
  webhooks: WebhookTap;
  container: ContainerClient;
  /** Joins `roomName` as a real participant with a token from `POST /token`, publishing fake media unless told not to. */
  join(roomName: string, participantName: string, options?: { publish?: boolean }): Promise<BrowserParticipant>;
  close(): Promise<void>;
}

/**
 * The API against the real LiveKit server: real Azurite, real livekit-server (its webhooks to the API through a
 * tap), the emulator as Egress only (its recorder joins the real rooms), the whole Nest app, and real browser
 * participants. Only Egress is emulated.
 */
export async function startRealLiveKitStack(): Promise<RealLiveKitStack> {
  const parts: StackParts = {};
  try {
    parts.azurite = await startEmbeddedAzurite();
    parts.tap = await WebhookTap.start();
    const keys = { [REAL_API_KEY]: REAL_API_SECRET };
    parts.liveKit = await startEmbeddedLiveKit({
      binary: installedLiveKitServer(),
      keys,
      webhook: { apiKey: REAL_API_KEY, urls: [parts.tap.url] },
    });
    const { accountName, accountKey, blobEndpoint } = parts.azurite;
    parts.emulator = await LiveKitEmulator.start({
      keys,
      liveKitServer: { url: parts.liveKit.url },
      storage: { blobEndpoint, accountName, accountKey },
      timing: { activeAfterMs: 200, endingAfterMs: 200 },
      recordingSeconds: 2,
    });
    const environment = {
      LIVEKIT_URL: parts.emulator.url,
      LIVEKIT_PUBLIC_URL: parts.liveKit.wsUrl,
      LIVEKIT_API_KEY: REAL_API_KEY,
      LIVEKIT_API_SECRET: REAL_API_SECRET,
      AZURE_ACCOUNT_NAME: accountName,
      AZURE_ACCOUNT_KEY: accountKey,
      AZURE_ENDPOINT: blobEndpoint,
      AZURE_CONTAINER_NAME: CONTAINER,
      WEB_ROOT: '/nonexistent-web-root',
    };
    parts.app = await createApp({ environment: { ...environment, LOG_LEVEL: 'silent' } });
    await parts.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(parts.app.getHttpServer().address() as AddressInfo).port}`;
    parts.tap.forwardTo(`${url}/livekit/webhook`);
    parts.emulator.setWebhookUrls([`${url}/livekit/webhook`]);
    parts.browser = await LiveKitBrowser.launch();
    const container = new ContainerClient(`${blobEndpoint}/${CONTAINER}`, new StorageSharedKeyCredential(accountName, accountKey));
    await container.createIfNotExists();
    const { liveKit, emulator, tap, app, browser } = parts;
    return {
      url,
      app,
      liveKit,
      emulator,
      webhooks: tap,
      container,
      join: async (roomName, participantName, options = {}) => {
        const response = await postJson<{ token: string }>(`${url}/token`, { roomName, participantName });
        if (response.status !== 200) throw new Error(`POST /token answered ${response.status}`);
        return browser.join(liveKit.wsUrl, response.body.token, { publish: options.publish ?? true });
      },
      close: () => closeAll(parts),
    };
  } catch (error) {
    await closeAll(parts);
    throw error;
  }
}

/** What has been started so far (all of it once the stack is up), in the order it starts. */
interface StackParts {
  azurite?: EmbeddedAzurite;
  liveKit?: EmbeddedLiveKit;
  emulator?: LiveKitEmulator;
  tap?: WebhookTap;
  app?: NestExpressApplication;
  browser?: LiveKitBrowser;
}

async function closeAll(parts: StackParts): Promise<void> {
  await parts.browser?.close();
  await parts.app?.close();
  await parts.emulator?.stop();
  await parts.liveKit?.stop();
  await parts.tap?.close();
  await parts.azurite?.stop();
}
