import { type EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';

import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import {
  AccessToken,
  AzureBlobUpload,
  EgressClient,
  EncodedFileOutput,
  EncodedFileType,
  RoomServiceClient,
  type VideoGrant,
} from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';

import { LiveKitEmulator } from '../lib/livekit-emulator';
import type { LiveKitEmulatorOptions } from '../lib/types';
import { WebhookCapture } from './webhook-capture';

export const API_KEY = 'devkey';
export const API_SECRET = 'secret';

export interface Harness {
  azurite: EmbeddedAzurite;
  emulator: LiveKitEmulator;
  webhooks: WebhookCapture;
  egressClient: EgressClient;
  roomClient: RoomServiceClient;
  blobs: BlobServiceClient;
  container: string;
  /** The file output the API sends: MP4, the API's filepath template, Azure credentials, no manifest. */
  fileOutput(filepath?: string, overrides?: Partial<{ accountName: string; accountKey: string; containerName: string }>): EncodedFileOutput;
  stop(): Promise<void>;
}

/** Azurite + emulator (fast timings, 2 s MP4) + a webhook receiver + SDK clients, as an API test would set them up. */
export async function startHarness(options: Partial<LiveKitEmulatorOptions> = {}): Promise<Harness> {
  const azurite = await startEmbeddedAzurite();
  let webhooks: WebhookCapture | undefined;
  let emulator: LiveKitEmulator;
  const blobs = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey));
  const container = `recordings-${randomBytes(4).toString('hex')}`;
  try {
    await blobs.createContainer(container);
    webhooks = await WebhookCapture.start();
    emulator = await LiveKitEmulator.start({
      keys: { [API_KEY]: API_SECRET },
      webhook: { urls: [webhooks.url], retryDelayMs: 20 },
      storage: { blobEndpoint: azurite.blobEndpoint, accountName: azurite.accountName, accountKey: azurite.accountKey },
      timing: { activeAfterMs: 50, endingAfterMs: 50 },
      recordingSeconds: 2,
      ...options,
    });
  } catch (error) {
    // A half-started harness must not leave Azurite running: jest would never exit.
    await webhooks?.stop();
    await azurite.stop();
    throw error;
  }
  const capture = webhooks;
  return {
    azurite,
    emulator,
    webhooks: capture,
    blobs,
    container,
    egressClient: new EgressClient(emulator.url, API_KEY, API_SECRET),
    roomClient: new RoomServiceClient(emulator.url, API_KEY, API_SECRET),
    fileOutput(filepath = 'recordings/RoomComposite-{room_name}-{time}-{room_id}', overrides = {}) {
      return new EncodedFileOutput({
        fileType: EncodedFileType.MP4,
        filepath,
        disableManifest: true,
        output: {
          case: 'azure',
          value: new AzureBlobUpload({
            accountName: overrides.accountName ?? azurite.accountName,
            accountKey: overrides.accountKey ?? azurite.accountKey,
            containerName: overrides.containerName ?? container,
          }),
        },
      });
    },
    async stop() {
      await emulator.stop();
      await capture.stop();
      await azurite.stop();
    },
  };
}

/** A raw JWT for hand-made requests (the SDK clients always mint their own). */
export async function tokenWith(grant: VideoGrant, key = API_KEY, secret = API_SECRET, ttl: string | number = '10m'): Promise<string> {
  const token = new AccessToken(key, secret, { ttl });
  token.addGrant(grant);
  return token.toJwt();
}

/** POSTs a Twirp call by hand, for what the SDK cannot send (bad headers, bodies, paths). */
export async function twirp(
  baseUrl: string,
  path: string,
  init: { body?: string; token?: string; authorization?: string; contentType?: string; method?: string } = {},
): Promise<{ status: number; contentType: string | null; text: string }> {
  const headers: Record<string, string> = { 'Content-Type': init.contentType ?? 'application/json' };
  if (init.authorization !== undefined) headers['Authorization'] = init.authorization;
  else if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  const res = await fetch(new URL(path, baseUrl), {
    method: init.method ?? 'POST',
    headers,
    body: init.method === 'GET' ? undefined : (init.body ?? '{}'),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}
