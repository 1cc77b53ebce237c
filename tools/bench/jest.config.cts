module.exports = {
  displayName: 'bench',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: require('../jest/swc-transform.cjs'),
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../coverage/tools/bench',
};
