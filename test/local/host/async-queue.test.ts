import { z } from 'zod';
import { DEMO_ACCOUNTS } from '../../../local/jira';
import type { Host } from '../../../local/host/create-host';
import { fixtureHost, readKvs, useFixtureHost } from './host-test-kit';

const fixture = useFixtureHost();

const enqueue = async (queue: string, events: Array<Record<string, number | boolean>>) => {
  const reply = await fixture.host.invokeResolver({
    moduleKey: 'tether-admin-page',
    functionKey: 'enqueue',
    payload: { queue, events },
    accountId: DEMO_ACCOUNTS.admin,
  });
  if (!reply.ok) throw reply.error;
  return { ...reply, jobId: z.object({ jobId: z.string() }).parse(reply.value).jobId };
};
const consumerRuns = (h: Host) => h.invocations().filter((r) => r.kind === 'consumer');

describe('async events (@forge/events Queue)', () => {
  it('delivers pushed events to the consumer function, later, in order, each in its own invocation', async () => {
    const reply = await enqueue('tether-work', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(reply.value).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(reply.counts.kvsRoundTrips).toBe(0);
    expect(consumerRuns(fixture.host)).toEqual([]);
    await fixture.host.drain();

    expect(await readKvs(fixture.host, 'deliveries')).toEqual([
      { n: 1, attempt: 0, accountId: 'local-admin', reason: null },
      { n: 2, attempt: 0, accountId: 'local-admin', reason: null },
      { n: 3, attempt: 0, accountId: 'local-admin', reason: null },
    ]);
    const runs = consumerRuns(fixture.host);
    expect(runs).toHaveLength(3);
    expect(new Set(runs.map((r) => r.invocationId)).size).toBe(3);
    for (const r of runs)
      expect(r).toMatchObject({
        moduleKey: 'work-consumer',
        functionKey: 'consume',
        ok: true,
        counts: { kvsRoundTrips: 2 },
      });
  });

  it('retries a failing event up to four times before the next one, then counts it failed', async () => {
    const { jobId } = await enqueue('tether-work', [
      { n: 1, failTimes: 2 },
      { n: 2, failTimes: 9 },
      { n: 3, failTimes: 1, retryAsked: true },
    ]);
    await fixture.host.drain();
    expect(await readKvs(fixture.host, 'deliveries')).toEqual([
      { n: 1, attempt: 0, accountId: 'local-admin', reason: null },
      { n: 1, attempt: 1, accountId: 'local-admin', reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
      { n: 1, attempt: 2, accountId: 'local-admin', reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' },
      ...[0, 1, 2, 3, 4].map((attempt) => ({
        n: 2,
        attempt,
        accountId: 'local-admin',
        reason: attempt === 0 ? null : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
      })),
      { n: 3, attempt: 0, accountId: 'local-admin', reason: null },
      { n: 3, attempt: 1, accountId: 'local-admin', reason: 'FUNCTION_RETRY_REQUEST' },
    ]);
    const stats = await fixture.host.invokeResolver({
      moduleKey: 'tether-admin-page',
      functionKey: 'job-stats',
      payload: { queue: 'tether-work', jobId },
      accountId: DEMO_ACCOUNTS.admin,
    });
    expect(stats.ok && stats.value).toEqual({ success: 2, inProgress: 0, failed: 1 });
  });

  it('calls a resolver-style consumer (@forge/events 1.x manifest form) with the body as payload', async () => {
    const { jobId } = await enqueue('tether-legacy', [{ n: 7 }]);
    await fixture.host.drain();
    expect(await readKvs(fixture.host, 'legacy:7')).toEqual({ jobId, accountId: 'local-admin' });
  });

  it('refuses a push to a queue no consumer listens to, with the SDK error', async () => {
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-admin-page',
      functionKey: 'enqueue',
      payload: { queue: 'nobody', events: [{ n: 1 }] },
      accountId: DEMO_ACCOUNTS.admin,
    });
    expect(reply.ok ? null : reply.error.message).toBe(
      '400 Bad Request: No consumer in manifest.yml listens to the queue nobody',
    );
  });

  it('delivers the events a closing host still holds before it closes', async () => {
    await enqueue('tether-work', [{ n: 1 }, { n: 2 }]);
    await fixture.host.close();
    const again = fixtureHost(fixture.dataDir);
    try {
      expect(await readKvs(again, 'deliveries')).toHaveLength(2);
    } finally {
      fixture.host = again;
    }
  });
});
