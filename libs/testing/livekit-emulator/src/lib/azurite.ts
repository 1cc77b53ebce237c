/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteInstance {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  blobEndpoint: string;
  accountName: string;
  accountKey: string;
  connectionString: string;
  stop(): Promise<void>;
}

interface BlobServerLike {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}

/**
 * Starts an in-memory Azurite blob service in this process on a free port (test support). Uses Azurite's internal
 * `dist` modules, pinned by the exact azurite version in package.json; `--loose` and `--skipApiVersionCheck` are on
 * because @azure/storage-blob sends a newer API version than Azurite knows.
 */
export async function startAzurite(options: { host?: string; port?: number; memoryLimitMb?: number } = {}): Promise<AzuriteInstance> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const BlobServer = require('azurite/dist/src/blob/BlobServer').default;
  const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default;
  const { MemoryExtentChunkStore } = require('azurite/dist/src/common/persistence/MemoryExtentStore');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const u = undefined;
  const config = new BlobConfiguration(
    options.host ?? '127.0.0.1',
    options.port ?? 0,
    u, u, u, u,
    false, u, // access log
    false, u, // debug log
    true, // loose
    true, // skipApiVersionCheck
    '', '', '', u, // cert, key, pwd, oauth
    false, // disableProductStyleUrl
    true, // in-memory persistence
    new MemoryExtentChunkStore((options.memoryLimitMb ?? 512) * 1024 * 1024),
  );
  const server: BlobServerLike = new BlobServer(config);
  await server.start();
  const blobEndpoint = `${server.getHttpServerAddress()}/${AZURITE_ACCOUNT_NAME}`;
  return {
    blobEndpoint,
    accountName: AZURITE_ACCOUNT_NAME,
    accountKey: AZURITE_ACCOUNT_KEY,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};` +
      `AccountKey=${AZURITE_ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
    async stop() {
      await server.close();
      await server.clean();
    },
  };
}
