/**
 * The nightly reconciliation as a run of queued steps (src/app/rollup/reconcile-run.ts): a step that
 * Jira's points budget stops queues its continuation for after `Retry-After` — longer waits than a
 * queue event's 900 s come back early and are queued again untouched — and the run goes on where it
 * stopped. Where it stands is kept for the admin page's Background jobs tab (jobs/list), which says
 * it waits and until when. The clock is a parameter.
 */
import { listJobs, type JobsPorts } from '../../../src/app/jobs/jobs';
import { runReconcileStep, type ReconcileProgress, type ReconcileStep } from '../../../src/app/rollup/reconcile-run';
import type { ReconcileResult } from '../../../src/app/rollup/reconcile';
import type { DiscoverResult } from '../../../src/app/rollup/discover-missing';
import type { ServiceBusy } from '../../../src/app/app-failure';
import { logFor } from '../../../src/forge/log';

const T0 = Date.parse('2026-11-21T02:00:00Z');
const HOUR = 3_600_000;

/**
 * The reconciliation over 250 stored issues (100 a batch), every 25th linked (10 linked issues, the
 * roots the search for missed issues looks under; one missed issue is found under each); Jira
 * refuses with `Retry-After` while `jiraBusyUntil` has not passed.
 */
function world() {
  let now = T0;
  let jiraBusyUntil = 0;
  let progress: ReconcileProgress | null = null;
  const queued: { step: ReconcileStep; delay: number; at: number }[] = [];
  const issueCalls: string[] = [];
  const discoverCalls: string[] = [];
  const keys = Array.from({ length: 250 }, (_, i) => `R-${String(i + 1).padStart(3, '0')}`);
  const isRoot = (key: string) => (Number(key.slice(2)) - 1) % 25 === 0;
  const ports = {
    reconcileIssues: async (from: string): Promise<ReconcileResult> => {
      issueCalls.push(from);
      const result = { next: null, checked: 0, linked: 0, repaired: 0, removed: 0, moved: 0, stoppedBy: null };
      let at = from;
      // two batches fit in one invocation's time
      for (let batch = 0; batch < 2; batch += 1) {
        if (now < jiraBusyUntil) {
          const busy: ServiceBusy = { service: 'jira', waitMs: jiraBusyUntil - now };
          return { ...result, next: at, stoppedBy: busy };
        }
        const rest = keys.filter((k) => k > at).slice(0, 100);
        result.checked += rest.length;
        result.linked += rest.filter(isRoot).length;
        if (rest.length < 100) return { ...result, next: null };
        at = rest[rest.length - 1]!;
      }
      return { ...result, next: at };
    },
    discoverMissing: async (from: string): Promise<DiscoverResult> => {
      discoverCalls.push(from);
      const result = { next: null, roots: 0, seen: 0, found: 0, stoppedBy: null };
      let at = from;
      // two batches of stored issues fit in one invocation's time, as for the issue walk
      for (let batch = 0; batch < 2; batch += 1) {
        if (now < jiraBusyUntil) {
          const busy: ServiceBusy = { service: 'jira', waitMs: jiraBusyUntil - now };
          return { ...result, next: at, stoppedBy: busy };
        }
        const rest = keys.filter((k) => k > at).slice(0, 100);
        const roots = rest.filter(isRoot).length;
        result.roots += roots;
        result.seen += 3 * roots;
        result.found += roots;
        if (rest.length < 100) return { ...result, next: null };
        at = rest[rest.length - 1]!;
      }
      return { ...result, next: at };
    },
    reconcileObjectives: async () => ({ next: null, checked: 40, repaired: 1 }),
    progress: {
      get: async () => progress,
      put: async (p: ReconcileProgress) => {
        progress = p;
      },
    },
    queue: {
      push: async (step: ReconcileStep, delay: number) => {
        queued.push({ step, delay, at: now + delay * 1000 });
      },
    },
    clock: { now: () => now },
    log: logFor('reconcile'),
  };
  return {
    ports,
    queued,
    issueCalls,
    discoverCalls,
    progress: () => progress,
    setNow: (at: number) => {
      now = at;
    },
    jiraBusyUntil: (at: number) => {
      jiraBusyUntil = at;
    },
    /** Delivers the next queued step when it is due (the clock moves to it). */
    async deliverNext() {
      const next = queued.shift();
      if (next === undefined) throw new Error('nothing queued');
      now = Math.max(now, next.at);
      await runReconcileStep(ports, next.step);
      return next;
    },
  };
}

function jobsPorts(progress: () => ReconcileProgress | null, now: () => number): JobsPorts {
  return {
    permissions: { requireSiteAdmin: async () => 'admin' } as never,
    clock: { now },
    importJobs: {
      store: { get: async () => null } as never,
      queue: { push: async () => 'job' } as never,
      recent: { note: async () => undefined, recent: async () => [] },
    },
    refresh: { get: async () => null },
    reconcile: { get: async () => progress() },
  };
}

