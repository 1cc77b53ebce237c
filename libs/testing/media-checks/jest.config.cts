module.exports = {
  displayName: 'media-checks',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../tools/jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  // These suites run real ffmpeg (and Chromium for the pages): hooks need more than jest's 5 s on a busy machine.
  testTimeout: 30_000,
  coverageDirectory: '../../../coverage/libs/testing/media-checks',
};
