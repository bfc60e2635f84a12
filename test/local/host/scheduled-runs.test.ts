/**
 * Scheduled triggers on their own (docs/forge-fidelity.md, "Scheduled triggers"): the first run
 * about five minutes after they start, then every interval of the manifest, on the host clock,
 * the rhythm kept across restarts. The clock is moved, never slept on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../../../local/host/create-host';
import { FIRST_RUN_AFTER_MS, INTERVAL_MS } from '../../../local/host/scheduled-runs';
import { setProcessClock } from '../../../local/runtime/process-clock';
import { fixtureHost, readKvs, removeDataDir, tempDataDir } from './host-test-kit';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const DAY = INTERVAL_MS.day;

let dataDir: string;
let host: Host | undefined;
let restoreClock: () => void = () => undefined;

beforeEach(() => {
  dataDir = tempDataDir();
  restoreClock = setProcessClock(T0);
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  restoreClock();
  removeDataDir(dataDir);
});

function started(): Host {
  host = fixtureHost(dataDir, { forge: 'strict', delays: 'real' });
  host.startScheduledTriggers();
  return host;
}

const runs = (h: Host) =>
  h.invocations().filter((r) => r.kind === 'scheduledTrigger' && r.moduleKey === 'nightly-reconcile');

describe('scheduled triggers on their interval', () => {
  it('run first about five minutes after the host starts, then once a day (interval: day), on the host clock', async () => {
    const h = started();
    await h.settle();
    expect(runs(h)).toEqual([]);
    const schedule: unknown = JSON.parse(readFileSync(join(dataDir, 'host', 'schedule.json'), 'utf8'));
    expect(schedule).toEqual({
      version: 1,
      triggers: { 'nightly-reconcile': { interval: 'day', nextAt: expect.any(Number) } },
    });

    setProcessClock(T0 + FIRST_RUN_AFTER_MS - 2_000);
    await h.settle();
    expect(runs(h)).toEqual([]);
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + 1_000);
    await h.settle();
    expect(runs(h)).toHaveLength(1);
    expect(runs(h)[0]).toMatchObject({ ok: true, accountId: null, functionKey: 'nightly' });

    setProcessClock(T0 + FIRST_RUN_AFTER_MS + DAY - 5_000);
    await h.settle();
    expect(runs(h)).toHaveLength(1);
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + DAY + 1_000);
    await h.settle();
    expect(runs(h)).toHaveLength(2);
    expect(await readKvs(h, 'nightly-runs')).toBe(2);
  });

  it('keep their rhythm across a restart, and run once for what fell due while the host was stopped', async () => {
    const first = started();
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + 1_000);
    await first.settle();
    expect(runs(first)).toHaveLength(1);
    await first.close();

    // started again mid-day: the next run is still the one a day after the first
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + DAY / 2);
    const second = started();
    await second.settle();
    expect(runs(second)).toEqual([]);
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + DAY + 1_000);
    await second.settle();
    expect(runs(second)).toHaveLength(1);
    await second.close();

    // stopped for three days: one run when it starts, then on the rhythm again
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + 4 * DAY + DAY / 2);
    const third = started();
    await third.settle();
    expect(runs(third)).toHaveLength(1);
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + 5 * DAY - 5_000);
    await third.settle();
    expect(runs(third)).toHaveLength(1);
    setProcessClock(T0 + FIRST_RUN_AFTER_MS + 5 * DAY + 1_000);
    await third.settle();
    expect(runs(third)).toHaveLength(2);
    expect(await readKvs(third, 'nightly-runs')).toBe(4);
  });

  it('still run on demand, and never on their own until started', async () => {
    host = fixtureHost(dataDir, { forge: 'strict', delays: 'real' });
    setProcessClock(T0 + 2 * DAY);
    await host.settle();
    expect(runs(host)).toEqual([]);
    expect((await host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
    expect(runs(host)).toHaveLength(1);
  });
});
