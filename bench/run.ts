/**
 * `npm run bench`: runs every benchmark module and merges its figures into bench/results.json
 * (one flat object; keys of other benchmarks already in the file are kept).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, nowMs } from './measure';

const RESULTS = join(__dirname, 'results.json');

/** Each benchmark's module is loaded when it runs, so one benchmark's heap figures do not carry the others' code (the local host, Chromium's driver). */
const benchmarks: { name: string; run: () => Promise<Record<string, number>> }[] = [
  // timed code, run as Forge runs it: bundled, by plain Node (bundled.ts)
  { name: 'rollup', run: async () => (await import('./bundled')).runBundled('rollup.bench.ts', 'runRollupBench') },
  { name: 'event', run: async () => (await import('./event.bench')).runEventBench() },
  { name: 'reconcile', run: async () => (await import('./reconcile.bench')).runReconcileBench() },
  { name: 'refresh', run: async () => (await import('./refresh.bench')).runRefreshBench() },
  { name: 'page', run: async () => (await import('./page.bench')).runPageBench() },
  { name: 'organisation', run: async () => (await import('./organisation.bench')).runOrganisationBench() },
  { name: 'import', run: async () => (await import('./import.bench')).runImportBench() },
  { name: 'settle', run: async () => (await import('./settle.bench')).runSettleBench() },
  { name: 'ui', run: async () => (await import('./ui.bench')).runUiBench() },
  { name: 'security', run: async () => (await import('./security.bench')).runSecurityBench() },
];

/** `npm run bench -- ui page` runs only the benchmarks named; none named runs them all. */
const only = process.argv.slice(2);
const unknown = only.filter((n) => !benchmarks.some((b) => b.name === n));
if (unknown.length > 0)
  throw new Error(`no benchmark named ${unknown.join(', ')}; there are ${benchmarks.map((b) => b.name).join(', ')}`);

function readResults(): Record<string, number> {
  if (!existsSync(RESULTS)) return {};
  const parsed: unknown = JSON.parse(readFileSync(RESULTS, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${RESULTS} is not a JSON object`);
  return parsed as Record<string, number>;
}

async function main(): Promise<void> {
  const started = nowMs();
  const figures: Record<string, number> = {};
  let failed = false;
  for (const bench of benchmarks.filter((b) => only.length === 0 || only.includes(b.name))) {
    try {
      Object.assign(figures, await bench.run());
    } catch (error) {
      failed = true;
      console.error(`${bench.name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log('');
  }
  if (Object.keys(figures).length > 0) {
    writeFileSync(RESULTS, `${JSON.stringify({ ...readResults(), ...figures }, null, 2)}\n`);
    console.log(`wrote ${Object.keys(figures).length} figures to bench/results.json`);
  }
  console.log(`bench finished in ${fmt((nowMs() - started) / 1_000, 1)} s`);
  if (failed) process.exitCode = 1;
}

void main();
