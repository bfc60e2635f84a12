/**
 * Strict product events (docs/forge-fidelity.md, "Product events"): delivered late (a random delay
 * on the host clock), in no order, sometimes twice, and retried with backoff when the trigger
 * throws, at most four times. Deterministic: seeded PRNG, the clock moved instead of sleeping.
 */
import { DEMO_ACCOUNTS } from '../../../local/jira';
import type { Host, HostOptions } from '../../../local/host/create-host';
import { setProcessClock } from '../../../local/runtime/process-clock';
import * as app from '../fixtures/host-app/index';
import { fixtureHost, jiraOk, removeDataDir, tempDataDir } from './host-test-kit';

const T0 = Date.parse('2026-11-20T10:00:00Z');

let dataDir: string;
let host: Host | undefined;
let restoreClock: () => void = () => undefined;

beforeEach(() => {
  dataDir = tempDataDir();
  app.issueEventsSeen.length = 0;
  restoreClock = setProcessClock(T0);
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  restoreClock();
  removeDataDir(dataDir);
});

function open(options: Partial<HostOptions>): Host {
  host = fixtureHost(dataDir, { appModule: app, delays: 'real', randomSeed: 3, ...options });
  return host;
}

const rename = (h: Host, key: string, summary: string) =>
  jiraOk(h, 'PUT', `/rest/api/3/issue/${key}`, DEMO_ACCOUNTS.member, { fields: { summary } });
const KEYS = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5'];

