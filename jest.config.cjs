/** Every test in the repo: unit, property, integration, component (jsdom) and browser tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // one id per run, for what files share (test/support/test-run.cjs)
  globalSetup: '<rootDir>/test/support/test-run-setup.cjs',
  globalTeardown: '<rootDir>/test/support/test-run-teardown.cjs',
  // component tests wait up to 15 s for what the page shows (test/support/dom-waits.cjs)
  setupFilesAfterEnv: ['<rootDir>/test/support/dom-waits.cjs'],
  moduleNameMapper: {
    '^@contract/(.*)$': '<rootDir>/src/contract/$1',
    // before @shared/*, so a stylesheet imported through the alias is stubbed too
    '\\.css$': '<rootDir>/test/support/style-stub.cjs',
    '^@shared/(.*)$': '<rootDir>/static/shared/src/$1',
    '^@atlaskit/feature-gate-js-client(/feature-gates)?$': '<rootDir>/static/shared/src/feature-gates-off.ts',
  },
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
  },
};