describe('a reconciliation run', () => {
  it("waits for Jira's next hour when the points are spent, then goes on from where it stopped, and says so on the jobs tab", async () => {
    const w = world();
    const listed = async () => (await listJobs(jobsPorts(w.progress, () => w.queued[0]?.at ?? T0))).jobs;

    // the first step checks two batches, then the next finds the hour's points spent until 03:00
    await runReconcileStep(w.ports, { from: '' });
    expect(w.queued).toEqual([{ step: { from: 'R-200', run: T0 }, delay: 0, at: T0 }]);
    w.jiraBusyUntil(T0 + HOUR);
    w.setNow(T0 + 5 * 60_000);
    await w.deliverNext();
    const until = T0 + HOUR + 1_000;
    expect(w.progress()).toMatchObject({
      phase: 'issues',
      checked: 200,
      issuesAfter: 'R-200',
      waitingUntil: until,
      waitingFor: 'jira',
    });
    // a queue event waits at most 900 s: it comes back early and is queued again, untouched
    expect(w.queued).toEqual([
      { step: { from: 'R-200', run: T0, notBefore: until }, delay: 900, at: T0 + 5 * 60_000 + 900_000 },
    ]);
    const [waiting] = await listed();
    expect(waiting).toMatchObject({ kind: 'reconcile', state: 'queued', done: 200, total: null, canRetry: false });
    expect(waiting!.explanation).toContain('Waiting for Jira');
    expect(waiting!.explanation).toContain('03:00 UTC');
    expect(waiting!.explanation).toContain('200 issues checked');

    const callsBefore = w.issueCalls.length;
    await w.deliverNext(); // 02:20
    await w.deliverNext(); // 02:35
    await w.deliverNext(); // 02:50
    expect(w.issueCalls).toHaveLength(callsBefore);
    expect(w.queued.map((q) => q.delay)).toEqual([Math.ceil((until - (T0 + 50 * 60_000)) / 1000)]);

    // 03:00: the points are back; the run checks the last 50 issues, then looks under the first 8 linked issues
    await w.deliverNext();
    expect(w.issueCalls.at(-1)).toBe('R-200');
    expect(w.progress()).toMatchObject({ phase: 'discover', checked: 250, linkedRoots: 10, rootsSearched: 8 });
    // then under the last 2, then the objectives, and it is done
    await w.deliverNext();
    expect(w.discoverCalls).toEqual(['', 'R-200']);
    expect(w.progress()).toMatchObject({ phase: 'done', checked: 250, waitingUntil: null, waitingFor: null });
    expect(w.progress()!.objectivesChecked).toBe(40);
    expect(w.queued).toEqual([]);
    const [done] = await listJobs(jobsPorts(w.progress, () => T0 + 2 * HOUR)).then((r) => r.jobs);
    expect(done).toMatchObject({ kind: 'reconcile', state: 'done', done: 250, startedAt: T0 });
    expect(done!.explanation).toContain('250 issues checked against Jira');
    expect(done!.explanation).toContain('under 10 linked issues, 10 issues Jira has that Tether had missed brought in');
  });

  it('looks under the linked issues after the issue walk, waits for Jira there too, goes on from where it stopped, and says what it is doing', async () => {
    const w = world();
    const listed = async (at: number) => (await listJobs(jobsPorts(w.progress, () => at))).jobs;
    await runReconcileStep(w.ports, { from: '' });
    // the last 50 issues, then the first two batches under the linked issues
    await w.deliverNext();
    expect(w.queued).toEqual([{ step: { rootsAfter: 'R-200', run: T0 }, delay: 0, at: T0 }]);
    const [looking] = await listed(T0);
    expect(looking).toMatchObject({ kind: 'reconcile', state: 'running' });
    expect(looking!.explanation).toContain(
      'looking for work Jira has that Tether missed: 8 of 10 linked issues searched under (8 issues brought in)',
    );

    // Jira's points are spent until 03:00: the search waits there, and comes back to the same place
    w.jiraBusyUntil(T0 + HOUR);
    w.setNow(T0 + 5 * 60_000);
    await w.deliverNext();
    const until = T0 + HOUR + 1_000;
    expect(w.progress()).toMatchObject({
      phase: 'discover',
      rootsSearched: 8,
      waitingUntil: until,
      waitingFor: 'jira',
    });
    expect(w.queued[0]!.step).toEqual({ rootsAfter: 'R-200', run: T0, notBefore: until });
    const [waiting] = await listed(T0 + 6 * 60_000);
    expect(waiting!.state).toBe('queued');
    expect(waiting!.explanation).toContain('Waiting for Jira');
    expect(waiting!.explanation).toContain('8 of 10 linked issues searched under');

    while (w.queued.length > 0) await w.deliverNext();
    expect(w.discoverCalls).toEqual(['', 'R-200', 'R-200']);
    expect(w.progress()).toMatchObject({ phase: 'done', linkedRoots: 10, rootsSearched: 10, found: 10 });
  });

  it('starts a new run when the nightly trigger queues the first step, and shows a run nobody carried on as stalled', async () => {
    const w = world();
    await runReconcileStep(w.ports, { from: '' });
    const firstRun = w.progress()!.startedAt;
    // the next night: a step without `run` starts again from zero
    w.setNow(T0 + 24 * HOUR);
    await runReconcileStep(w.ports, { from: '' });
    expect(w.progress()).toMatchObject({ startedAt: T0 + 24 * HOUR, checked: 200 });
    expect(firstRun).toBe(T0);

    const [stalled] = (await listJobs(jobsPorts(w.progress, () => T0 + 25 * HOUR))).jobs;
    expect(stalled).toMatchObject({ kind: 'reconcile', state: 'stalled' });
  });
});
