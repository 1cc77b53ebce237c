import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';

import { AppConfig } from '../../app/config/app-config';
import { createApp, CreateAppOptions } from '../../app/create-app';
import { RecordingIndex } from '../../app/recordings/catalog/recording-index.service';
import { FaultyTcpProxy } from './tcp-proxy';

export const API_KEY = 'devkey';
export const API_SECRET = 'integration-test-secret-0123456789';
export const CONTAINER = 'recordings-test';

export interface TestServer {
  /** Base URL of the API under test, e.g. `http://127.0.0.1:40123`. */
  url: string;
  app: NestExpressApplication;
  emulator: LiveKitEmulator;
  /** The container as the API sees it, for arranging and checking blobs directly (real Azurite). */
  container: ContainerClient;
  /** Sits between the API and Azurite: cut it to take the storage down. */
  storageProxy: FaultyTcpProxy;
  /** Runs the recordings index sweep now: what the API's timer does every RECORDINGS_SWEEP_INTERVAL. */
  sweepIndex(): Promise<void>;
  /** Starts another instance of the API on the same storage and LiveKit (a replica behind a load balancer). */
  startReplica(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/**
 * Real Azurite (child process, in memory) + the LiveKit emulator + the whole Nest app on free ports, wired
 * like production: the API talks to Azurite through a cuttable proxy, the emulator uploads to Azurite and
 * sends signed webhooks to the API.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: Pick<CreateAppOptions, 'logDestination' | 'mediaLimits'> = {},
): Promise<TestServer> {
  let azurite: EmbeddedAzurite | undefined;
  let emulator: LiveKitEmulator | undefined;
  let proxy: FaultyTcpProxy | undefined;
  let app: NestExpressApplication | undefined;
  try {
    azurite = await startEmbeddedAzurite();
    proxy = await FaultyTcpProxy.start('127.0.0.1', azurite.port);
    const { accountName, accountKey, blobEndpoint } = azurite;
    emulator = await LiveKitEmulator.start({
      keys: { [API_KEY]: API_SECRET },
      storage: { blobEndpoint, accountName, accountKey },
      timing: { activeAfterMs: 100, endingAfterMs: 100 },
      recordingSeconds: 2,
    });
    const environment = {
      LIVEKIT_URL: emulator.url,
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      AZURE_ACCOUNT_NAME: accountName,
      AZURE_ACCOUNT_KEY: accountKey,
      AZURE_ENDPOINT: `http://127.0.0.1:${proxy.port}/${accountName}`,
      AZURE_CONTAINER_NAME: CONTAINER,
      WEB_ROOT: '/nonexistent-web-root',
      LOG_LEVEL: 'silent',
      // Many requests from one address in a minute; the rate limit has its own tests.
      RATE_LIMIT: '0',
      // The emulator plays Egress: recordings go to it, never to an embedded recorder on this machine (whose tests
      // run against the real LiveKit server).
      RECORDER: 'egress',
      ...env,
    };
    app = await createApp({ ...options, environment });
    const config = app.get(AppConfig);
    const url = await listen(app);
    emulator.setWebhookUrls([`${url}/livekit/webhook`]);
    const container = new ContainerClient(
      `${blobEndpoint}/${config.storage.containerName}`,
      new StorageSharedKeyCredential(accountName, accountKey),
    );
    await container.createIfNotExists();
    const parts = { azurite, emulator, proxy, app };
    const index = app.get(RecordingIndex);
    return {
      url,
      app,
      emulator,
      container,
      storageProxy: proxy,
      sweepIndex: async () => {
        await index.sweep();
      },
      startReplica: async () => {
        const replica = await createApp({ ...options, environment });
        return { url: await listen(replica), close: () => replica.close() };
      },
      close: () => closeAll(parts),
    };
  } catch (error) {
    await closeAll({ azurite, emulator, proxy, app });
    throw error;
  }
}

async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

async function closeAll(parts: {
  azurite?: EmbeddedAzurite;
  emulator?: LiveKitEmulator;
  proxy?: FaultyTcpProxy;
  app?: NestExpressApplication;
}): Promise<void> {
  await parts.app?.close();
  await parts.emulator?.stop();
  await parts.proxy?.stop();
  await parts.azurite?.stop();
}
