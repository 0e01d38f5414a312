/** One jest run for every Node package; integration tests share the services global setup starts. */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/core',
    '<rootDir>/data',
    '<rootDir>/services',
    '<rootDir>/workflows',
    '<rootDir>/activities',
    '<rootDir>/workers',
    '<rootDir>/api',
    '<rootDir>/temporal',
    '<rootDir>/scripts',
    '<rootDir>/drills',
    '<rootDir>/bench',
  ],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  globalSetup: '<rootDir>/scripts/test-harness/global-setup.ts',
  globalTeardown: '<rootDir>/scripts/test-harness/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
