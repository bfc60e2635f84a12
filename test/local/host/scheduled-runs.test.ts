/**
 * Scheduled triggers on their own (docs/forge-fidelity.md, "Scheduled triggers"): the first run
 * about five minutes after they start, then every interval of the manifest, on the host clock,
 * the rhythm kept across restarts. The clock is moved, never slept on; it moves on in real time
 * from where it is set, so times are taken from the schedule the host wrote (starting a host may
 * take seconds on a busy machine), never from where the clock was set before it started.
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

/** When the host means to run the nightly trigger next, as its schedule file says. */
function nextRunAt(): number {
  const schedule = JSON.parse(readFileSync(join(dataDir, 'host', 'schedule.json'), 'utf8')) as {
    triggers: Record<string, { nextAt: number }>;
  };
  const next = schedule.triggers['nightly-reconcile'];
  if (next === undefined) throw new Error('no nightly-reconcile in the schedule');
  return next.nextAt;
}

describe('scheduled triggers on their interval', () => {
  it('run first about five minutes after the host starts, then once a day (interval: day), on the host clock', async () => {
    const before = Date.now();
    const h = started();
    const after = Date.now();
    await h.settle();
    expect(runs(h)).toEqual([]);
    const schedule: unknown = JSON.parse(readFileSync(join(dataDir, 'host', 'schedule.json'), 'utf8'));
    expect(schedule).toEqual({
      version: 1,
      triggers: { 'nightly-reconcile': { interval: 'day', nextAt: expect.any(Number) } },
    });
    const first = nextRunAt();
    expect(first).toBeGreaterThanOrEqual(before + FIRST_RUN_AFTER_MS);
    expect(first).toBeLessThanOrEqual(after + FIRST_RUN_AFTER_MS);

    setProcessClock(first - 2_000);
    await h.settle();
    expect(runs(h)).toEqual([]);
    setProcessClock(first + 1_000);
    await h.settle();
    expect(runs(h)).toHaveLength(1);
    expect(runs(h)[0]).toMatchObject({ ok: true, accountId: null, functionKey: 'nightly' });
    expect(nextRunAt()).toBe(first + DAY);

    setProcessClock(first + DAY - 5_000);
    await h.settle();
    expect(runs(h)).toHaveLength(1);
    setProcessClock(first + DAY + 1_000);
    await h.settle();
    expect(runs(h)).toHaveLength(2);
    expect(await readKvs(h, 'nightly-runs')).toBe(2);
  });

  it('keep their rhythm across a restart, and run once for what fell due while the host was stopped', async () => {
    const first = started();
    const firstAt = nextRunAt();
    setProcessClock(firstAt + 1_000);
    await first.settle();
    expect(runs(first)).toHaveLength(1);
    await first.close();

    // started again mid-day: the next run is still the one a day after the first
    setProcessClock(firstAt + DAY / 2);
    const second = started();
    await second.settle();
    expect(runs(second)).toEqual([]);
    expect(nextRunAt()).toBe(firstAt + DAY);
    setProcessClock(firstAt + DAY + 1_000);
    await second.settle();
    expect(runs(second)).toHaveLength(1);
    await second.close();

    // stopped for three days: one run when it starts, then on the rhythm again
    setProcessClock(firstAt + 4 * DAY + DAY / 2);
    const third = started();
    await third.settle();
    expect(runs(third)).toHaveLength(1);
    expect(nextRunAt()).toBe(firstAt + 5 * DAY);
    setProcessClock(firstAt + 5 * DAY - 5_000);
    await third.settle();
    expect(runs(third)).toHaveLength(1);
    setProcessClock(firstAt + 5 * DAY + 1_000);
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
