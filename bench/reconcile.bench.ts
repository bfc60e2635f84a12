/**
 * Reconciliation of 30,000 stored issues: how many Jira calls it makes (target ≤ 30,000 / 100 + 10).
 * Calls are counted at the JiraPort boundary, where the Forge adapter makes one search call per
 * batch of 100 keys (tested in test/forge/jira); storage here is in memory, as only Jira calls
 * are measured.
 */
import { unstored } from '../src/app/rollup/stored-records';
import { reconcile } from '../src/app/rollup/reconcile';
import { fullRecompute } from '../src/domain/rollup/full-recompute';
import { MemoryRollupStore } from '../test/support/memory-rollup-store';
import { generateOrg } from './generate-org';
import { fmt, nowMs } from './measure';
import type { JiraPort } from '../src/ports';
import { logFor } from '../src/forge/log';

const ISSUES = 30_000;

export async function runReconcileBench(): Promise<Record<string, number>> {
  const org = generateOrg({ objectives: 500, issues: ISSUES });
  const full = fullRecompute(org.input);
  const stored = { issues: full.issues.map(unstored), rollups: full.rollups.map(unstored) };
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
  return { 'reconcile.jira.calls': calls, 'reconcile.issues': checked };
}
