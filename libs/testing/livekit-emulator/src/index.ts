export { LiveKitEmulator } from './lib/livekit-emulator';
export { resolveFilename, type FilenameInput } from './lib/filename-template';
export type { StartFailureMode } from './lib/egress-lifecycle';
export * from './lib/types';
