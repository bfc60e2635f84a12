import type { Contribution, IssueState } from '../../../src/contract';
import {
  checkInRecorded,
  linksChanged,
  objectiveSaved,
  type MaintenancePorts,
} from '../../../src/app/rollup/maintain-rollups';
import { MemoryRollupStore } from '../../support/memory-rollup-store';
import { recordsOf, storedRecords } from '../../support/rollup-records';
import {
  aCheckIn,
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
import { applyIssueEvent, LINKED_KEYS_MAX, LINKED_KEYS_MAX_BYTES } from '../../../src/app/rollup/apply-issue-event';
import { withRollupRetry } from '../../../src/app/objectives/objective-ports';
import type { JiraPort } from '../../../src/ports';

const NOW = T0 + 45 * DAY;
const settings = { policy: aPolicy(), periods: [aPeriod()] };

/** Jira as the use cases see it: a fixed set of issues, with `parent in (…)` searches. */
function jiraOf(issues: IssueState[]): JiraPort {
  const byKey = new Map(issues.map((i) => [i.key, i]));
  return {
    async searchIssues(jql) {
      const parents = /^parent in \((.*)\)$/.exec(jql)?.[1]?.split(', ') ?? [];
      return {
        issues: issues.filter((i) => i.parentKey !== null && parents.includes(i.parentKey)),
        nextPageToken: null,
      };
    },
    async getIssues(keys) {
      return keys.flatMap((k) => byKey.get(k) ?? []);
    },
    childrenOf: async (parents) => issues.filter((i) => i.parentKey !== null && parents.includes(i.parentKey)),
    readIssue: async (key) => byKey.get(key) ?? null,
    myPermissions: async () => new Set(),
    validateJql: async () => ({ errors: [], count: null, more: false }),
    aggregate: async () => null,
    setIssueProperty: async () => undefined,
  };
}

const top = anObjective({ id: 'O-1', key: 'O-1', levelId: 'organisation' });
const team = anObjective({ id: 'O-2', key: 'O-2', parentId: 'O-1' });
const kr = aKeyResult({ id: 'kr-a', objectiveId: 'O-2', kind: 'completion' });
const jiraIssues = [
  anIssue({ key: 'PAY-1', issueType: 'Epic' }),
  anIssue({ key: 'PAY-2', parentKey: 'PAY-1', statusCategory: 'done', resolved: T0 + DAY }),
  anIssue({ key: 'PAY-3', parentKey: 'PAY-1' }),
  anIssue({ key: 'PAY-4', parentKey: 'PAY-3', statusCategory: 'done', resolved: T0 + 2 * DAY }),
  anIssue({ key: 'PAY-5', parentKey: 'PAY-3' }),
  anIssue({ key: 'PAY-6', statusCategory: 'done', resolved: T0 + 3 * DAY }),
];

function fullRecords(
  objectives = [top, team],
  keyResults = [kr],
  contributions: Contribution[] = [],
  checkIns = [] as ReturnType<typeof aCheckIn>[],
) {
  return recordsOf(aRollupInput({ objectives, keyResults, issues: jiraIssues, contributions, checkIns, now: NOW }));
}

function setUp(links: Contribution[]) {
  // storage starts knowing the objectives but none of the issues
  const initial = storedRecords(
    aRollupInput({ objectives: [top, team], keyResults: [kr], contributions: [], now: NOW }),
  );
  const store = new MemoryRollupStore(initial.issues, initial.rollups, links);
  const ports: MaintenancePorts = { rollups: store, jira: jiraOf(jiraIssues), settings, now: NOW };
  return { store, ports };
}

describe('keeping stored rollups current', () => {
  it('linking an epic nobody stored yet reads it and its subtree from Jira and counts them', async () => {
    const links = [aContribution({ issueKey: 'PAY-1', objectiveId: 'O-2', keyResultId: 'kr-a' })];
    const { store, ports } = setUp(links);
    const changed = await linksChanged(ports, 'PAY-1', 'O-2');
    const expected = fullRecords([top, team], [kr], links);
    expect(store.rollups.get('O-2')!.record).toEqual(expected.get('O-2'));
    expect(store.rollups.get('O-1')!.record).toEqual(expected.get('O-1'));
    expect(changed.map((r) => r.objectiveId).sort()).toEqual(['O-1', 'O-2']);
    expect(store.rollups.get('O-2')!.record.work).toMatchObject({ issues: 3, done: 2 });
  });

  it('unlinking takes the work away again', async () => {
    const links: Contribution[] = [aContribution({ issueKey: 'PAY-1', objectiveId: 'O-2', keyResultId: 'kr-a' })];
    const { store, ports } = setUp(links);
    await linksChanged(ports, 'PAY-1', 'O-2');
    links.pop();
    await linksChanged(ports, 'PAY-1', 'O-2');
    expect(store.rollups.get('O-2')!.record).toEqual(fullRecords().get('O-2'));
    expect(store.issues.get('PAY-1')!.tally).toBeNull();
  });

  it('a story linked under an already linked epic still counts once', async () => {
    const links: Contribution[] = [aContribution({ issueKey: 'PAY-1', objectiveId: 'O-2', keyResultId: 'kr-a' })];
    const { store, ports } = setUp(links);
    await linksChanged(ports, 'PAY-1', 'O-2');
    links.push(aContribution({ issueKey: 'PAY-3', objectiveId: 'O-2', keyResultId: null }));
    await linksChanged(ports, 'PAY-3', 'O-2');
    expect(store.rollups.get('O-2')!.record).toEqual(fullRecords([top, team], [kr], links).get('O-2'));
  });

  it('a new objective joins its parent, and an edited weight or status moves the parent', async () => {
    const { store, ports } = setUp([]);
    const second = anObjective({ id: 'O-3', key: 'O-3', parentId: 'O-1', weight: 3 });
    const milestone = aKeyResult({ id: 'kr-m', objectiveId: 'O-3', kind: 'milestone', done: true });
    await objectiveSaved(ports, second, [milestone]);
    expect(store.rollups.get('O-1')!.record).toEqual(fullRecords([top, team, second], [kr, milestone]).get('O-1'));
    const cancelled = { ...second, status: 'cancelled' as const };
    await objectiveSaved(ports, cancelled, [milestone]);
    expect(store.rollups.get('O-1')!.record).toEqual(fullRecords([top, team, cancelled], [kr, milestone]).get('O-1'));
    expect(store.rollups.get('O-1')!.record.progress).toBeNull();
  });

  it('moving an objective to another parent takes its progress along', async () => {
    const other = anObjective({ id: 'O-9', key: 'O-9', levelId: 'organisation' });
    const milestone = aKeyResult({ id: 'kr-m', objectiveId: 'O-2', kind: 'milestone', done: true });
    const { store, ports } = setUp([]);
    await objectiveSaved(ports, other, []);
    await objectiveSaved(ports, team, [kr, milestone]);
    await objectiveSaved(ports, { ...team, parentId: 'O-9' }, [kr, milestone]);
    const expected = fullRecords([top, { ...team, parentId: 'O-9' }, other], [kr, milestone]);
    expect(store.rollups.get('O-1')!.record).toEqual(expected.get('O-1'));
    expect(store.rollups.get('O-9')!.record).toEqual(expected.get('O-9'));
  });

  it('a check-in sets the metric value and the confidence', async () => {
    const metric = aKeyResult({
      id: 'kr-x',
      objectiveId: 'O-2',
      kind: 'metric',
      baseline: 0,
      target: 10,
      direction: 'increase',
    });
    const { store, ports } = setUp([]);
    await objectiveSaved(ports, team, [kr, metric]);
    const checkIn = aCheckIn({
      objectiveId: 'O-2',
      keyResultId: 'kr-x',
      value: 4,
      confidence: 'medium',
      at: NOW - DAY,
    });
    await checkInRecorded(ports, checkIn);
    const expected = fullRecords([top, team], [kr, metric], [], [checkIn]);
    expect(store.rollups.get('O-2')!.record).toEqual(expected.get('O-2'));
    expect(store.rollups.get('O-1')!.record).toEqual(expected.get('O-1'));
  });
});

describe('two link calls at once, before the contribution index shows either link', () => {
  /** Storage knows every issue already, so each call's one save is its rollup's. */
  async function withIssuesStored(links: Contribution[]) {
    const { store, ports } = setUp(links);
    for (const issue of jiraIssues) await applyIssueEvent(store, { type: 'upsert', issue }, settings, NOW);
    store.indexed = [];
    return { store, ports };
  }
  const link = (keyResultId: string | null) => ({ objectiveId: 'O-2', keyResultId, linked: true });

  it('the call that saves second is refused, and tried again counts both links', async () => {
    const links = [
      aContribution({ issueKey: 'PAY-1', objectiveId: 'O-2', keyResultId: 'kr-a' }),
      aContribution({ issueKey: 'PAY-6', objectiveId: 'O-2', keyResultId: null }),
    ];
    const { store, ports } = await withIssuesStored(links);
    let tries = 0;
    // the other call reads and saves while this one is about to save what it read before
    store.beforeSave = async () => {
      store.beforeSave = null;
      await withRollupRetry(() => linksChanged(ports, 'PAY-6', 'O-2', link(null)));
    };
    await withRollupRetry(() => {
      tries += 1;
      return linksChanged(ports, 'PAY-1', 'O-2', link('kr-a'));
    });
    expect(tries).toBe(2);
    expect(store.rollups.get('O-2')!.record).toEqual(fullRecords([top, team], [kr], links).get('O-2'));
    expect(store.rollups.get('O-2')!.record.work).toMatchObject({ issues: 4, done: 3 });
  });

  it('an unlink right after a link, then another link: only what is linked counts', async () => {
    // PAY-1 serves O-1 too, linked long ago: its record keeps its tally when O-2 lets it go
    const long = aContribution({ issueKey: 'PAY-1', objectiveId: 'O-1', keyResultId: null });
    const links = [long, aContribution({ issueKey: 'PAY-1', objectiveId: 'O-2', keyResultId: 'kr-a' })];
    const { store, ports } = await withIssuesStored(links);
    store.links = [long];
    await linksChanged(ports, 'PAY-1', 'O-2', { objectiveId: 'O-2', keyResultId: 'kr-a', linked: false });
    // the index still shows the link removed a moment ago
    store.indexed = links;
    const now = [long, aContribution({ issueKey: 'PAY-6', objectiveId: 'O-2', keyResultId: null })];
    store.links = now;
    await linksChanged(ports, 'PAY-6', 'O-2', link(null));
    expect(store.rollups.get('O-2')!.record).toEqual(fullRecords([top, team], [kr], now).get('O-2'));
  });
});

/** A store where every one of `issues` is linked to O-2 as a whole, records and index alike. */
function allLinkedToO2(issues: IssueState[]) {
  const links = issues.map((i) => aContribution({ issueKey: i.key, objectiveId: 'O-2', keyResultId: null }));
  const input = aRollupInput({ objectives: [top, team], keyResults: [kr], issues, contributions: links, now: NOW });
  const initial = storedRecords(input);
  return { links, store: new MemoryRollupStore(initial.issues, initial.rollups, links) };
}

describe('an objective with more linked issues than its linked-keys record holds', () => {
  it('a change that links nothing new leaves the record as it is, and a new link is kept in it', async () => {
    const many = Array.from({ length: LINKED_KEYS_MAX + 2 }, (_, i) => anIssue({ key: `BIG-${i + 1}` }));
    const { links, store } = allLinkedToO2(many);
    const ports: MaintenancePorts = { rollups: store, jira: jiraOf(many), settings, now: NOW };
    // the record holds the newest 5,000; the two oldest left it long ago and are in the index
    const held = many.slice(2).map((i) => i.key);
    store.linkedKeys.set('O-2', { objectiveId: 'O-2', issueKeys: held, version: 3 });

    // a link change that adds no issue to O-2 (BIG-3's link, asked again)
    await linksChanged(ports, 'BIG-3', 'O-2');
    expect(store.rollups.get('O-2')!.record.work.issues).toBe(LINKED_KEYS_MAX + 2);
    expect(store.linkedKeys.get('O-2')).toEqual({ objectiveId: 'O-2', issueKeys: held, version: 3 });

    // a new issue linked a moment ago, before the index shows it: the record takes it
    store.indexed = links;
    const newcomer = anIssue({ key: 'NEW-1' });
    await applyIssueEvent(store, { type: 'upsert', issue: newcomer }, settings, NOW);
    store.links = [...links, aContribution({ issueKey: 'NEW-1', objectiveId: 'O-2', keyResultId: null })];
    await linksChanged(ports, 'NEW-1', 'O-2', { objectiveId: 'O-2', keyResultId: null, linked: true });
    expect(store.rollups.get('O-2')!.record.work.issues).toBe(LINKED_KEYS_MAX + 3);
    const kept = store.linkedKeys.get('O-2')!.issueKeys;
    expect(kept).toContain('NEW-1');
    expect(kept).toHaveLength(LINKED_KEYS_MAX);
  });
});

describe('an objective linked to issues with long keys', () => {
  it('keeps its linked-keys record within its byte budget (Forge stores at most 240 KiB a value), newest keys kept', async () => {
    // Jira Cloud's project keys are short, but the contract takes up to 255 characters
    const project = `L${'X'.repeat(249)}`;
    const many = Array.from({ length: 800 }, (_, i) => anIssue({ key: `${project}-${i + 1}` }));
    const { store } = allLinkedToO2(many);
    // every link made within the last second: the index shows none, the record the 799 before the newest
    store.indexed = [];
    const held = many.slice(0, 799).map((i) => i.key);
    store.linkedKeys.set('O-2', { objectiveId: 'O-2', issueKeys: held, version: 1 });
    const ports: MaintenancePorts = { rollups: store, jira: jiraOf(many), settings, now: NOW };
    const newest = many[799]!.key;
    await linksChanged(ports, newest, 'O-2', { objectiveId: 'O-2', keyResultId: null, linked: true });

    expect(store.rollups.get('O-2')!.record.work.issues).toBe(800);
    const kept = store.linkedKeys.get('O-2')!.issueKeys;
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(LINKED_KEYS_MAX_BYTES);
    expect(kept.length).toBeGreaterThan(700);
    expect(kept).toContain(newest);
    expect(kept).not.toContain(many[0]!.key);
  });
});
