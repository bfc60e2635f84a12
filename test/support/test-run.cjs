/**
 * Jest's globalSetup and globalTeardown: one id for the whole run (TETHER_TEST_RUN, inherited by
 * the workers), under which files may share what is costly to make once — the e2e walks' seeded
 * demo organisation (test/e2e/support/tether-e2e.ts) — and which is removed when the run ends.
 */
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const SHARED = join(__dirname, '..', '..', 'test-output', 'runs');

async function setup() {
  process.env.TETHER_TEST_RUN = `${process.pid}-${Date.now()}`;
}

async function teardown() {
  const run = process.env.TETHER_TEST_RUN;
  if (run) rmSync(join(SHARED, run), { recursive: true, force: true });
}

module.exports = { setup, teardown, SHARED };
