module.exports = {
  displayName: 'livekit-browser',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../../../tools/jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../../coverage/libs/testing/livekit-browser',
};
