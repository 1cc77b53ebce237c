export * from './lib/livekit-emulator';
