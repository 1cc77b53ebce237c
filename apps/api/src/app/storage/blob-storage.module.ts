import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';

import { BlobServiceClient, ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';
import { BlobDocumentsService } from './blob-documents.service';
import { BlobStorageService, STORAGE_ACCOUNT, STORAGE_CONTAINER } from './blob-storage.service';

const STORAGE_TARGET = Symbol('STORAGE_TARGET');

/** Either the configured account, or an Azurite this process starts (and stops) itself. */
interface StorageTarget {
  account: StorageAccount;
  embedded?: EmbeddedAzurite;
}

@Global()
@Module({
  providers: [
    {
      provide: STORAGE_TARGET,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<StorageTarget> => {
        if (config.storage.account) return { account: config.storage.account };
        const { port, location } = config.storage.embeddedAzurite;
        const embedded = await startEmbeddedAzurite({ port, location });
        const { accountName, accountKey, blobEndpoint } = embedded;
        new Logger('Storage').log(
          `No AZURE_ACCOUNT_NAME configured: started the embedded Azurite at ${blobEndpoint} (data in ${location})`,
        );
        return { account: { accountName, accountKey, endpoint: blobEndpoint }, embedded };
      },
    },
    {
      provide: STORAGE_CONTAINER,
      inject: [AppConfig, STORAGE_TARGET],
      useFactory: (config: AppConfig, target: StorageTarget): ContainerClient => {
        const { accountName, accountKey, endpoint } = target.account;
        const service = new BlobServiceClient(endpoint, new StorageSharedKeyCredential(accountName, accountKey), {
          retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
        });
        return service.getContainerClient(config.storage.containerName);
      },
    },
    {
      provide: STORAGE_ACCOUNT,
      inject: [STORAGE_TARGET],
      useFactory: (target: StorageTarget): StorageAccount => target.account,
    },
    BlobStorageService,
    BlobDocumentsService,
  ],
  exports: [BlobStorageService, BlobDocumentsService, STORAGE_ACCOUNT],
})
export class BlobStorageModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE_TARGET) private readonly target: StorageTarget) {}

  async onApplicationShutdown(): Promise<void> {
    await this.target.embedded?.stop();
  }
}
