/**
 * Strict async events (docs/forge-fidelity.md, "Async events"): at least once (duplicates with the
 * same eventId), unordered, concurrent up to the queue's and a concurrency key's limit, retried with
 * backoff at most four times, pushes refused as Forge refuses them, and a queue that survives a
 * restart. Deterministic: a seeded PRNG, and the host clock moved instead of sleeping.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEMO_ACCOUNTS } from '../../../local/jira';
import type { Host, HostOptions } from '../../../local/host/create-host';
import { setProcessClock } from '../../../local/runtime/process-clock';
import * as app from '../fixtures/host-app/index';
import { fixtureHost, removeDataDir, tempDataDir } from './host-test-kit';

const T0 = Date.parse('2026-11-20T10:00:00Z');

let dataDir: string;
let host: Host | undefined;
let restoreClock: () => void = () => undefined;

beforeEach(() => {
  dataDir = tempDataDir();
  app.watchedDeliveries.length = 0;
});
afterEach(async () => {
  await host?.close();
  host = undefined;
  restoreClock();
  restoreClock = () => undefined;
  removeDataDir(dataDir);
});

function strictHost(options: Partial<HostOptions> = {}): Host {
  host = fixtureHost(dataDir, { forge: 'strict', appModule: app, randomSeed: 7, ...options });
  return host;
}

const Pushed = z.union([z.object({ jobId: z.string() }), z.object({ refused: z.string(), message: z.string() })]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

async function enqueue(
  h: Host,
  queue: string,
  events: Array<{ [key: string]: Json }>,
  options: { [key: string]: Json } = {},
) {
  const reply = await h.invokeResolver({
    moduleKey: 'tether-admin-page',
    functionKey: 'enqueue',
    payload: { queue, events, options },
    accountId: DEMO_ACCOUNTS.admin,
  });
  if (!reply.ok) throw reply.error;
  return Pushed.parse(reply.value);
}

async function jobStats(h: Host, queue: string, jobId: string) {
  const reply = await h.invokeResolver({
    moduleKey: 'tether-admin-page',
    functionKey: 'job-stats',
    payload: { queue, jobId },
    accountId: DEMO_ACCOUNTS.admin,
  });
  if (!reply.ok) throw reply.error;
  return reply.value;
}

const numbered = (count: number, extra: { [key: string]: Json } = {}) =>
  Array.from({ length: count }, (_, i) => ({ n: i + 1, ...extra }));

describe('strict async events', () => {
  it('delivers every event at least once, some twice with the same eventId, out of push order and several at once', async () => {
    const h = strictHost({ delays: 'none', asyncEvents: { duplicateRate: 0.3 } });
    const pushed = await enqueue(h, 'tether-watched', numbered(20));
    await h.drain();

    const deliveries = [...app.watchedDeliveries];
    const ns = deliveries.map((d) => d.n);
    expect(new Set(ns)).toEqual(new Set(numbered(20).map((e) => e.n)));
    const twice = [...new Set(ns.filter((n, i) => ns.indexOf(n) !== i))];
    expect(twice.length).toBeGreaterThan(0);
    for (const n of twice) expect(new Set(deliveries.filter((d) => d.n === n).map((d) => d.eventId)).size).toBe(1);
    expect(ns).not.toEqual([...ns].sort((a, b) => a - b));
    const most = Math.max(...deliveries.map((d) => d.running));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    // the job counts each event once, duplicates or not
    expect('jobId' in pushed && (await jobStats(h, 'tether-watched', pushed.jobId))).toEqual({
      success: 20,
      inProgress: 0,
      failed: 0,
    });

    // the same seed gives the same run
    await h.close();
    removeDataDir(dataDir);
    dataDir = tempDataDir();
    app.watchedDeliveries.length = 0;
    const again = strictHost({ delays: 'none', asyncEvents: { duplicateRate: 0.3 } });
    await enqueue(again, 'tether-watched', numbered(20));
    await again.drain();
    expect(app.watchedDeliveries.map((d) => d.n)).toEqual(ns);
  });

  it("keeps to an event's concurrency key and limit", async () => {
    const h = strictHost({ delays: 'none', asyncEvents: { duplicateRate: 0 } });
    await enqueue(h, 'tether-watched', numbered(10), { concurrency: { key: 'one-project', limit: 2 } });
    await h.drain();
    expect(app.watchedDeliveries).toHaveLength(10);
    expect(Math.max(...app.watchedDeliveries.map((d) => d.running))).toBe(2);
  });

  it('retries a failing event with growing backoff on the host clock, at most four times, while the others go on', async () => {
    restoreClock = setProcessClock(T0);
    const h = strictHost({ delays: 'real', asyncEvents: { duplicateRate: 0 } });
    const pushed = await enqueue(h, 'tether-watched', [
      { n: 1, failTimes: 9 },
      { n: 2 },
      { n: 3, failTimes: 1, retryAsked: true },
    ]);
    if (!('jobId' in pushed)) throw new Error(pushed.message);
    await h.settle();
    // the clock moves on in real time: the first deliveries (and their throws) were over by now
    const firstBy = Date.now();
    const attemptsOf = (n: number) => app.watchedDeliveries.filter((d) => d.n === n).map((d) => d.attempt);
    expect(attemptsOf(1)).toEqual([0]);
    expect(attemptsOf(2)).toEqual([0]);
    expect(attemptsOf(3)).toEqual([0]);
    expect(await jobStats(h, 'tether-watched', pushed.jobId)).toEqual({ success: 1, inProgress: 2, failed: 0 });

    // nothing is retried before its time: 15 s × 2^attempt (+ up to 50 %) after a throw, retryAfter (30 s) when asked
    setProcessClock(T0 + 14_000);
    await h.settle();
    expect(attemptsOf(1)).toEqual([0]);
    setProcessClock(firstBy + 31_000);
    await h.settle();
    expect(attemptsOf(1)).toEqual([0, 1]);
    expect(attemptsOf(3)).toEqual([0, 1]);

    const gaps: number[] = [];
    let at = firstBy + 31_000;
    for (let step = 0; step < 100 && attemptsOf(1).length < 5; step += 1) {
      const before = attemptsOf(1).length;
      at += 5_000;
      setProcessClock(at);
      await h.settle();
      if (attemptsOf(1).length > before) gaps.push(at);
    }
    expect(attemptsOf(1)).toEqual([0, 1, 2, 3, 4]);
    const spacing = gaps.map((t, i) => t - (i === 0 ? firstBy + 31_000 : (gaps[i - 1] ?? 0)));
    expect(spacing[1]).toBeGreaterThan(spacing[0] ?? 0);
    expect(app.watchedDeliveries.filter((d) => d.n === 1 && d.attempt > 0).map((d) => d.reason)).toEqual(
      Array(4).fill('FUNCTION_PLATFORM_UNKNOWN_ERROR'),
    );
    expect(app.watchedDeliveries.filter((d) => d.n === 3 && d.attempt > 0).map((d) => d.reason)).toEqual([
      'FUNCTION_RETRY_REQUEST',
    ]);

    // no fifth retry, however long we wait
    setProcessClock(at + 3_600_000);
    await h.settle();
    expect(attemptsOf(1)).toHaveLength(5);
    expect(await jobStats(h, 'tether-watched', pushed.jobId)).toEqual({ success: 2, inProgress: 0, failed: 1 });
  });

  it('refuses pushes as Forge does: over 50 events, over 200 KB, over 100 KB an event for a long-running consumer, over 500 events a minute', async () => {
    restoreClock = setProcessClock(T0);
    const h = strictHost({ delays: 'real' });
    // the SDK refuses these before they leave the function
    expect(await enqueue(h, 'tether-watched', numbered(51))).toMatchObject({ refused: 'TooManyEventsError' });
    expect(await enqueue(h, 'tether-watched', [{ n: 1, text: 'x'.repeat(210 * 1024) }])).toMatchObject({
      refused: 'PayloadTooBigError',
    });
    // the platform refuses this: an event of 110 KB to a consumer with timeoutSeconds 900 (tether-work), not to one of 55 s
    const big = [{ n: 1, text: 'x'.repeat(110 * 1024) }];
    expect(await enqueue(h, 'tether-work', big)).toEqual({
      refused: 'PayloadTooBigError',
      message: 'Event 0 is larger than 100 KB, the maximum for a consumer whose timeout is over 55 seconds.',
    });
    expect(await enqueue(h, 'tether-watched', big, { delayInSeconds: 900 })).toEqual({ jobId: expect.any(String) });

    // a publish that bypasses the SDK gets Forge's answers too
    const publish = (payload: unknown[]) =>
      h.runtime.runInvocation({ accountId: null, moduleKey: 'raw-push' }, async () => {
        const fetchFn: unknown = Reflect.get(globalThis, '__forge_fetch__');
        if (typeof fetchFn !== 'function') throw new Error('no __forge_fetch__');
        const body = JSON.stringify({
          queueName: 'tether-watched',
          jobId: `raw-${payload.length}`,
          type: 'avi:forge:app:event',
          schema: 'ari:cloud:ecosystem::forge/app-event-2',
          payload,
          time: new Date().toISOString(),
        });
        const res: unknown = await fetchFn(
          { type: 'fpp', provider: 'app', remote: 'stargate' },
          '/webhook/queue/publish/ctx/env/app/1',
          { method: 'POST', body },
        );
        if (!(res instanceof Response)) throw new Error('not a Response');
        return { status: res.status, body: await res.text() };
      });
    expect(await publish([{ body: { text: 'z'.repeat(201 * 1024) } }])).toEqual({
      status: 413,
      body: expect.stringContaining('the maximum payload size is 200KB'),
    });
    expect((await publish(numbered(51).map((body) => ({ body })))).status).toBe(400);

    // 500 events a minute: 1 + 9 × 50 = 451 pass, the next 50 do not, and after a minute they do
    for (let i = 0; i < 9; i += 1)
      expect(await enqueue(h, 'tether-watched', numbered(50), { delayInSeconds: 900 })).toEqual({
        jobId: expect.any(String),
      });
    expect(await enqueue(h, 'tether-watched', numbered(50), { delayInSeconds: 900 })).toMatchObject({
      refused: 'RateLimitError',
    });
    // a minute after the last of those pushes (the clock moves on in real time from where it was set)
    setProcessClock(Date.now() + 61_000);
    expect(await enqueue(h, 'tether-watched', numbered(50), { delayInSeconds: 900 })).toEqual({
      jobId: expect.any(String),
    });
  });

  it('keeps pushed events on disk: a host stopped before their time delivers them after it starts again', async () => {
    restoreClock = setProcessClock(T0);
    const first = strictHost({ delays: 'real', asyncEvents: { duplicateRate: 0 } });
    const pushed = await enqueue(first, 'tether-watched', numbered(3), { delayInSeconds: 60 });
    // the clock moves on in real time: they were pushed by now
    const pushedBy = Date.now();
    if (!('jobId' in pushed)) throw new Error(pushed.message);
    await first.settle();
    await first.close();
    host = undefined;
    expect(app.watchedDeliveries).toEqual([]);
    const file = join(dataDir, 'host', 'queue.jsonl');
    expect(existsSync(file)).toBe(true);
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"t":"event"')),
    ).toHaveLength(3);

    const second = strictHost({ delays: 'real', asyncEvents: { duplicateRate: 0 } });
    await second.settle();
    expect(app.watchedDeliveries).toEqual([]);
    setProcessClock(pushedBy + 61_000);
    await second.settle();
    expect(app.watchedDeliveries.map((d) => d.n).sort()).toEqual([1, 2, 3]);
    expect(await jobStats(second, 'tether-watched', pushed.jobId)).toEqual({ success: 3, inProgress: 0, failed: 0 });
  });
});
