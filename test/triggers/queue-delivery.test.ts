/**
 * The queue consumer under at-least-once delivery (src/app/jobs/event-claim.ts): a reconciliation
 * step or an issue-property job delivered twice at once is worked once — the other delivery ends
 * quietly and pushes nothing, so the chain of steps never forks; a delivery after the event was
 * handled ends quietly; the platform's retry while another delivery holds the event is asked to
 * come back after the lease; a failed run releases its claim so the retry works at once, and one a
 * busy service stopped asks Forge for the event again later (an InvocationError); claims older
 * than a day are swept. On the local host in strict mode.
 */
import { kvs } from '@forge/kvs';
import { EVENT_CLAIM_TTL_MS, EVENT_LEASE_MS, sweepEventClaims } from '../../src/app/jobs/event-claim';
import { ForgeEventClaimStore } from '../../src/forge/store/event-claim-store';
import { queueConsumer } from '../../src/triggers/reconcile';
import type { EventClaimStore } from '../../src/ports';
import { asPersona, queriesCaughtUp, writesIn, type AppHost } from '../support/app-host';
import { PINNED_NOW, pinClock } from '../support/clock';
import { startStrictImportHost } from '../resolvers/strict-import-host';

const NOW = pinClock(PINNED_NOW);
// each test waits out strict mode's query lag (a second) at least once; a loaded machine is slower still
jest.setTimeout(60_000);

const EVENT = { queueName: 'tether-reconcile', jobId: 'job-1', eventId: 'event-1' };
/** The second half of a reconciliation on a site without objectives: it reads, finishes, pushes nothing. */
const STEP = { ...EVENT, body: { objectivesAfter: 0 } };

function deliver(app: AppHost, event: unknown, claims?: () => EventClaimStore) {
  return app.host.runtime.runCounted({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
    queueConsumer(claims === undefined ? {} : { claims })(event),
  );
}

const claimOf = (app: AppHost, id: string) => asPersona(app.host, null, () => new ForgeEventClaimStore().get(id));

describe('queued events delivered more than once', () => {
  let app: AppHost;
  beforeEach(() => {
    app = startStrictImportHost();
  });
  afterEach(() => app.close());

  it('works an event delivered twice at once only once, and ends a later delivery quietly', async () => {
    const [a, b] = await Promise.all([deliver(app, STEP), deliver(app, STEP)]);
    // one delivery claimed the event and worked; the other ended after reading the claim
    const worked = [a, b].filter((r) => writesIn(r.counts.kvsByEndpoint) >= 2);
    expect(worked).toHaveLength(1);
    expect(await claimOf(app, 'event-1')).toMatchObject({ state: 'done', kind: 'reconcile' });
    const late = await deliver(app, STEP);
    expect(writesIn(late.counts.kvsByEndpoint)).toBe(0);
    expect(late.result).toBeUndefined();
  });

  it("asks the platform's retry to come back after the lease while another delivery holds the event", async () => {
    await asPersona(app.host, null, () =>
      new ForgeEventClaimStore().put(
        {
          id: 'event-1',
          kind: 'reconcile',
          state: 'running',
          leaseUntil: Date.now() + 60_000,
          at: Date.now(),
          version: 0,
        },
        0,
      ),
    );
    const duplicate = await deliver(app, STEP);
    expect(duplicate.result).toBeUndefined();
    const retry = await deliver(app, {
      ...STEP,
      retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT', retryData: null },
    });
    expect(retry.result).toEqual({
      _retry: true,
      retryOptions: { retryAfter: expect.any(Number), retryReason: 'FUNCTION_RETRY_REQUEST' },
    });
    const after = (retry.result as { retryOptions: { retryAfter: number } }).retryOptions.retryAfter;
    expect(after).toBeGreaterThan(55);
    expect(after).toBeLessThanOrEqual(62);
  });

  it('takes over an event whose run died (its lease ran out)', async () => {
    await asPersona(app.host, null, () =>
      new ForgeEventClaimStore().put(
        {
          id: 'event-1',
          kind: 'reconcile',
          state: 'running',
          leaseUntil: Date.now() - 1,
          at: Date.now() - EVENT_LEASE_MS,
          version: 0,
        },
        0,
      ),
    );
    await deliver(app, STEP);
    expect(await claimOf(app, 'event-1')).toMatchObject({ state: 'done', version: 3 });
  });

  it('releases the claim of a failed run, so that the retry works at once', async () => {
    // the settings cannot be read: the step throws after its claim
    await asPersona(app.host, null, () => kvs.entity('settings').set('settings', { version: 1, data: { levels: 5 } }));
    await expect(deliver(app, STEP)).rejects.toThrow();
    expect(await claimOf(app, 'event-1')).toBeNull();
  });

  it("asks Forge for the event again after Jira's Retry-After when the app's points are spent, and releases its claim", async () => {
    const budget = app.host.jira.appBudget!;
    budget.charge(budget.remaining(Date.now()), Date.now());
    const job = { ...EVENT, eventId: 'event-2', body: { properties: ['WEB-1'] } };
    const { result } = await deliver(app, job);
    const hourLeft = Math.ceil((Math.ceil((Date.now() + 1) / 3_600_000) * 3_600_000 - Date.now()) / 1000);
    expect(result).toMatchObject({ _retry: true, retryOptions: { retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' } });
    const { retryAfter } = (result as { retryOptions: { retryAfter: number } }).retryOptions;
    expect(retryAfter).toBeGreaterThanOrEqual(Math.min(900, hourLeft - 1));
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await claimOf(app, 'event-2')).toBeNull();
  });

  it('sweeps claims older than a day', async () => {
    const store = new ForgeEventClaimStore();
    await asPersona(app.host, null, async () => {
      await store.put(
        { id: 'old', kind: 'reconcile', state: 'done', leaseUntil: 0, at: NOW - EVENT_CLAIM_TTL_MS - 1, version: 0 },
        0,
      );
      await store.put({ id: 'new', kind: 'reconcile', state: 'done', leaseUntil: 0, at: Date.now(), version: 0 }, 0);
    });
    // queries lag writes in strict mode: the sweep runs later (the clock moved on)
    await queriesCaughtUp(app);
    const swept = await asPersona(app.host, null, () =>
      sweepEventClaims({ claims: store, clock: { now: () => Date.now() } }),
    );
    expect(swept).toBe(1);
    expect(await claimOf(app, 'old')).toBeNull();
    expect(await claimOf(app, 'new')).not.toBeNull();
  });
});
