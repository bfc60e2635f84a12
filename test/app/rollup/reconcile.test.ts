import type { IssueState } from '../../../src/contract';
import { reconcile, RECONCILE_BATCH } from '../../../src/app/rollup/reconcile';
import { MemoryRollupStore } from '../../support/memory-rollup-store';
import { recordsOf, storedRecords } from '../../support/rollup-records';
import {
  aContribution,
  aKeyResult,
  anIssue,
  anObjective,
  aPeriod,
  aPolicy,
  aRollupInput,
  DAY,
  T0,
} from '../../support/builders';
import type { JiraPort } from '../../../src/ports';

const NOW = T0 + 30 * DAY;
const settings = { policy: aPolicy(), periods: [aPeriod()] };
const objective = anObjective({ id: 'O-1', key: 'O-1' });
const kr = aKeyResult({ id: 'kr-1', objectiveId: 'O-1', kind: 'completion' });

/** Jira holding `issues`, counting calls; getIssues answers any number of keys in one call, as a 100-key search page does. */
function countingJira(issues: Map<string, IssueState>) {
  const calls = { getIssues: 0 };
  const jira: JiraPort = {
    searchIssues: async () => ({ issues: [], nextPageToken: null }),
    getIssues: async (keys) => {
      calls.getIssues += 1;
      return keys.flatMap((k) => issues.get(k) ?? []);
    },
    myPermissions: async () => new Set(),
    validateJql: async () => ({ errors: [], count: null, more: false }),
    aggregate: async () => null,
    setIssueProperty: async () => undefined,
  };
  return { jira, calls };
}

function setUp(count: number) {
  const epic = anIssue({ key: 'R-1' });
  const stories = Array.from({ length: count - 1 }, (_, i) => anIssue({ key: `R-${i + 2}`, parentKey: 'R-1' }));
  const links = [aContribution({ issueKey: 'R-1', objectiveId: 'O-1', keyResultId: 'kr-1' })];
  const stored = storedRecords(
    aRollupInput({
      objectives: [objective],
      keyResults: [kr],
      issues: [epic, ...stories],
      contributions: links,
      now: NOW,
    }),
  );
  const store = new MemoryRollupStore(stored.issues, stored.rollups, links);
  const jiraNow = new Map([epic, ...stories].map((i) => [i.key, i]));
  const ports = (jira: JiraPort, timeLeft = () => Infinity) => ({
    rollups: store,
    issuesAfter: async (after: string, limit: number) =>
      [...store.issues.values()]
        .filter((i) => i.key > after)
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .slice(0, limit)
        .map((i) => structuredClone(i)),
    jira,
    settings,
    now: NOW,
    timeLeft,
  });
  return { store, jiraNow, ports, links, stories, epic };
}

describe('reconciliation', () => {
  it('repairs what the app missed: a story finished and one deleted without events', async () => {
    const { store, jiraNow, ports, links, epic } = setUp(5);
    jiraNow.set(
      'R-3',
      anIssue({ key: 'R-3', parentKey: 'R-1', statusCategory: 'done', resolved: NOW - DAY, updated: T0 + 5000 }),
    );
    jiraNow.delete('R-4');
    const { jira } = countingJira(jiraNow);
    const result = await reconcile(ports(jira), '');
    expect(result).toEqual({ next: null, checked: 5, repaired: 1, removed: 1 });
    const expected = recordsOf(
      aRollupInput({
        objectives: [objective],
        keyResults: [kr],
        issues: [...jiraNow.values()],
        contributions: links,
        now: NOW,
      }),
    );
    expect(store.rollups.get('O-1')!.record).toEqual(expected.get('O-1'));
    expect(epic.key).toBe('R-1');
  });

  it('changes nothing when nothing drifted, and twice is the same as once', async () => {
    const { store, jiraNow, ports } = setUp(5);
    const before = structuredClone([...store.rollups.values()]);
    const { jira } = countingJira(jiraNow);
    expect(await reconcile(ports(jira), '')).toEqual({ next: null, checked: 5, repaired: 0, removed: 0 });
    expect(await reconcile(ports(jira), '')).toEqual({ next: null, checked: 5, repaired: 0, removed: 0 });
    expect([...store.rollups.values()]).toEqual(before);
  });

  it('asks Jira once per 100 issues, and continues where it stopped when time runs low', async () => {
    const { jiraNow, ports } = setUp(1_000);
    const { jira, calls } = countingJira(jiraNow);
    let batches = 0;
    const first = await reconcile(
      ports(jira, () => (batches++ < 4 ? Infinity : 0)),
      '',
    );
    expect(first.checked).toBe(4 * RECONCILE_BATCH);
    expect(first.next).not.toBeNull();
    const rest = await reconcile(ports(jira), first.next!);
    expect(first.checked + rest.checked).toBe(1_000);
    expect(rest.next).toBeNull();
    expect(calls.getIssues).toBe(10);
  });
});
