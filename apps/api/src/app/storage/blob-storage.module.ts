import { BlobServiceClient, ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { Global, Module } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';
import { BlobDocumentsService } from './blob-documents.service';
import { BlobStorageService, EMBEDDED_STORAGE_ACCOUNT, STORAGE_ACCOUNT, STORAGE_CONTAINER } from './blob-storage.service';

@Global()
@Module({
  providers: [
    {
      provide: STORAGE_ACCOUNT,
      inject: [AppConfig, { token: EMBEDDED_STORAGE_ACCOUNT, optional: true }],
      // No account configured: the development module started an Azurite (the configuration allows nothing else).
      useFactory: (config: AppConfig, embedded?: StorageAccount): StorageAccount => config.storage.account ?? embedded!,
    },
    {
      provide: STORAGE_CONTAINER,
      inject: [AppConfig, STORAGE_ACCOUNT],
      useFactory: (config: AppConfig, account: StorageAccount): ContainerClient => {
        const { accountName, accountKey, endpoint } = account;
        const service = new BlobServiceClient(endpoint, new StorageSharedKeyCredential(accountName, accountKey), {
          retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 },
        });
        return service.getContainerClient(config.storage.containerName);
      },
    },
    BlobStorageService,
    BlobDocumentsService,
  ],
  exports: [BlobStorageService, BlobDocumentsService, STORAGE_ACCOUNT],
})
export class BlobStorageModule {}
