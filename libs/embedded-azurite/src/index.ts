export * from './lib/embedded-azurite';
