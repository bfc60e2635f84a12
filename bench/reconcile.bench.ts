/**
 * Reconciliation of 30,000 stored issues: how many Jira calls it makes (target ≤ 30,000 / 100 + 10).
 * Calls are counted at the JiraPort boundary, where the Forge adapter makes one search call per
 * batch of 100 keys (tested in test/forge/jira); storage here is in memory, as only Jira calls
 * are measured.
 *
 * Then the search for issues Tether never stored (discover-missing.ts) over the same organisation
 * with one issue in a hundred below the linked issues missing from storage (its creation event
 * lost): the Jira calls it spends for the linked roots, counted as the adapter makes them (one
 * `parent in (…)` search per 100 parents, one more per further page of 100 children), and the
 * points they cost (1 a request, 1 an issue answered: docs/forge-fidelity.md), how many it
 * brings in, and how many objectives' tallies then differ from a full recompute of every issue.
 */
import { unstored } from '../src/app/rollup/stored-records';
import { discoverMissing } from '../src/app/rollup/discover-missing';
import { reconcile } from '../src/app/rollup/reconcile';
import type { IssueState } from '../src/contract';
import { sameData } from '../src/domain/same-data';
import { fullRecompute } from '../src/domain/rollup/full-recompute';
import { allIssueRecords } from '../src/domain/rollup/issue-records';
import { MemoryRollupStore } from '../test/support/memory-rollup-store';
import { generateOrg } from './generate-org';
import { fmt, nowMs } from './measure';
import type { JiraPort } from '../src/ports';
import { logFor } from '../src/forge/log';

const ISSUES = 30_000;

export async function runReconcileBench(): Promise<Record<string, number>> {
  const org = generateOrg({ objectives: 500, issues: ISSUES });
  const full = fullRecompute(org.input);
  const stored = { issues: allIssueRecords(full.issues).map(unstored), rollups: full.rollups.map(unstored) };
  const store = new MemoryRollupStore(stored.issues, stored.rollups, org.input.contributions);
  const inJira = new Map(org.input.issues.map((i) => [i.key, i]));
  let calls = 0;
  const jira: JiraPort = {
    searchIssues: async () => ({ issues: [], nextPageToken: null }),
    getIssues: async (keys) => {
      calls += Math.ceil(keys.length / 100);
      return keys.flatMap((k) => inJira.get(k) ?? []);
    },
    childrenOf: async () => [],
    readIssue: async (key) => {
      calls += 1;
      return inJira.get(key) ?? null;
    },
    myPermissions: async () => new Set(),
    validateJql: async () => ({ errors: [], count: null, more: false }),
    aggregate: async () => null,
    setIssueProperty: async () => undefined,
  };
  const sorted = [...store.issues.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const started = nowMs();
  let from: string | null = '';
  let checked = 0;
  while (from !== null) {
    const after: string = from;
    const result = await reconcile(
      {
        rollups: store,
        issuesAfter: async (k, limit) => sorted.filter((i) => i.key > k).slice(0, limit),
        jira,
        contributions: store.contributions,
        log: logFor('reconcile'),
        settings: { policy: org.input.policy, periods: org.input.periods },
        now: org.input.now,
        timeLeft: () => Infinity,
      },
      after,
    );
    checked += result.checked;
    from = result.next;
  }
  const target = ISSUES / 100 + 10;
  console.log(
    `reconcile: ${checked.toLocaleString('en')} stored issues re-read in ${fmt((nowMs() - started) / 1000, 1)} s`,
  );
  console.log(`Jira calls             ${calls} (target ≤ ${target})   ${calls <= target ? 'PASS' : 'MISS'}`);
  return { 'reconcile.jira.calls': calls, 'reconcile.issues': checked, ...(await discoveryBench()) };
}

/** One issue in this many below a linked issue is missing from storage. */
const MISSED_EVERY = 100;

async function discoveryBench(): Promise<Record<string, number>> {
  const org = generateOrg({ objectives: 500, issues: ISSUES });
  const linked = new Set(org.input.contributions.map((c) => c.issueKey));
  const byKey = new Map(org.input.issues.map((i) => [i.key, i]));
  const belowLinked = (i: IssueState) => {
    for (let p = i.parentKey; p !== null; p = byKey.get(p)?.parentKey ?? null) if (linked.has(p)) return true;
    return false;
  };
  const candidates = org.input.issues.filter((i) => !linked.has(i.key) && belowLinked(i));
  const missed = new Set(candidates.filter((_, n) => n % MISSED_EVERY === 0).map((i) => i.key));
  const stored = fullRecompute({ ...org.input, issues: org.input.issues.filter((i) => !missed.has(i.key)) });
  const store = new MemoryRollupStore(
    allIssueRecords(stored.issues).map(unstored),
    stored.rollups.map(unstored),
    org.input.contributions,
  );
  const children = new Map<string, IssueState[]>();
  for (const i of org.input.issues)
    if (i.parentKey !== null) children.set(i.parentKey, [...(children.get(i.parentKey) ?? []), i]);
  let calls = 0;
  let points = 0;
  const jira: JiraPort = {
    searchIssues: async () => ({ issues: [], nextPageToken: null }),
    getIssues: async () => [],
    childrenOf: async (parents) => {
      const found: IssueState[] = [];
      for (let i = 0; i < parents.length; i += 100) {
        const chunk = parents.slice(i, i + 100).flatMap((p) => children.get(p) ?? []);
        const pages = Math.max(1, Math.ceil(chunk.length / 100));
        calls += pages;
        // Jira's points: 1 a request and 1 an issue it answers with
        points += pages + chunk.length;
        found.push(...chunk);
      }
      return found;
    },
    readIssue: async () => null,
    myPermissions: async () => new Set(),
    validateJql: async () => ({ errors: [], count: null, more: false }),
    aggregate: async () => null,
    setIssueProperty: async () => undefined,
  };
  const sorted = () => [...store.issues.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const started = nowMs();
  let from: string | null = '';
  let roots = 0;
  let found = 0;
  while (from !== null) {
    const after: string = from;
    const result = await discoverMissing(
      {
        rollups: store,
        issuesAfter: async (k, limit) =>
          sorted()
            .filter((i) => i.key > k)
            .slice(0, limit),
        jira,
        properties: { push: async () => undefined, pushObjective: async () => undefined },
        settings: { policy: org.input.policy, periods: org.input.periods },
        now: org.input.now,
        timeLeft: () => Infinity,
      },
      after,
    );
    roots += result.roots;
    found += result.found;
    from = result.next;
  }
  const seconds = (nowMs() - started) / 1000;
  const full = new Map(fullRecompute(org.input).rollups.map((r) => [r.objectiveId, r]));
  const different = [...store.rollups.values()].filter((r) => {
    const f = full.get(r.objectiveId);
    return f === undefined || !sameData({ own: r.own, k: r.keyResultTallies }, { own: f.own, k: f.keyResultTallies });
  }).length;
  console.log(
    `discovery: ${roots.toLocaleString('en')} linked issues searched under in ${fmt(seconds, 1)} s; ${found} of ${missed.size} missed issues brought in`,
  );
  console.log(`Jira calls             ${calls} (${fmt(calls / roots, 2)} per linked issue), ${points} points`);
  console.log(`objectives different from a full recompute: ${different}`);
  return {
    'reconcile.discover.roots': roots,
    'reconcile.discover.jira.calls': calls,
    'reconcile.discover.jira.points': points,
    'reconcile.discover.missed': missed.size,
    'reconcile.discover.found': found,
    'reconcile.discover.different': different,
  };
}
