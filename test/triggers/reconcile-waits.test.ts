/**
 * The nightly reconciliation on a strict host and the app's Jira points for the hour (issue 12 part
 * C; the full-size case is bench/settle.bench.ts): when they are spent, the consumer does not fail,
 * it queues its continuation for after Jira's `Retry-After`; when Jira says they run low
 * (`X-RateLimit-NearLimit`), it stops there and leaves the rest to people, so the admin page's
 * Background jobs tab still answers and says it waits and until when. Then the run goes on and
 * repairs what drifted. The clock is moved, never slept on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssueState } from '../../src/contract';
import { createJiraClient } from '../../src/forge/jira';
import { issues } from '../../src/forge/store/rollup-entities';
import { forgeReconcileProgress } from '../../src/forge/store/reconcile-progress-store';
import { JIRA_WAIT_S } from '../../src/app/rollup/reconcile-run';
import { createHost, type Host } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona, queriesCaughtUp, REPO_ROOT } from '../support/app-host';
import { aRollupInput } from '../support/builders';
import { PINNED_NOW } from '../support/clock';
import { storedRecords } from '../support/rollup-records';
import { ok } from '../resolvers/resolver-kit';

const T0 = Date.parse(PINNED_NOW);
const HOUR = 3_600_000;
/** The demo site's story type (local/jira/seed.ts). */
const STORY = '10001';

let dir: string;
let host: Host;
let restoreClock: () => void = () => undefined;

beforeEach(() => {
  restoreClock = setProcessClock(T0);
  dir = mkdtempSync(join(tmpdir(), 'tether-reconcile-waits-'));
  host = createHost({
    dataDir: dir,
    manifestPath: join(REPO_ROOT, 'manifest.yml'),
    forge: 'strict',
    delays: 'real',
    syncWrites: false,
    now: () => Date.now(),
  });
});

afterEach(async () => {
  await host.close();
  restoreClock();
  rmSync(dir, { recursive: true, force: true });
});

async function moveTo(at: number): Promise<void> {
  setProcessClock(at);
  await host.settle();
}

const reconcileJob = async () =>
  (await ok({ host, close: async () => undefined }, 'admin', 'jobs/list')).jobs.find((j) => j.kind === 'reconcile');

/** Stores the WEB issues as Jira's search shows them, with WEB-5 believed done at an older `updated`: an event the app missed. */
async function storeWebWithDrift(): Promise<number> {
  setProcessClock(Date.now() + host.jira.searchIndex.lagMs); // the issues were written well before: search shows them
  const count = await asPersona(host, null, async () => {
    const jira = createJiraClient();
    const web: IssueState[] = [];
    let token: string | null = null;
    do {
      const page = await jira.searchIssues('project = WEB', token, 100);
      web.push(...page.issues);
      token = page.nextPageToken;
    } while (token !== null);
    const stale = web.map((i) =>
      i.key === 'WEB-5' ? { ...i, statusCategory: 'done' as const, updated: i.updated - 60_000 } : i,
    );
    for (const i of storedRecords(aRollupInput({ issues: stale })).issues) await issues().put(i, 0);
    return web.length;
  });
  await queriesCaughtUp(host);
  return count;
}

const progress = () => asPersona(host, null, () => forgeReconcileProgress().get());
const web5 = async () => (await asPersona(host, null, () => issues().get('WEB-5')))!.state.statusCategory;
const consumerRuns = () => host.invocations().filter((r) => r.functionKey === 'on-reconcile');
/** The next clock hour's start, at least `after` ahead. */
const nextHour = (after: number) => Math.ceil((Date.now() + after) / HOUR) * HOUR;

