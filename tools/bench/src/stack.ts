import { startEmbeddedAzurite } from '@recording/embedded-azurite';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import {
  BlobSASPermissions,
  ContainerClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ApiProcess, startApi } from './api-process';
import { StopScope } from './shutdown';
import { WORKLOAD } from './workload';

export const CONTAINER_NAME = 'bench-recordings';
export const RECORDINGS_PATH = 'recordings/';
export const LIVEKIT_API_KEY = 'bench';

/** Azurite's certificate and key (PEM files) when storage is served over HTTPS, as production reads Azure. */
export interface BenchTls {
  cert: string;
  key: string;
}

export interface Stack {
  /** The container as egress sees it, for seeding and for direct access. */
  container: ContainerClient;
  emulator: LiveKitEmulator;
  livekitSecret: string;
  /** Where egress uploads: the storage account and container, as the API sends them in start requests. */
  egressStorage: { accountName: string; accountKey: string; containerName: string };
  /** A read-only SAS URL of one blob: how a client reads storage directly. */
  directUrl(key: string): string;
  /** Starts the production API on this stack (stopped at shutdown, or by the caller). */
  startApi(extraEnvironment?: Record<string, string>): Promise<ApiProcess>;
}

/** Azurite with its data on disk in a temporary folder, and one container in it. */
export interface BenchStorage {
  accountName: string;
  accountKey: string;
  endpoint: string;
  credential: StorageSharedKeyCredential;
  container: ContainerClient;
}

/**
 * Azurite as a child process, its data on disk in a temporary folder, as the figures were measured and as
 * `npm start` keeps it: storage serving from RAM in the same box is faster than any storage a deployment has, and
 * would make the API's share of the cores the whole story.
 */
export async function startStorage(scope: StopScope, containerName: string, tls?: BenchTls): Promise<BenchStorage> {
  const azuriteData = mkdtempSync(join(tmpdir(), 'bench-azurite-'));
  scope.add(async () => rmSync(azuriteData, { recursive: true, force: true }));
  const azurite = await startEmbeddedAzurite({ location: azuriteData, tls });
  scope.add(() => azurite.stop());
  const { accountName, accountKey, blobEndpoint: endpoint } = azurite;
  const credential = new StorageSharedKeyCredential(accountName, accountKey);
  const container = new ContainerClient(`${endpoint}/${containerName}`, credential);
  await container.createIfNotExists();
  return { accountName, accountKey, endpoint, credential, container };
}

/**
 * Azurite (child process, data on disk in a temporary folder), the LiveKit emulator (in this process: it is only asked to start
 * and stop egresses, and uploads nothing) and the production API (child process), wired like a
 * deployment on loopback. Everything started is registered for shutdown at once, so a failure half-way
 * leaves nothing behind.
 */
export async function startStack(scope: StopScope, paths: { apiBundle: string; apiLog: string; tls?: BenchTls }): Promise<Stack> {
  const { accountName, accountKey, endpoint, credential, container } = await startStorage(scope, CONTAINER_NAME, paths.tls);

  const livekitSecret = randomBytes(32).toString('base64url');
  const emulator = await LiveKitEmulator.start({
    keys: { [LIVEKIT_API_KEY]: livekitSecret },
    storage: { blobEndpoint: endpoint, accountName, accountKey },
    // Egresses stay STARTING until stopped (then ABORTED): nothing is uploaded while start/stop is timed.
    timing: { activeAfterMs: 3_600_000, endingAfterMs: 100 },
    recordingSeconds: 1,
  });
  scope.add(() => emulator.stop());

  mkdirSync(dirname(paths.apiLog), { recursive: true });
  const environment = {
    LIVEKIT_URL: emulator.url,
    LIVEKIT_API_KEY,
    LIVEKIT_API_SECRET: livekitSecret,
    AZURE_ACCOUNT_NAME: accountName,
    AZURE_ACCOUNT_KEY: accountKey,
    AZURE_ENDPOINT: endpoint,
    AZURE_CONTAINER_NAME: CONTAINER_NAME,
    RECORDINGS_PATH,
    RECORDING_FILE_PORTION_SIZE: String(WORKLOAD.recording.portionBytes),
    // The SPA is not what is measured, and whether it was built must not change the numbers.
    WEB_ROOT: '/nonexistent-bench-web-root',
    LOG_FORMAT: 'json',
    // The benchmarks measure streaming and listing, not access checks; thousands of requests from one address too.
    AUTH_MODE: 'open',
    RATE_LIMIT: '0',
    // Storage's certificate is trusted the way a deployment trusts a private CA: its checks stay on.
    ...(paths.tls ? { NODE_EXTRA_CA_CERTS: paths.tls.cert } : {}),
  };
  return {
    container,
    emulator,
    livekitSecret,
    egressStorage: { accountName, accountKey, containerName: CONTAINER_NAME },
    directUrl: (key) => {
      const sas = generateBlobSASQueryParameters(
        {
          containerName: CONTAINER_NAME,
          blobName: key,
          permissions: BlobSASPermissions.parse('r'),
          startsOn: new Date(Date.now() - 60_000),
          expiresOn: new Date(Date.now() + 3_600_000),
          protocol: SASProtocol.HttpsAndHttp,
        },
        credential,
      );
      return `${container.getBlobClient(key).url}?${sas.toString()}`;
    },
    startApi: async (extraEnvironment = {}) => {
      const api = await startApi({ bundle: paths.apiBundle, logFile: paths.apiLog, environment: { ...environment, ...extraEnvironment } });
      scope.add(() => api.stop());
      return api;
    },
  };
}
