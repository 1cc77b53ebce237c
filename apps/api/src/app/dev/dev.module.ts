import { DynamicModule, Module, Provider } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { EMBEDDED_STORAGE_ACCOUNT } from '../storage/blob-storage.service';
import { EmbeddedStorage } from './embedded-storage';
import { LocalLiveKitServer } from './local-livekit-server';

/**
 * Development launchers: the embedded Azurite (no storage account configured) and the local livekit-server (npm start
 * built one and LIVEKIT_URL points at this machine). A deployment with an account and no LIVEKIT_SERVER_BIN never
 * loads this module, so nothing here can start by accident in production.
 */
@Module({})
export class DevModule {
  /** The module for this configuration; undefined when it needs no launcher. */
  static forConfig(config: AppConfig): DynamicModule | undefined {
    const providers: Provider[] = [];
    if (!config.storage.account) {
      providers.push(
        { provide: EmbeddedStorage, inject: [AppConfig], useFactory: (appConfig: AppConfig) => EmbeddedStorage.start(appConfig) },
        { provide: EMBEDDED_STORAGE_ACCOUNT, inject: [EmbeddedStorage], useFactory: (storage: EmbeddedStorage) => storage.account },
      );
    }
    if (config.livekit.localServerBinary) providers.push(LocalLiveKitServer);
    if (providers.length === 0) return undefined;
    return { module: DevModule, global: true, providers, exports: config.storage.account ? [] : [EMBEDDED_STORAGE_ACCOUNT] };
  }
}
