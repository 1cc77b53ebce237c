export { LiveKitEmulator } from './lib/livekit-emulator';
export { startAzurite, type AzuriteInstance, AZURITE_ACCOUNT_NAME, AZURITE_ACCOUNT_KEY } from './lib/azurite';
export { resolveFilename, type FilenameInput } from './lib/filename-template';
export type { StartFailureMode } from './lib/egress-lifecycle';
export * from './lib/types';
