import { startEmbeddedAzurite } from '@recording/embedded-azurite';

import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { ApiProcess, startApi } from './api-process';
import { stopOnShutdown } from './shutdown';

export const CONTAINER_NAME = 'bench-recordings';
export const RECORDINGS_PATH = 'recordings/';
export const PORTION_SIZE = 5 * 1024 * 1024;

export interface Stack {
  api: ApiProcess;
  /** The container as egress sees it, for seeding. */
  container: ContainerClient;
}

/**
 * Azurite and the production API, each its own process on loopback, wired like a deployment. Everything
 * started is registered for shutdown as soon as it runs, so a failure half-way leaves nothing behind.
 */
export async function startStack(paths: { apiBundle: string; apiLog: string }): Promise<Stack> {
  // A child process, in memory: Azurite does not share the bench process's CPU.
  const azurite = await startEmbeddedAzurite();
  stopOnShutdown(() => azurite.stop());
  const { accountName, accountKey, blobEndpoint: endpoint } = azurite;
  const container = new ContainerClient(`${endpoint}/${CONTAINER_NAME}`, new StorageSharedKeyCredential(accountName, accountKey));
  await container.createIfNotExists();

  mkdirSync(dirname(paths.apiLog), { recursive: true });
  const api = await startApi({
    bundle: paths.apiBundle,
    logFile: paths.apiLog,
    environment: {
      // Nothing listens there: no benchmarked request talks to LiveKit.
      LIVEKIT_URL: 'http://127.0.0.1:9',
      LIVEKIT_API_KEY: 'bench',
      LIVEKIT_API_SECRET: randomBytes(32).toString('base64url'),
      AZURE_ACCOUNT_NAME: accountName,
      AZURE_ACCOUNT_KEY: accountKey,
      AZURE_ENDPOINT: endpoint,
      AZURE_CONTAINER_NAME: CONTAINER_NAME,
      RECORDINGS_PATH,
      RECORDING_FILE_PORTION_SIZE: String(PORTION_SIZE),
      // The SPA is not what is measured, and whether it was built must not change the numbers.
      WEB_ROOT: '/nonexistent-bench-web-root',
      LOG_FORMAT: 'json',
    },
  });
  stopOnShutdown(() => api.stop());
  return { api, container };
}
