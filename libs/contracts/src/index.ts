export * from './lib/api';
export * from './lib/names';
export * from './lib/recording';
