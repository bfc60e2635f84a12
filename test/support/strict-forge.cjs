/**
 * The strict project of `npm test` (jest.config.cjs): every host a test file makes without naming
 * a mode is as harsh as Forge and Jira (TETHER_FORGE=strict, the default, set here so that a
 * TETHER_FORGE=lenient in the shell cannot soften the run; docs/forge-fidelity.md). Set before the
 * file's modules load, so createHost and KvsService read it.
 */
process.env.TETHER_FORGE = 'strict';
