export * from './lib/access';
export * from './lib/api';
export * from './lib/names';
export * from './lib/recording';
export * from './lib/room-metadata';
