// Jest transform for the Node projects (api, libs): SWC instead of ts-jest, about twice as fast.
// Decorator metadata is kept because Nest's dependency injection reads it (specs build Nest modules).
// Type checking is done by the build and `typecheck` targets, not by the tests.
module.exports = {
  '^.+\\.[tj]s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};
