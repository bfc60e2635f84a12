/** What the two projects below share: how files are found, transformed and set up. */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
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

/**
 * Two projects: every test as written (hosts lenient unless a test asks for strict), and again,
 * with every host strict (TETHER_FORGE=strict: quotas, query lag, search lag, late and repeated
 * events), the tests of the app's backend: resolvers, triggers, use cases, adapters, the demo
 * seeding and the manifest's triggers. The browser tests are not in the strict project yet
 * (docs/forge-fidelity.md says what is left before strict becomes the default).
 */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // one id per run, for what files share (test/support/test-run.cjs)
  globalSetup: '<rootDir>/test/support/test-run-setup.cjs',
  globalTeardown: '<rootDir>/test/support/test-run-teardown.cjs',
  projects: [
    { ...shared, displayName: 'lenient', testMatch: ['**/*.test.ts', '**/*.test.tsx'] },
    {
      ...shared,
      displayName: 'strict',
      testMatch: [
        '<rootDir>/test/resolvers/**/*.test.ts',
        '<rootDir>/test/triggers/**/*.test.ts',
        '<rootDir>/test/app/**/*.test.ts',
        '<rootDir>/test/forge/**/*.test.ts',
        '<rootDir>/test/local/demo/**/*.test.ts',
        '<rootDir>/test/manifest/manifest.test.ts',
      ],
      setupFiles: ['<rootDir>/test/support/strict-forge.cjs'],
    },
  ],
};
