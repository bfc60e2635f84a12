/**
 * The nightly reconciliation finds the issues Tether never stored (issue 13): on a strict host
 * whose issue trigger does not hear `avi:jira:created:issue` — the creation event is lost, as one
 * is when its trigger fails past its retries — a story made under a linked epic is missing from
 * the objective's count until the nightly run searches Jira below every linked issue and brings
 * it in; the objective then counts what a full recompute of Jira's issues counts, and a second run
 * changes nothing. A run that Jira's points stop while it searches goes on later and finishes. The
 * clock is moved, never slept on.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { IssueState } from '../../src/contract';
import { createJiraClient } from '../../src/forge/jira';
import { contributions, issues, rollups } from '../../src/forge/store/rollup-entities';
import { forgeReconcileProgress } from '../../src/forge/store/reconcile-progress-store';
import { JIRA_WAIT_S } from '../../src/app/rollup/reconcile-run';
import { createHost, type Host } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { ACCOUNT, asPersona, queriesCaughtUp, REPO_ROOT } from '../support/app-host';
import { aContribution, aKeyResult, anObjective, aPeriod, aRollupInput } from '../support/builders';
import { PINNED_NOW } from '../support/clock';
import { storedRecords } from '../support/rollup-records';
import { ok } from '../resolvers/resolver-kit';

const T0 = Date.parse(PINNED_NOW);
const HOUR = 3_600_000;
/** The demo site's issue types (local/jira/seed.ts). */
const EPIC = '10000';
const STORY = '10001';

const objective = anObjective({ id: 'O-7', key: 'O-7' });
const kr = aKeyResult({ id: 'kr-web', objectiveId: 'O-7', kind: 'completion' });

let dir: string;
let host: Host;
let restoreClock: () => void = () => undefined;

