/**
 * The daily refresh's share of Forge's storage write quota (4,000 write units in any rolling
 * minute per installation, docs/forge-fidelity.md): an organisation of 5,000 objectives is
 * generated, recomputed in full and its rollups written to the local KVS; then the scheduled
 * trigger `daily-refresh` (src/triggers/daily-refresh.ts) runs through the local host, on the next
 * day, until the day's refresh is finished. Every KVS request it makes is noted with its write
 * units and the host-clock time it was answered; the figure is the largest sum in any 60 s,
 * divided by 4,000. No latency is injected: the refresh runs as fast as this machine lets it, the
 * harshest case for a per-minute quota.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Settings } from '../src/contract/api';
import { unstored } from '../src/app/rollup/stored-records';
import { fullRecompute } from '../src/domain/rollup/full-recompute';
import { rollups } from '../src/forge/store/rollup-entities';
import { ForgeSettingsStore } from '../src/forge/store/settings-store';
import { refreshStorage } from '../src/forge/store/refresh-stores';
import { StoreTransaction } from '../src/forge/store/store-transaction';
import { createHost } from '../local/host/create-host';
import { setProcessClock } from '../local/runtime/process-clock';
import { REPO_ROOT, declaredEntities } from '../test/support/app-host';
import { generateOrg, NOW } from './generate-org';
import { fmt, nowMs } from './measure';

const OBJECTIVES = 5_000;
const ISSUES = 200_000;
const WRITE_UNITS_PER_MINUTE = 4_000;
const WINDOW_MS = 60_000;
const TARGET_SHARE = 0.5;
const DAY = 86_400_000;
/** Runs of the hourly trigger before giving up on finishing the day. */
const MAX_RUNS = 48;

/** The largest sum of `units` over any `windowMs` of time, the samples in time order. */
export function largestWindow(samples: readonly { at: number; units: number }[], windowMs: number): number {
  let best = 0;
  let sum = 0;
  let from = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const s = samples[i] as { at: number; units: number };
    sum += s.units;
    while ((samples[from] as { at: number }).at <= s.at - windowMs) {
      sum -= (samples[from] as { units: number }).units;
      from += 1;
    }
    if (sum > best) best = sum;
  }
  return best;
}

export async function runRefreshBench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tether-bench-refresh-'));
  writeFileSync(
    join(dir, 'manifest.yml'),
    stringify({
      app: {
        id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
        runtime: { name: 'nodejs22.x' },
        storage: { entities: declaredEntities() },
      },
      modules: {
        scheduledTrigger: [{ key: 'daily-refresh', function: 'on-daily-refresh', interval: 'hour' }],
        function: [{ key: 'on-daily-refresh', handler: 'index.onDailyRefresh', timeoutSeconds: 900 }],
      },
    }),
  );
  // the refresh runs the day after the organisation's records were computed
  const restoreClock = setProcessClock(NOW + DAY + 2 * 3_600_000);
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    forge: 'lenient',
    delays: 'none',
    syncWrites: false,
  });
  try {
    const org = generateOrg({ objectives: OBJECTIVES, issues: ISSUES });
    const full = fullRecompute(org.input);
    const stored = full.rollups.map(unstored);
    const seeded = nowMs();
    await host.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, async () => {
      await new ForgeSettingsStore().save(
        Settings.parse({ levels: org.levels, periods: org.input.periods, nextObjectiveNumber: OBJECTIVES + 1 }),
        0,
      );
      const repo = rollups();
      for (let i = 0; i < stored.length; i += 25) {
        const tx = new StoreTransaction();
        for (const r of stored.slice(i, i + 25)) tx.put(repo, r, 0);
        await tx.execute();
      }
    });
    const seedMs = nowMs() - seeded;

    const samples: { at: number; units: number }[] = [];
    let reads = 0;
    let trips = 0;
    const stop = host.runtime.onKvsRequest((r) => {
      trips += 1;
      reads += r.readUnits;
      if (r.writeUnits > 0) samples.push({ at: r.answeredAt, units: r.writeUnits });
    });
    const started = nowMs();
    let runs = 0;
    let finished = false;
    for (; runs < MAX_RUNS && !finished; runs += 1) {
      const result = await host.runScheduledTrigger('daily-refresh');
      if (!result.ok) throw new Error(`daily-refresh failed: ${result.error.message}`);
      const progress = await host.runtime.runInvocation({ accountId: null, moduleKey: 'bench' }, () =>
        refreshStorage().progress.get(),
      );
      finished = progress?.finished === true;
      if (!finished) setProcessClock(Date.now() + 3_600_000); // the next hourly run
    }
    stop();
    const runMs = nowMs() - started;
    samples.sort((a, b) => a.at - b.at);
    const total = samples.reduce((n, s) => n + s.units, 0);
    const peak = largestWindow(samples, WINDOW_MS);
    const share = peak / WRITE_UNITS_PER_MINUTE;
    console.log(
      `refresh: ${fmt(OBJECTIVES)} objectives' rollups written to the local KVS in ${fmt(seedMs / 1000, 1)} s`,
    );
    console.log(
      `  the daily refresh, ${runs} run(s) of the hourly trigger in ${fmt(runMs / 1000, 1)} s: ${fmt(trips)} KVS round trips, ${fmt(total)} write units, ${fmt(reads)} read units`,
    );
    console.log(
      `  largest share of the write quota in any 60 s: ${fmt(peak)} of ${fmt(WRITE_UNITS_PER_MINUTE)} units = ${share.toFixed(2)}   ${share <= TARGET_SHARE ? 'PASS' : 'MISS'} (target ≤ ${TARGET_SHARE})`,
    );
    return {
      'refresh.writeQuota.share': Number(share.toFixed(3)),
      'refresh.writeUnits': total,
      'refresh.readUnits': reads,
      'refresh.kvs.roundtrips': trips,
      'refresh.runs': runs,
    };
  } finally {
    await host.close();
    restoreClock();
    rmSync(dir, { recursive: true, force: true });
  }
}
