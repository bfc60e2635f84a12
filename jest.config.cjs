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
 * Two projects: every test with every host as harsh as Forge and Jira (the default,
 * TETHER_FORGE=strict: quotas, query lag, search lag, late and repeated events, the issue panel only
 * where a user added it), and, with every host lenient (TETHER_FORGE=lenient), what must also work
 * on a kind host: the demo seeding (`TETHER_FORGE=lenient npm start`), the host's own tests and the
 * manifest's triggers. A test of a strict behaviour turns strict on itself, so it holds in both.
 */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // one id per run, for what files share (test/support/test-run.cjs)
  globalSetup: '<rootDir>/test/support/test-run-setup.cjs',
  globalTeardown: '<rootDir>/test/support/test-run-teardown.cjs',
  projects: [
    {
      ...shared,
      displayName: 'strict',
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/support/strict-forge.cjs'],
    },
    {
      ...shared,
      displayName: 'lenient',
      testMatch: [
        '<rootDir>/test/local/demo/**/*.test.ts',
        '<rootDir>/test/local/host/**/*.test.ts',
        '<rootDir>/test/manifest/manifest.test.ts',
      ],
      setupFiles: ['<rootDir>/test/support/lenient-forge.cjs'],
    },
  ],
};