beforeEach(() => {
  restoreClock = setProcessClock(T0);
  dir = mkdtempSync(join(tmpdir(), 'tether-reconcile-missed-'));
  // the app's manifest, with an issue trigger that never hears of a creation: every creation event is lost
  const manifest = readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8');
  const deaf = manifest.replace(/^( +)- avi:jira:created:issue\n/m, '');
  expect(deaf.length).toBeLessThan(manifest.length);
  expect(deaf).not.toContain('avi:jira:created:issue');
  writeFileSync(join(dir, 'manifest.yml'), deaf);
  host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
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

/** The lead makes an issue in WEB (a person: not the app's points); its creation event is lost. */
async function makeIssue(summary: string, over: { parent?: string; type?: string } = {}): Promise<string> {
  const made = await host.jiraRequest({
    method: 'POST',
    path: '/rest/api/3/issue',
    asUser: ACCOUNT.lead,
    body: JSON.stringify({
      fields: {
        project: { key: 'WEB' },
        issuetype: { id: over.type ?? STORY },
        summary,
        ...(over.parent === undefined ? {} : { parent: { key: over.parent } }),
      },
    }),
  });
  expect(made.status).toBe(201);
  return z.object({ key: z.string() }).parse(JSON.parse(made.body)).key;
}

/** Every WEB issue as the app's search shows it now. */
function webInJira(): Promise<IssueState[]> {
  return asPersona(host, null, async () => {
    const jira = createJiraClient();
    const all: IssueState[] = [];
    let token: string | null = null;
    do {
      const page = await jira.searchIssues('project = WEB', token, 100);
      all.push(...page.issues);
      token = page.nextPageToken;
    } while (token !== null);
    return all;
  });
}

/** What a full recompute of these issues, with these links to O-7's key result, stores. */
function fullRecompute(web: IssueState[], linked: readonly string[]) {
  return storedRecords(
    aRollupInput({
      periods: [aPeriod()],
      objectives: [objective],
      keyResults: [kr],
      issues: web,
      contributions: linked.map((issueKey) => aContribution({ issueKey, objectiveId: 'O-7', keyResultId: 'kr-web' })),
      now: Date.now(),
    }),
  );
}

/** Stores the WEB issues Jira's search shows now, O-7 and its links, as a full recompute makes them. */
async function storeWeb(linked: readonly string[]): Promise<number> {
  setProcessClock(Date.now() + host.jira.searchIndex.lagMs); // the issues were written well before: search shows them
  const web = await webInJira();
  const stored = fullRecompute(web, linked);
  await asPersona(host, null, async () => {
    for (const i of stored.issues) await issues().put(i, 0);
    for (const r of stored.rollups) await rollups().put(r, 0);
    for (const key of linked)
      await contributions().put(
        { ...aContribution({ issueKey: key, objectiveId: 'O-7', keyResultId: 'kr-web' }), version: 0 },
        0,
      );
  });
  await queriesCaughtUp(host);
  return web.length;
}

const o7 = async () => (await asPersona(host, null, () => rollups().get('O-7')))!;
const storedIssue = (key: string) => asPersona(host, null, () => issues().get(key));
const progress = () => asPersona(host, null, () => forgeReconcileProgress().get());
const reconcileJob = async () =>
  (await ok({ host, close: async () => undefined }, 'admin', 'jobs/list')).jobs.find((j) => j.kind === 'reconcile');
const consumerRuns = () => host.invocations().filter((r) => r.functionKey === 'on-reconcile');

/** Runs the nightly trigger and moves the clock a minute at a time until the run is done (at most `minutes`). */
async function reconcileTonight(minutes = 10): Promise<void> {
  expect((await host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
  const start = Date.now();
  for (let m = 1; m <= minutes; m += 1) {
    await moveTo(start + m * 60_000);
    if ((await progress())?.phase === 'done' && (await progress())!.startedAt >= start) return;
  }
}

/** O-7's tallies and the stored records of the WEB issues, as a full recompute of Jira's issues would have them. */
async function expectAsFullRecompute(linked: readonly string[]): Promise<void> {
  const web = await webInJira();
  const full = fullRecompute(web, linked);
  const fullO7 = full.rollups.find((r) => r.objectiveId === 'O-7')!;
  const stored = await o7();
  expect({ own: stored.own, keyResultTallies: stored.keyResultTallies }).toEqual({
    own: fullO7.own,
    keyResultTallies: fullO7.keyResultTallies,
  });
  expect(stored.record.work).toEqual(fullO7.record.work);
  expect(stored.record.keyResults.map((k) => k.progress)).toEqual(fullO7.record.keyResults.map((k) => k.progress));
  for (const expected of full.issues) {
    const got = await storedIssue(expected.key);
    // stored under its key, as a full recompute makes it (the version aside: the stored one counts writes)
    expect(got === null ? null : { ...got, version: 0 }).toEqual(expected);
  }
}

describe('the nightly reconciliation and the issues Tether never stored', () => {
  it('brings in a story whose creation event was lost, so the objective counts it as a full recompute would; a second run changes nothing', async () => {
    await storeWeb(['WEB-1']);
    const before = await o7();
    const missed = await makeIssue('Saved cards', { parent: 'WEB-1' });
    await moveTo(Date.now() + 60_000);

    // no event came: the objective's count misses the story, and Tether stores nothing of it
    expect(await storedIssue(missed)).toBeNull();
    expect((await o7()).record.work).toEqual(before.record.work);
    const web = await webInJira();
    expect(web.map((i) => i.key)).toContain(missed);
    expect((await o7()).record.work.issues).toBeLessThan(fullRecompute(web, ['WEB-1']).rollups[0]!.record.work.issues);

    await reconcileTonight();
    expect(await progress()).toMatchObject({ phase: 'done', linkedRoots: 1, rootsSearched: 1, found: 1 });
    expect((await storedIssue(missed))!.ancestors).toEqual(['WEB-1']);
    expect((await o7()).record.work.issues).toBe(before.record.work.issues + 1);
    await expectAsFullRecompute(['WEB-1']);
    const done = await reconcileJob();
    expect(done).toMatchObject({ state: 'done' });
    expect(done!.explanation).toContain('1 issue Jira has that Tether had missed brought in');

    // the next night: found nothing, wrote nothing (every stored record keeps its version)
    const records = async () => ({
      issues: await asPersona(host, null, () => Promise.all(web.map((i) => issues().get(i.key)))),
      o7: await o7(),
    });
    const once = await records();
    await moveTo(Date.now() + 24 * HOUR);
    await reconcileTonight();
    expect(await progress()).toMatchObject({ phase: 'done', rootsSearched: 1, found: 0 });
    expect(await records()).toEqual(once);
    expect(consumerRuns().filter((r) => !r.ok || r.retryAfter !== undefined)).toEqual([]);
  });

  it("stops while it searches when Jira's points run low, says so on the jobs tab, and later goes on and finishes", async () => {
    // 150 stories and a second epic, WEB-60 (also linked to O-7), in WEB: 155 stored issues, two
    // batches in key order — WEB-1 in the first (WEB-1, WEB-10…WEB-19, WEB-100…WEB-155, WEB-2, …),
    // WEB-60 in the second
    for (let n = 6; n <= 155; n += 1)
      expect(await makeIssue(`Story ${n}`, n === 60 ? { type: EPIC } : {})).toBe(`WEB-${n}`);
    expect(await storeWeb(['WEB-1', 'WEB-60'])).toBe(155);
    // a story under each linked epic, their creation events lost
    const underWeb1 = await makeIssue('Saved cards', { parent: 'WEB-1' });
    const underWeb60 = await makeIssue('Gift cards', { parent: 'WEB-60' });
    const hourEnd = Math.ceil((Date.now() + HOUR) / HOUR) * HOUR;
    const start = hourEnd - 55 * 60_000;
    setProcessClock(start);
    // 15 % of the hour's points left: under the fifth at which Jira adds X-RateLimit-NearLimit
    const budget = host.jira.appBudget!;
    budget.charge(budget.remaining(start) - Math.floor(budget.pointsPerHour * 0.15), start);
    expect((await host.runScheduledTrigger('nightly-reconcile')).ok).toBe(true);
    await moveTo(start + 1_000);
    // the issue walk stops after its first 100; a quarter of an hour later it checks the rest, then
    // searches under the first batch's linked issue (WEB-1), brings its story in and stops again
    expect(await progress()).toMatchObject({ phase: 'issues', checked: 100, waitingFor: 'jira' });
    const lookAgain = start + JIRA_WAIT_S * 1000;
    await moveTo(lookAgain);
    await moveTo(lookAgain + 60_000);
    const waiting = await progress();
    expect(waiting).toMatchObject({
      phase: 'discover',
      checked: 155,
      linkedRoots: 2,
      rootsSearched: 1,
      found: 1,
      waitingFor: 'jira',
    });
    expect(await storedIssue(underWeb1)).not.toBeNull();
    expect(await storedIssue(underWeb60)).toBeNull();
    const shown = await reconcileJob();
    expect(shown).toMatchObject({ state: 'queued' });
    expect(shown!.explanation).toContain('Waiting for Jira');
    expect(shown!.explanation).toContain(
      'looking for work Jira has that Tether missed: 1 of 2 linked issues searched under (1 issue brought in)',
    );

    // it goes on from the second batch, under WEB-60, and is done
    for (let at = lookAgain + 120_000; at < hourEnd + 10 * 60_000; at += 60_000) await moveTo(at);
    expect(await progress()).toMatchObject({ phase: 'done', linkedRoots: 2, rootsSearched: 2, found: 2 });
    expect((await storedIssue(underWeb60))!.ancestors).toEqual(['WEB-60']);
    await expectAsFullRecompute(['WEB-1', 'WEB-60']);
    expect(consumerRuns().filter((r) => !r.ok || r.retryAfter !== undefined)).toEqual([]);
  });
});
