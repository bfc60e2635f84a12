/**
 * The lenient project of `npm test` (jest.config.cjs): every host a test file makes without naming
 * a mode is kind (TETHER_FORGE=lenient: no quotas, no lag, events at once), as
 * `TETHER_FORGE=lenient npm start` runs the demo. Set before the file's modules load, so createHost
 * and KvsService read it.
 */
process.env.TETHER_FORGE = 'lenient';
