export * from './lib/embedded-recorder';
export { RECORDER_CHROMIUM_ARGS } from './lib/recorder-browser';
export { RecorderSession } from './lib/recorder-session';
export * from './lib/recorder-tools';
export * from './lib/recorder-types';
export * from './lib/recorder-video';
export { processUsage, type ProcessUsage } from './lib/process-tree';
