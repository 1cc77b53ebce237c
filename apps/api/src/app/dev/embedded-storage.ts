import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';

import { Logger, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';

/**
 * Storage without an account (`npm start` on a fresh machine, or ALLOW_EMBEDDED_STORAGE=true on purpose): an Azurite
 * this process starts, keeping its data in AZURITE_LOCATION, and stops on shutdown.
 */
export class EmbeddedStorage implements OnApplicationShutdown {
  private constructor(private readonly azurite: EmbeddedAzurite) {}

  static async start(config: AppConfig): Promise<EmbeddedStorage> {
    const { port, location } = config.storage.embeddedAzurite;
    const azurite = await startEmbeddedAzurite({ port, location });
    new Logger('Storage').log(
      `No AZURE_ACCOUNT_NAME configured: started the embedded Azurite at ${azurite.blobEndpoint} (data in ${location})`,
    );
    return new EmbeddedStorage(azurite);
  }

  get account(): StorageAccount {
    const { accountName, accountKey, blobEndpoint } = this.azurite;
    return { accountName, accountKey, endpoint: blobEndpoint };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.azurite.stop();
  }
}
