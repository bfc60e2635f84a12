/**
 * What `objectives-file/import` costs, measured through the local host in-process (the real
 * SDKs, the local KVS and Jira): generated files of 100, 500 and 2,000 objectives (each with two
 * key results; every third workgroup objective links demo issues) into an empty demo site. The
 * preview (`apply: false`) and the apply (`apply: true`) are timed with the resolver's 25 s limit
 * lifted, so the whole cost is seen even where Forge would stop the invocation.
 *
 *   npx tsx bench/import.bench.ts [sizes…]
 *
 * `npm run bench` (or `npm run bench -- import`) runs the 500-objective file and keeps its figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createHost, type Host } from '../local/host/create-host';
import { functionContext } from '../local/host/forge-context';
import { demoOrganisationSite } from '../local/jira/demo-issues';
import { buildResolver } from '../src/resolvers';
import { replyFor } from '../src/contract/api';
import { ACCOUNT, asPersonaCounted, REPO_ROOT, testManifest, writesIn } from '../test/support/app-host';
import { buildObjectivesFile } from '../test/support/objectives-file-builder';
import { fmt, nowMs } from './measure';
import { largestWindow } from './refresh.bench';
import { setProcessClock } from '../local/runtime/process-clock';

export interface ImportFigures {
  objectives: number;
  textKB: number;
  preview: { ms: number; kvs: number; jira: number };
  apply: { ms: number; kvs: number; writes: number; jira: number; progress: unknown };
  /** The import job, when the apply queued one: its steps, the consumer runs and what they cost until done. */
  job: {
    total: number;
    /** Wall time of the runs (the pauses between them are on the moved host clock, not waited). */
    ms: number;
    runs: number;
    kvs: number;
    jira: number;
    state: string;
    writeUnits: number;
    /** The most write units answered in any 60 s of the host clock. */
    peakWriteUnits: number;
    /** Host-clock seconds from the first run's start to the last run's end, pauses included. */
    hostSeconds: number;
  } | null;
  /** The preview of the same file again, once it is stored: the validation every later import pays. */
  again: { ms: number; kvs: number; jira: number };
}

type Handler = (request: unknown, runtime: unknown) => Promise<unknown>;

async function invoke(
  host: Host,
  handler: Handler,
  payload: unknown,
  key: 'objectives-file/import' | 'objectives-file/import-status' = 'objectives-file/import',
) {
  const started = nowMs();
  const { result, counts } = await asPersonaCounted(host, 'admin', () =>
    handler(
      { call: { functionKey: key, payload }, context: { moduleKey: 'tether-admin-page' } },
      functionContext(host.site, ACCOUNT.admin),
    ),
  );
  const ms = nowMs() - started;
  const reply = replyFor('objectives-file/import').or(replyFor('objectives-file/import-status')).parse(result);
  if (!reply.ok) throw new Error(`${key} answered ${reply.error.code}: ${reply.error.message}`);
  if (!('applied' in reply.data)) return { ms, counts, data: { job: null, progress: null, state: reply.data.state } };
  return { ms, counts, data: reply.data };
}

