import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';
import { installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { LiveKitBrowser } from '@recording/testing/livekit-browser';

import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createApp } from '../app/create-app';
import { bearer } from './support/credentials';
import { postJson, requestJson } from './support/http';

const SECRET = 'local-livekit-integration-secret-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` without Docker: the API starts the installed livekit-server when none answers at a loopback LIVEKIT_URL. */
describe('the local LiveKit server for development', () => {
  let azurite: EmbeddedAzurite;

  beforeAll(async () => (azurite = await startEmbeddedAzurite()));
  afterAll(() => azurite?.stop());

  async function startApi(
    liveKitPort: number,
    environment: Record<string, string> = {},
  ): Promise<{ app: NestExpressApplication; url: string }> {
    const port = await freePort();
    const app = await createApp({
      environment: {
        ...environment,
        SERVER_PORT: String(port),
        LIVEKIT_URL: `http://127.0.0.1:${liveKitPort}`,
        LIVEKIT_SERVER_BIN: installedLiveKitServer(),
        LIVEKIT_API_SECRET: SECRET,
        AZURE_ACCOUNT_NAME: azurite.accountName,
        AZURE_ACCOUNT_KEY: azurite.accountKey,
        AZURE_ENDPOINT: azurite.blobEndpoint,
        WEB_ROOT: '/nonexistent-web-root',
        LOG_LEVEL: 'silent',
      },
    });
    await app.listen(port, '127.0.0.1');
    return { app, url: `http://127.0.0.1:${port}` };
  }

  it('starts it with the app: calls work, RECORDER=egress says Egress is missing, stored recordings play and delete, and it stops with the app', async () => {
    const liveKitPort = await freePort();
    // RECORDER=egress: no fallback to the embedded recorder, so the answer is LiveKit's own lack of Egress.
    const { app, url } = await startApi(liveKitPort, { RECORDER: 'egress' });
    const browser = await LiveKitBrowser.launch();
    try {
      expect((await requestJson(`${url}/health/ready`)).status).toBe(200);
      const { body } = await postJson<{ token: string }>(`${url}/token`, { roomName: 'Local Room', participantName: 'Dev' });
      const participant = await browser.join(`ws://127.0.0.1:${liveKitPort}`, body.token, { publish: true });
      expect((await participant.state()).connection).toBe('connected');

      const start = await postJson(`${url}/recordings/start`, { roomName: 'Local Room' }, bearer(body.token));
      expect(start.status).toBe(503);
      expect(start.body['errorMessage']).toMatch(/^Recording needs LiveKit Egress.*docker compose up -d redis egress$/);

      // Recordings already in storage are played and deleted as usual: without Egress nothing can be writing them.
      const name = 'RoomComposite-Local Room-2026-11-23T101500-RM_local1.mp4';
      const blob = new ContainerClient(
        `${azurite.blobEndpoint}/openvidu-appdata`,
        new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey),
      ).getBlockBlobClient(`recordings/${name}`);
      await blob.uploadData(Buffer.from('not really a video'), { blobHTTPHeaders: { blobContentType: 'video/mp4' } });
      const path = `${url}/recordings/${encodeURIComponent(name)}`;
      expect((await fetch(path, { headers: bearer(body.token) })).status).toBe(200);
      expect((await requestJson(path, { method: 'DELETE', headers: bearer(body.token) })).status).toBe(200);
      expect(await blob.exists()).toBe(false);
      await participant.leave();
    } finally {
      await browser.close();
      await app.close();
    }
    await expect(fetch(`http://127.0.0.1:${liveKitPort}`)).rejects.toThrow();
  }, 60_000);

  it('starts an embedded Azurite itself when no storage account is configured, and stops it with the app', async () => {
    const port = await freePort();
    const location = mkdtempSync(join(tmpdir(), 'embedded-storage-'));
    const app = await createApp({
      environment: {
        SERVER_PORT: String(port),
        AZURITE_PORT: '0',
        AZURITE_LOCATION: location,
        AUTH_MODE: 'open',
        LIVEKIT_URL: `http://127.0.0.1:${await freePort()}`,
        LIVEKIT_API_SECRET: SECRET,
        LOG_LEVEL: 'silent',
      },
    });
    await app.listen(port, '127.0.0.1');
    // A listing reads storage: the embedded Azurite answers it.
    expect(await requestJson(`http://127.0.0.1:${port}/recordings`)).toMatchObject({ status: 200, body: { recordings: [] } });
    await app.close();
  }, 60_000);

  it('uses a LiveKit that already answers there, and leaves it running', async () => {
    const liveKitPort = await freePort();
    const running = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), port: liveKitPort, keys: { devkey: SECRET } });
    try {
      const { app, url } = await startApi(liveKitPort);
      expect((await requestJson(`${url}/health/ready`)).status).toBe(200);
      await app.close();
      expect((await fetch(running.url)).status).toBe(200);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
