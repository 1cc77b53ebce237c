import { AppConfig } from '../config/app-config';
import { EMBEDDED_STORAGE_ACCOUNT } from '../storage/blob-storage.service';
import { DevModule } from './dev.module';
import { EmbeddedStorage } from './embedded-storage';
import { LocalLiveKitServer } from './local-livekit-server';

const ACCOUNT = { AZURE_ACCOUNT_NAME: 'prodaccount', AZURE_ACCOUNT_KEY: Buffer.from('key').toString('base64') };
const providersOf = (env: Record<string, string>) =>
  (DevModule.forConfig(AppConfig.fromEnvironment(env))?.providers ?? []).map((provider) =>
    typeof provider === 'function' ? provider : provider.provide,
  );

describe('DevModule: development launchers only where the configuration asks for them', () => {
  it('is not loaded at all for a deployment with a storage account and no local LiveKit binary', () => {
    expect(DevModule.forConfig(AppConfig.fromEnvironment(ACCOUNT))).toBeUndefined();
  });

  it('starts the embedded Azurite only without an account, and the local LiveKit only with its binary', () => {
    expect(providersOf({})).toEqual([EmbeddedStorage, EMBEDDED_STORAGE_ACCOUNT]);
    expect(providersOf({})).not.toContain(LocalLiveKitServer);
    expect(providersOf({ ...ACCOUNT, LIVEKIT_SERVER_BIN: '/opt/livekit-server' })).toEqual([LocalLiveKitServer]);
  });
});