export async function measureImport(objectives: number, options: { resolver?: Handler } = {}): Promise<ImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tether-import-bench-'));
  writeFileSync(join(dir, 'manifest.yml'), stringify(testManifest('resolvers/index.resolver')));
  let issueKeys: string[] = [];
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    // the pauses between paced runs are kept, on the host clock (moved below, not slept on): read at
    // each call, so it follows the process clock once that is set
    delays: 'real',
    now: () => Date.now(),
    syncWrites: false,
    // lenient: the figures are round trips and calls, counted the same in both modes; the import
    // under strict quotas is test/resolvers/objectives-upload.test.ts (2,000 objectives)
    forge: 'lenient',
    seed: (now) => {
      const site = demoOrganisationSite(now);
      issueKeys = site.issues.map((i) => i.key);
      return site;
    },
  });
  try {
    const definitions = buildResolver().getDefinitions() as unknown as Handler;
    const handler = options.resolver ?? definitions;
    const text = buildObjectivesFile({ objectives, issues: issueKeys });
    const preview = await invoke(host, handler, { text, apply: false });
    const apply = await invoke(host, handler, { text, apply: true });
    // every write of the job's runs, with its units and when it was answered (the host clock)
    const samples: { at: number; units: number }[] = [];
    const stop = host.runtime.onKvsRequest((r) => {
      if (r.writeUnits > 0) samples.push({ at: r.answeredAt, units: r.writeUnits });
    });
    // the runs are paced (IMPORT_PACE): the host waits the pauses on its clock, which is moved a
    // second at a time here instead of slept on
    const restoreClock = setProcessClock(Date.now());
    const hostStarted = Date.now();
    let busyMs = 0;
    for (let guard = 0; guard < 100_000; guard += 1) {
      const t = nowMs();
      await host.settle();
      busyMs += nowMs() - t;
      const status =
        apply.data.job === null
          ? null
          : await invoke(host, handler, { jobId: apply.data.job.jobId }, 'objectives-file/import-status');
      const state = (status?.data as { state?: unknown } | undefined)?.state;
      if (state !== 'queued' && state !== 'running') break;
      setProcessClock(Date.now() + 1_000);
    }
    const jobMs = busyMs;
    const hostSeconds = (Date.now() - hostStarted) / 1000;
    restoreClock();
    stop();
    samples.sort((a, b) => a.at - b.at);
    const peakWriteUnits = largestWindow(samples, 60_000);
    const runs = host.invocations().filter((r) => r.kind === 'consumer');
    const status =
      apply.data.job === null
        ? null
        : await invoke(host, handler, { jobId: apply.data.job.jobId }, 'objectives-file/import-status');
    const again = await invoke(host, handler, { text, apply: false });
    return {
      objectives,
      textKB: Buffer.byteLength(text) / 1024,
      preview: { ms: preview.ms, kvs: preview.counts.kvsRoundTrips, jira: preview.counts.productCalls },
      apply: {
        ms: apply.ms,
        kvs: apply.counts.kvsRoundTrips,
        writes: writesIn(apply.counts.kvsByEndpoint),
        jira: apply.counts.productCalls,
        progress: apply.data.progress,
      },
      job:
        apply.data.job === null
          ? null
          : {
              total: apply.data.job.total,
              ms: jobMs,
              runs: runs.length,
              kvs: runs.reduce((n, r) => n + r.counts.kvsRoundTrips, 0),
              jira: runs.reduce((n, r) => n + r.counts.productCalls, 0),
              state: String((status?.data as { state?: unknown } | undefined)?.state),
              writeUnits: samples.reduce((n, x) => n + x.units, 0),
              peakWriteUnits,
              hostSeconds,
            },
      again: { ms: again.ms, kvs: again.counts.kvsRoundTrips, jira: again.counts.productCalls },
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures `npm run bench` keeps: a 500-objective file, previewed then applied (as a job). */
export async function runImportBench(): Promise<Record<string, number>> {
  const n = 500;
  const f = await measureImport(n);
  console.log(
    `import: ${fmt(n)} objectives (${fmt(f.textKB)} KB): preview ${fmt(f.preview.ms)} ms, ${f.preview.kvs} KVS round trips, ${f.preview.jira} Jira calls`,
  );
  console.log(
    `        apply (the resolver): ${fmt(f.apply.ms)} ms, ${f.apply.kvs} KVS round trips, ${f.apply.jira} Jira calls`,
  );
  if (f.job !== null)
    console.log(
      `        the job: ${fmt(f.job.total)} steps in ${f.job.runs} consumer run(s), ${fmt(f.job.ms)} ms, ${fmt(f.job.kvs)} KVS round trips, ${fmt(f.job.jira)} Jira calls, ${f.job.state}`,
    );
  if (f.job !== null)
    console.log(
      `        ${fmt(f.job.writeUnits)} write units over ${fmt(f.job.hostSeconds)} s of host clock; the largest share of the write quota in any 60 s: ${fmt(f.job.peakWriteUnits)} of 4,000 = ${(f.job.peakWriteUnits / 4_000).toFixed(2)}   ${f.job.peakWriteUnits / 4_000 <= 0.5 ? 'PASS' : 'MISS'} (target ≤ 0.5: room for users)`,
    );
  return {
    'import.objectives': n,
    'import.preview.kvs.roundtrips': f.preview.kvs,
    'import.apply.kvs.roundtrips': f.apply.kvs,
    'import.apply.ms': Math.round(f.apply.ms),
    ...(f.job === null
      ? {}
      : {
          'import.job.steps': f.job.total,
          'import.job.kvs.roundtrips': f.job.kvs,
          'import.job.jira.calls': f.job.jira,
          'import.job.ms': Math.round(f.job.ms),
          'import.job.writeUnits': f.job.writeUnits,
          'import.job.hostSeconds': Math.round(f.job.hostSeconds),
          'import.writeQuota.share': Math.round((f.job.peakWriteUnits / 4_000) * 1000) / 1000,
        }),
  };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length > 0 ? sizes : [100, 500, 2000]) {
    const f = await measureImport(n);
    console.log(
      `${fmt(n)} objectives (${fmt(f.textKB)} KB): preview ${fmt(f.preview.ms)} ms, ${f.preview.kvs} KVS, ${f.preview.jira} Jira; ` +
        `apply ${fmt(f.apply.ms)} ms, ${f.apply.kvs} KVS (${f.apply.writes} writes), ${f.apply.jira} Jira`,
    );
    if (f.job !== null)
      console.log(
        `  job: ${f.job.total} steps, ${f.job.runs} consumer run(s), ${fmt(f.job.ms)} ms, ${f.job.kvs} KVS, ${f.job.jira} Jira, ${f.job.state}`,
      );
    console.log(`  again (stored): preview ${fmt(f.again.ms)} ms, ${f.again.kvs} KVS, ${f.again.jira} Jira`);
    console.log(`  ${JSON.stringify(f.apply.progress)}`);
  }
}

if (require.main === module) void main();
