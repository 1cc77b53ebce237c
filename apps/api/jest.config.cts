module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../tools/jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  // These suites start real servers (Azurite, livekit-server, Chromium): hooks need more than jest's 5 s on a busy machine.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/apps/api',
};
