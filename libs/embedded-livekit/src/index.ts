export * from './lib/embedded-livekit';
export * from './lib/livekit-server-config';
export * from './lib/installed-livekit-server';
