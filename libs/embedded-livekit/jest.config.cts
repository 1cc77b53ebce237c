module.exports = {
  displayName: 'embedded-livekit',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../tools/jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/libs/embedded-livekit',
};
