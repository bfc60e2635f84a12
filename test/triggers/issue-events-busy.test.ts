/**
 * The issue-events trigger when a service it needs is busy (issue 12 part C; docs/forge-fidelity.md,
 * "Product events are retried …"): storage over its read quota after the in-invocation backoff, or
 * Jira over the app's points budget with a `Retry-After` past the invocation's end. The trigger
 * answers an InvocationError with a `retryAfter` instead of failing, the strict host delivers the
 * event again once that has passed on the host clock, and the retry counts the change. The clock is
 * moved, never slept on.
 */
import { kvs as forgeKvs } from '@forge/kvs';
import { z } from 'zod';
import { isRateLimited, setStorageRetry } from '../../src/forge/store/kvs';
import { rollups } from '../../src/forge/store/rollup-entities';
import { JIRA_RETRY_JITTER_S, STORAGE_RETRY_SPREAD_S } from '../../src/triggers/retry-later';
import type { Host } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona } from '../support/app-host';
import { PINNED_NOW } from '../support/clock';
import { storeWebEpicObjective } from './web-epic-objective';
import { startIssueEventHost, type IssueEventHost } from './issue-event-host';

const T0 = Date.parse(PINNED_NOW);
const HOUR = 3_600_000;

let started: IssueEventHost;
let host: Host;
let restoreClock: () => void = () => undefined;
let restoreRetry: () => void = () => undefined;

beforeEach(async () => {
  restoreClock = setProcessClock(T0);
  // the storage retry inside the invocation gives up at the first 429, as it does once its backoff no longer fits
  restoreRetry = setStorageRetry({ maxAttempts: 1 });
  started = startIssueEventHost(['avi:jira:updated:issue'], {
    forge: 'strict',
    delays: 'real',
    productEvents: { minDelayMs: 1_000, maxDelayMs: 1_000, duplicateRate: 0 },
  });
  host = started.host;
  // the demo site and O-7 were stored a while ago: search and storage queries show them
  setProcessClock(T0 + 60_000);
  await storeWebEpicObjective(host);
  setProcessClock(T0 + 10 * 60_000);
});

afterEach(async () => {
  await started.close();
  restoreRetry();
  restoreClock();
});

const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), to: z.object({ statusCategory: z.object({ key: z.string() }) }) })),
});

/** The lead finishes WEB-5 in Jira (a person: not counted in the app's budget); the event comes a second later. */
async function finishWeb5(): Promise<void> {
  const listed = await host.jiraRequest({
    method: 'GET',
    path: '/rest/api/3/issue/WEB-5/transitions',
    asUser: ACCOUNT.lead,
  });
  const done = Transitions.parse(JSON.parse(listed.body)).transitions.find((t) => t.to.statusCategory.key === 'done')!;
  const moved = await host.jiraRequest({
    method: 'POST',
    path: '/rest/api/3/issue/WEB-5/transitions',
    body: JSON.stringify({ transition: { id: done.id } }),
    asUser: ACCOUNT.lead,
  });
  expect(moved.status).toBe(204);
  await host.settle();
}

function refusedForQuota(error: unknown): true {
  if (!isRateLimited(error)) throw error;
  return true;
}

const doneOfO7 = async () => (await asPersona(host, null, () => rollups().get('O-7')))!.record.work.done;
const triggerRuns = () => host.invocations().filter((r) => r.functionKey === 'on-issue-event');

async function moveTo(at: number): Promise<void> {
  setProcessClock(at);
  await host.settle();
}

describe('the issue-events trigger when a service is busy', () => {
  it("answers an InvocationError when storage's read quota is spent, and counts the change when Forge delivers it again", async () => {
    const doneBefore = await doneOfO7();
    await finishWeb5();
    // the site's other work reads this minute's 4,000 units: keys of 240 KB, until storage says 429
    const refused = await asPersona(host, null, async () => {
      const big = 'x'.repeat(239_000);
      for (let k = 0; k < 4; k += 1) await forgeKvs.set(`ballast-${k}`, big);
      /** Reads `keys` in turn until storage refuses one for the quota (at most `max` reads). */
      const readUntilRefused = async (keys: string[], max: number) => {
        for (let n = 0; n < max; n += 1)
          if (await forgeKvs.get(keys[n % keys.length]!).then(() => false, refusedForQuota)) return true;
        return false;
      };
      // 24 units at a time while they fit (four keys: each stays under its 12 MB a second), then the last units one by one
      await readUntilRefused(['ballast-0', 'ballast-1', 'ballast-2', 'ballast-3'], 400);
      return readUntilRefused(['no-such-key'], 100);
    });
    expect(refused).toBe(true);
    const changedAt = Date.now();
    await moveTo(changedAt + 1_000);

    const [first] = triggerRuns();
    expect(first).toMatchObject({ attempt: 0, ok: true });
    const retryAfter = first!.retryAfter!;
    expect(retryAfter).toBeGreaterThanOrEqual(STORAGE_RETRY_SPREAD_S.min);
    expect(retryAfter).toBeLessThanOrEqual(STORAGE_RETRY_SPREAD_S.max);

    // Forge delivers it again once retryAfter has passed, not before
    await moveTo(first!.startedAt + first!.durationMs + retryAfter * 1000 - 1_000);
    expect(triggerRuns()).toHaveLength(1);
    expect(await doneOfO7()).toBe(doneBefore);
    await moveTo(first!.startedAt + first!.durationMs + retryAfter * 1000 + 1_000);
    expect(triggerRuns().map((r) => [r.attempt, r.ok, r.retryAfter])).toEqual([
      [0, true, retryAfter],
      [1, true, undefined],
    ]);
    expect(await doneOfO7()).toBe(doneBefore + 1);
  });

  it("answers an InvocationError after Jira's Retry-After when the app's points for the hour are spent, and counts the change in the next hour", async () => {
    const doneBefore = await doneOfO7();
    // five minutes before the hour, the app's other work has spent the hour's points
    const hourEnd = Math.ceil((Date.now() + 1) / HOUR) * HOUR;
    setProcessClock(hourEnd - 5 * 60_000);
    const budget = host.jira.appBudget!;
    budget.charge(budget.remaining(Date.now()), Date.now());
    await finishWeb5();
    await moveTo(Date.now() + 1_000);

    const [first] = triggerRuns();
    expect(first).toMatchObject({ attempt: 0, ok: true });
    const retryAfterJira = Math.ceil((hourEnd - first!.startedAt) / 1000);
    expect(first!.retryAfter).toBeGreaterThanOrEqual(retryAfterJira - 1);
    expect(first!.retryAfter).toBeLessThanOrEqual(retryAfterJira + JIRA_RETRY_JITTER_S);
    expect(await doneOfO7()).toBe(doneBefore);

    // past the hour: the budget is new and the retry counts WEB-5
    await moveTo(hourEnd - 1_000);
    expect(triggerRuns()).toHaveLength(1);
    await moveTo(first!.startedAt + first!.durationMs + first!.retryAfter! * 1000 + 1_000);
    expect(triggerRuns().map((r) => [r.attempt, r.ok])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(triggerRuns()[1]!.retryAfter).toBeUndefined();
    expect(await doneOfO7()).toBe(doneBefore + 1);
  });
});
