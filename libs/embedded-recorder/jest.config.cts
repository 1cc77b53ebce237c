module.exports = {
  displayName: 'embedded-recorder',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../tools/jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  // These suites record real pages with Chromium and ffmpeg: hooks need more than jest's 5 s on a busy machine.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/libs/embedded-recorder',
};