describe('strict product events', () => {
  it('arrive late, on the host clock, and not in the order of the changes', async () => {
    const h = open({ forge: 'strict', productEvents: { minDelayMs: 5_000, maxDelayMs: 60_000, duplicateRate: 0 } });
    for (const key of KEYS) await rename(h, key, `Renamed ${key}`);
    // the clock moves on in real time: the renames were made by now (a busy machine may take seconds to get here)
    const renamedBy = Date.now();
    await h.settle();
    expect(app.issueEventsSeen).toEqual([]);
    setProcessClock(T0 + 4_000);
    await h.settle();
    expect(app.issueEventsSeen).toEqual([]);

    setProcessClock(renamedBy + 61_000);
    await h.settle();
    const order = app.issueEventsSeen.map((e) => e.key);
    expect([...order].sort()).toEqual(KEYS);
    expect(order).not.toEqual(KEYS);
  });

  it('sometimes come twice, with the same changelog', async () => {
    const h = open({ forge: 'strict', delays: 'none', productEvents: { duplicateRate: 0.5 } });
    for (const key of KEYS) await rename(h, key, `Renamed ${key}`);
    for (const key of KEYS) await rename(h, key, `Renamed ${key} again`);
    await h.drain();
    const seen = app.issueEventsSeen.map((e) => `${e.key}#${e.changelogId}`);
    expect(new Set(seen).size).toBe(2 * KEYS.length);
    expect(seen.length).toBeGreaterThan(2 * KEYS.length);
  });

  it('are retried with backoff when the trigger throws (lenient: recorded, not retried)', async () => {
    const lenient = open({ forge: 'lenient', delays: 'none' });
    await rename(lenient, 'WEB-2', 'Please fail me');
    await lenient.drain();
    expect(app.issueEventsSeen.map((e) => e.attempt)).toEqual([0]);
    await lenient.close();
    removeDataDir(dataDir);
    dataDir = tempDataDir();
    app.issueEventsSeen.length = 0;

    const h = open({
      forge: 'strict',
      productEvents: { minDelayMs: 1_000, maxDelayMs: 1_000, duplicateRate: 0, retryBaseSeconds: 10 },
    });
    setProcessClock(T0);
    await rename(h, 'WEB-2', 'Please fail me');
    setProcessClock(T0 + 2_000);
    await h.settle();
    expect(app.issueEventsSeen.map((e) => e.attempt)).toEqual([0]);
    // the first retry comes 10–15 s later, the second 20–30 s after that
    setProcessClock(T0 + 11_000);
    await h.settle();
    expect(app.issueEventsSeen.map((e) => e.attempt)).toEqual([0]);
    setProcessClock(T0 + 18_000);
    await h.settle();
    expect(app.issueEventsSeen.map((e) => e.attempt)).toEqual([0, 1]);
    setProcessClock(T0 + 60_000);
    await h.settle();
    expect(app.issueEventsSeen.map((e) => [e.attempt, e.reason])).toEqual([
      [0, null],
      [1, 'FUNCTION_PLATFORM_UNKNOWN_ERROR'],
      [2, 'FUNCTION_PLATFORM_UNKNOWN_ERROR'],
    ]);
    const runs = h.invocations().filter((r) => r.moduleKey === 'issue-updated');
    expect(runs.map((r) => [r.attempt, r.ok])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
  });

  it("come again after an InvocationError's retryAfter on the host clock, lowered to 900 s, with retryContext, at most four times", async () => {
    const h = open({
      forge: 'strict',
      productEvents: { minDelayMs: 1_000, maxDelayMs: 1_000, duplicateRate: 0, retryBaseSeconds: 10 },
    });
    const seen = (key: string) => app.issueEventsSeen.filter((e) => e.key === key);
    const lastAt = (key: string) => seen(key).at(-1)?.at ?? Number.NaN;
    /** Moves the clock to `at` and runs what is due. */
    const moveTo = async (at: number) => {
      setProcessClock(at);
      await h.settle();
    };
    setProcessClock(T0);
    await rename(h, 'WEB-3', 'Busy: wait 600 s');
    await h.settle();
    await moveTo(T0 + 2_000);
    expect(seen('WEB-3').map((e) => e.attempt)).toEqual([0]);
    // each retry comes when retryAfter has passed since the attempt, not a second before: no backoff or jitter of the host's own
    for (let retry = 1; retry <= 4; retry += 1) {
      const previous = lastAt('WEB-3');
      await moveTo(previous + 599_000);
      expect(seen('WEB-3')).toHaveLength(retry);
      await moveTo(previous + 601_000);
      expect(seen('WEB-3')).toHaveLength(retry + 1);
      expect(lastAt('WEB-3') - previous).toBeGreaterThanOrEqual(600_000);
    }
    expect(seen('WEB-3').map((e) => [e.attempt, e.reason, e.data])).toEqual([
      [0, null, undefined],
      [1, 'FUNCTION_UPSTREAM_RATE_LIMITED', { attempt: 0 }],
      [2, 'FUNCTION_UPSTREAM_RATE_LIMITED', { attempt: 1 }],
      [3, 'FUNCTION_UPSTREAM_RATE_LIMITED', { attempt: 2 }],
      [4, 'FUNCTION_UPSTREAM_RATE_LIMITED', { attempt: 3 }],
    ]);
    // the fourth retry's InvocationError is not honoured: Forge retries at most four times
    await moveTo(lastAt('WEB-3') + 3_600_000);
    expect(seen('WEB-3')).toHaveLength(5);
    const runs = h.invocations().filter((r) => r.moduleKey === 'issue-updated');
    expect(runs.map((r) => [r.attempt, r.ok, r.retryAfter])).toEqual([0, 1, 2, 3, 4].map((n) => [n, true, 600]));

    // a retryAfter over 900 s is lowered to 900
    await rename(h, 'WEB-4', 'Busy: wait 3600 s');
    await h.settle();
    await moveTo(Date.now() + 2_000);
    expect(seen('WEB-4')).toHaveLength(1);
    const first = lastAt('WEB-4');
    await moveTo(first + 899_000);
    expect(seen('WEB-4')).toHaveLength(1);
    await moveTo(first + 901_000);
    expect(seen('WEB-4').map((e) => e.attempt)).toEqual([0, 1]);
  });

  it('are delivered at once when the host closes instead of being lost', async () => {
    const h = open({ forge: 'strict', productEvents: { minDelayMs: 30_000, maxDelayMs: 60_000, duplicateRate: 0 } });
    await rename(h, 'WEB-4', 'Renamed before closing');
    await h.settle();
    expect(app.issueEventsSeen).toEqual([]);
    await h.close();
    expect(app.issueEventsSeen.map((e) => e.key)).toEqual(['WEB-4']);
  });
});