describe("the nightly reconciliation and the app's Jira points", () => {
  it('waits for the next hour when the points are spent, instead of failing, then goes on and repairs the drift', async () => {
    await storeWebWithDrift();
    // five past the hour, the app's other work has spent this hour's points
    const hourEnd = nextHour(HOUR);
    const start = hourEnd - 55 * 60_000;
    setProcessClock(start);
    const budget = host.jira.appBudget!;
    budget.charge(budget.remaining(start), start);
    expect((await host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
    await moveTo(start + 1_000);

    const waiting = await progress();
    expect(waiting).toMatchObject({ phase: 'issues', checked: 0, waitingFor: 'jira' });
    expect(waiting!.waitingUntil).toBeGreaterThanOrEqual(hourEnd);
    expect(waiting!.waitingUntil).toBeLessThanOrEqual(hourEnd + 5_000);
    expect(await web5()).toBe('done');

    // a queue event waits at most 900 s: the step comes back every 15 minutes and waits on without asking Jira
    for (let at = start + 60_000; at < hourEnd; at += 60_000) await moveTo(at);
    expect(consumerRuns().length).toBeGreaterThan(2);
    expect(
      consumerRuns()
        .slice(1)
        .every((r) => r.counts.productCalls === 0),
    ).toBe(true);

    // the next hour: the run goes on, repairs WEB-5 and is done; nothing failed or asked Forge for a retry
    for (let at = hourEnd; at < hourEnd + 10 * 60_000; at += 60_000) await moveTo(at);
    expect(await web5()).toBe('new');
    expect(await progress()).toMatchObject({ phase: 'done', repaired: 1, waitingUntil: null });
    expect((await reconcileJob())!.state).toBe('done');
    expect(consumerRuns().filter((r) => !r.ok || r.retryAfter !== undefined)).toEqual([]);
  });

  it('stops when Jira says less than a fifth of the points is left, so the admin page still answers and shows the wait, and looks again later', async () => {
    // 150 more stories in WEB (made by a person: not the app's points), so the run has two batches
    for (let n = 1; n <= 150; n += 1) {
      const made = await host.jiraRequest({
        method: 'POST',
        path: '/rest/api/3/issue',
        asUser: ACCOUNT.lead,
        body: JSON.stringify({ fields: { project: { key: 'WEB' }, issuetype: { id: STORY }, summary: `Story ${n}` } }),
      });
      expect(made.status).toBe(201);
    }
    const stored = await storeWebWithDrift();
    expect(stored).toBeGreaterThan(150);
    const hourEnd = nextHour(HOUR);
    const start = hourEnd - 55 * 60_000;
    setProcessClock(start);
    // 15 % of the hour's points left: under the fifth at which Jira adds X-RateLimit-NearLimit
    const budget = host.jira.appBudget!;
    budget.charge(budget.remaining(start) - Math.floor(budget.pointsPerHour * 0.15), start);
    expect((await host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
    await moveTo(start + 1_000);

    // Jira does not say when the points are renewed: the run looks again in a quarter of an hour
    const waiting = await progress();
    expect(waiting).toMatchObject({ phase: 'issues', checked: 100, waitingFor: 'jira' });
    const lookAgain = start + JIRA_WAIT_S * 1000;
    expect(waiting!.waitingUntil).toBeGreaterThanOrEqual(lookAgain);
    expect(waiting!.waitingUntil).toBeLessThanOrEqual(lookAgain + 5_000);
    const shown = await reconcileJob();
    expect(shown).toMatchObject({ state: 'queued', done: 100, total: null, canRetry: false });
    expect(shown!.explanation).toContain('Waiting for Jira');
    expect(shown!.explanation).toContain(`${new Date(waiting!.waitingUntil!).toISOString().slice(11, 16)} UTC`);
    expect(shown!.explanation).toContain('100 issues checked');
    await moveTo(lookAgain - 60_000);
    expect(await progress()).toMatchObject({ checked: 100 });

    for (let at = lookAgain; at < hourEnd + 10 * 60_000; at += 60_000) await moveTo(at);
    expect(await progress()).toMatchObject({ phase: 'done', checked: stored, repaired: 1 });
    expect(await web5()).toBe('new');
    const done = await reconcileJob();
    expect(done).toMatchObject({ state: 'done', done: stored });
    expect(done!.explanation).toContain('1 repaired');
    expect(consumerRuns().filter((r) => !r.ok || r.retryAfter !== undefined)).toEqual([]);
  });
});
