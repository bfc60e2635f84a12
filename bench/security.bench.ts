/**
 * Issue 13's security figures: the contract fuzz (test/resolvers/contract-fuzz.ts) at five times
 * the size `npm test` runs, on a strict host, and the authorization matrix of docs/resolvers.md
 * (test/resolvers/authorization-matrix.ts), every cell. Targets: no INTERNAL reply, no finding
 * (a write on a refusal, a restricted objective shown, a reply outside the contract), no cell of
 * the matrix answered otherwise than the doc says.
 */
import { parseClockSetting, setProcessClock } from '../local/runtime/process-clock';
import { PINNED_NOW } from '../test/support/clock';
import { startAppHost, type AppHost } from '../test/support/app-host';
import { fuzzOrganisation, fuzzPools, LEAK_CASES, runContractFuzz, summarise } from '../test/resolvers/contract-fuzz';
import {
  matrixCases,
  matrixSeed,
  readMatrix,
  runMatrixCase,
  setUpMatrix,
} from '../test/resolvers/authorization-matrix';
import { fmt, nowMs, verdict } from './measure';

const SEED = 20261120;
/** 42 keys × 5 callers × 240 = 50,400 payloads (npm test runs 48 a caller). */
const PER_CALLER = 240;

async function withHost<T>(app: AppHost, fn: (app: AppHost) => Promise<T>): Promise<T> {
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export async function runSecurityBench(): Promise<Record<string, number>> {
  // tens of thousands of refusals would each print a line (src/forge/log.ts); TETHER_LOG=1 shows them
  const log = process.env.TETHER_LOG;
  process.env.TETHER_LOG = log ?? 'off';
  const restoreClock = setProcessClock(parseClockSetting(PINNED_NOW));
  try {
    const fuzz = await withHost(startAppHost({ forge: 'strict' }), async (app) => {
      const { promptIds } = await fuzzOrganisation(app);
      return runContractFuzz(app, {
        seed: SEED,
        perCaller: PER_CALLER,
        pools: fuzzPools(promptIds),
        fixed: LEAK_CASES,
      });
    });
    const internal = fuzz.findings.filter((f) => f.kind === 'internal').length;
    console.log(
      `security: contract fuzz, seed ${SEED}: ${fmt(fuzz.payloads)} payloads in ${fmt(fuzz.ms / 1000, 1)} s ` +
        `(${Object.entries(fuzz.codes)
          .map(([code, n]) => `${code} ${fmt(n)}`)
          .join(
            ', ',
          )}); ${fmt(internal)} INTERNAL, ${fmt(fuzz.findings.length)} findings   ${verdict(fuzz.findings.length === 0)}`,
    );
    for (const line of summarise(fuzz.findings)) console.log(`          ${line}`);
    for (const f of fuzz.findings.slice(0, 10)) console.log(`          ${JSON.stringify(f)}`);

    const started = nowMs();
    const rows = readMatrix();
    const cases = matrixCases(rows);
    const failures: string[] = [];
    await withHost(startAppHost({ forge: 'strict', seed: matrixSeed }), async (app) => {
      const shared = await setUpMatrix(app);
      for (const c of cases) {
        const { outcome, message, writes } = await runMatrixCase(app, shared, c.row, c.caller, c.visibility);
        const refused = !['ok', 'shown', 'hidden'].includes(outcome);
        if (outcome !== c.expected || (refused && writes > 0))
          failures.push(
            `${c.row.call} as ${c.caller}, ${c.visibility}: expected ${c.expected}, got ${outcome}${message === '' ? '' : ` (${message})`}${refused && writes > 0 ? `, ${writes} writes` : ''}`,
          );
      }
    });
    const authzMs = nowMs() - started;
    console.log(
      `security: authorization matrix (docs/resolvers.md): ${fmt(cases.length)} cases of ${fmt(rows.length)} rows in ${fmt(authzMs / 1000, 1)} s; ${fmt(failures.length)} failures   ${verdict(failures.length === 0)}`,
    );
    for (const f of failures.slice(0, 20)) console.log(`          ${f}`);
    return {
      'fuzz.payloads': fuzz.payloads,
      'fuzz.internal': internal,
      'fuzz.findings': fuzz.findings.length,
      'fuzz.ms': Math.round(fuzz.ms),
      'authz.cases': cases.length,
      'authz.failures': failures.length,
    };
  } finally {
    restoreClock();
    if (log === undefined) delete process.env.TETHER_LOG;
  }
}
