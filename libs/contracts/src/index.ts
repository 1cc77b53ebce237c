export * from './lib/access';
export * from './lib/api';
export * from './lib/names';
export * from './lib/recording';
export * from './lib/recording-layout';
export * from './lib/room-metadata';
