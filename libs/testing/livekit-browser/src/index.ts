export * from './lib/livekit-browser';
