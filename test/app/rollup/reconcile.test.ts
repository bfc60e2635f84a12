import type { IssueState } from '../../../src/contract';
import { reconcile, RECONCILE_BATCH } from '../../../src/app/rollup/reconcile';
import { AppFailure } from '../../../src/app/app-failure';
import { recordsOf } from '../../support/rollup-records';
import { aRollupSettings, aStoreOf, inputOf, issuesAfterOf, ORGANISATION_NOW } from '../../support/stored-organisation';
import { aContribution, aKeyResult, anIssue, anObjective, DAY, T0 } from '../../support/builders';
import type { JiraPort } from '../../../src/ports';
import { logFor } from '../../../src/forge/log';

const NOW = ORGANISATION_NOW;
const settings = aRollupSettings();
const objective = anObjective({ id: 'O-1', key: 'O-1' });
const kr = aKeyResult({ id: 'kr-1', objectiveId: 'O-1', kind: 'completion' });

/**
 * Jira holding `issues`, counting calls; getIssues answers any number of keys in one call, as a
 * 100-key search page does. Search leaves out the keys in `notYetSearchable` (it lags writes) and
 * finds a moved issue only under its new key; readIssue (GET) is consistent and follows `movedTo`.
 */
function countingJira(
  issues: Map<string, IssueState>,
  { notYetSearchable = [], movedTo = {} }: { notYetSearchable?: string[]; movedTo?: Record<string, string> } = {},
) {
  const calls = { getIssues: 0, readIssue: 0 };
  const jira: JiraPort = {
    searchIssues: async () => ({ issues: [], nextPageToken: null }),
    getIssues: async (keys) => {
      calls.getIssues += 1;
      return keys.flatMap((k) => (notYetSearchable.includes(k) ? [] : (issues.get(k) ?? [])));
    },
    childrenOf: async (parents) =>
      [...issues.values()].filter(
        (i) => i.parentKey !== null && parents.includes(i.parentKey) && !notYetSearchable.includes(i.key),
      ),
    readIssue: async (key) => {
      calls.readIssue += 1;
      return issues.get(movedTo[key] ?? key) ?? null;
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
  const store = aStoreOf({
    objectives: [objective],
    keyResults: [kr],
    issues: [epic, ...stories],
    contributions: links,
  });
  const jiraNow = new Map([epic, ...stories].map((i) => [i.key, i]));
  const ports = (jira: JiraPort, timeLeft = () => Infinity) => ({
    rollups: store,
    issuesAfter: issuesAfterOf(store),
    jira,
    contributions: store.contributions,
    log: logFor('reconcile'),
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
    expect(result).toEqual({ next: null, checked: 5, linked: 1, repaired: 1, removed: 1, moved: 0, stoppedBy: null });
    const expected = recordsOf(
      inputOf({ objectives: [objective], keyResults: [kr], issues: [...jiraNow.values()], contributions: links }),
    );
    expect(store.rollups.get('O-1')!.record).toEqual(expected.get('O-1'));
    expect(epic.key).toBe('R-1');
  });

  it('takes an issue search does not show yet for what a read by key says, and removes only what that read confirms', async () => {
    const { store, jiraNow, ports } = setUp(5);
    const before = structuredClone([...store.rollups.values()]);
    jiraNow.delete('R-4');
    const { jira, calls } = countingJira(jiraNow, { notYetSearchable: ['R-2', 'R-4'] });
    expect(await reconcile(ports(jira), '')).toEqual({
      next: null,
      checked: 5,
      linked: 1,
      repaired: 0,
      removed: 1,
      moved: 0,
      stoppedBy: null,
    });
    expect(calls.readIssue).toBe(2);
    expect(store.issues.has('R-2')).toBe(true);
    expect(store.issues.has('R-4')).toBe(false);
    expect(store.rollups.get('O-1')!.record.work.issues).toBe(before[0]!.record.work.issues - 1);
  });

  it('follows an epic moved to another project to its new key, with its link and its stories', async () => {
    const { store, jiraNow, ports, links } = setUp(5);
    const before = structuredClone(store.rollups.get('O-1')!.record);
    const epic = jiraNow.get('R-1')!;
    jiraNow.delete('R-1');
    jiraNow.set('M-9', { ...epic, key: 'M-9' });
    for (const [key, issue] of jiraNow) if (issue.parentKey === 'R-1') jiraNow.set(key, { ...issue, parentKey: 'M-9' });
    const { jira } = countingJira(jiraNow, { movedTo: { 'R-1': 'M-9' } });

    expect(await reconcile(ports(jira), '')).toEqual({
      next: null,
      checked: 5,
      linked: 1,
      repaired: 0,
      removed: 0,
      moved: 1,
      stoppedBy: null,
    });
    expect(store.issues.has('R-1')).toBe(false);
    expect(store.issues.get('M-9')!.links).toEqual([{ objectiveId: 'O-1', keyResultId: 'kr-1', count: 1 }]);
    expect(store.issues.get('R-2')!.ancestors).toEqual(['M-9']);
    expect(store.links).toEqual(
      links.map((l) => ({ issueKey: 'M-9', objectiveId: l.objectiveId, keyResultId: l.keyResultId })),
    );
    expect(store.rollups.get('O-1')!.record).toEqual(before);
  });

  it('takes along a link made a moment before the move, which the contribution index does not show yet', async () => {
    const { store, jiraNow, ports, links } = setUp(5);
    // the index (a query) lags: it lists no link on the epic; the stored record counts it, and a read by key finds it
    store.contributions.onIssue = async () => [];
    const epic = jiraNow.get('R-1')!;
    jiraNow.delete('R-1');
    jiraNow.set('M-9', { ...epic, key: 'M-9' });
    for (const [key, issue] of jiraNow) if (issue.parentKey === 'R-1') jiraNow.set(key, { ...issue, parentKey: 'M-9' });
    const { jira } = countingJira(jiraNow, { movedTo: { 'R-1': 'M-9' } });

    expect((await reconcile(ports(jira), '')).moved).toBe(1);
    expect(store.links).toEqual(
      links.map((l) => ({ issueKey: 'M-9', objectiveId: l.objectiveId, keyResultId: l.keyResultId })),
    );
  });

  it('changes nothing when nothing drifted, and twice is the same as once', async () => {
    const { store, jiraNow, ports } = setUp(5);
    const before = structuredClone([...store.rollups.values()]);
    const { jira } = countingJira(jiraNow);
    expect(await reconcile(ports(jira), '')).toEqual({
      next: null,
      checked: 5,
      linked: 1,
      repaired: 0,
      removed: 0,
      moved: 0,
      stoppedBy: null,
    });
    expect(await reconcile(ports(jira), '')).toEqual({
      next: null,
      checked: 5,
      linked: 1,
      repaired: 0,
      removed: 0,
      moved: 0,
      stoppedBy: null,
    });
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

  it("stops where it is when Jira's points are spent, saying how long Jira asks to wait, and goes on from there later", async () => {
    const { jiraNow, ports } = setUp(350);
    const { jira, calls } = countingJira(jiraNow);
    const busy = new AppFailure('UNAVAILABLE', 'Jira answered 429', undefined, { service: 'jira', waitMs: 3_453_000 });
    const spentAfterTwo: JiraPort = {
      ...jira,
      getIssues: async (keys) => {
        if (calls.getIssues >= 2) throw busy;
        return jira.getIssues(keys);
      },
    };
    const stopped = await reconcile(ports(spentAfterTwo), '');
    expect(stopped).toMatchObject({ checked: 200, stoppedBy: { service: 'jira', waitMs: 3_453_000 } });
    const rest = await reconcile(ports(jira), stopped.next!);
    expect(rest).toMatchObject({ checked: 150, next: null, stoppedBy: null });
    // any other failure is not a wait: it is thrown
    const broken: JiraPort = {
      ...jira,
      getIssues: async () => {
        throw new Error('a bug');
      },
    };
    await expect(reconcile(ports(broken), '')).rejects.toThrow('a bug');
  });
});
