/**
 * The nightly reconciliation's search for what Tether never stored (src/app/rollup/discover-missing.ts):
 * under every linked issue, Jira's children level by level; what is not stored comes in as the
 * issue event it should have been, and the rollup is then exactly what a full recompute of Jira's
 * issues gives. Storage is in memory; Jira is a fake over a map that answers `childrenOf` as search
 * does (parents it does not show the app have no children; issues in projects the app may not
 * browse are left out).
 */
import type { IssueState } from '../../../src/contract';
import { AppFailure } from '../../../src/app/app-failure';
import { discoverMissing, type DiscoverPorts } from '../../../src/app/rollup/discover-missing';
import type { JiraPort } from '../../../src/ports';
import { recordsOf } from '../../support/rollup-records';
import {
  aRollupSettings,
  aStoreOf,
  inputOf,
  issuesAfterOf,
  ORGANISATION_NOW,
  storedOf,
} from '../../support/stored-organisation';
import { aContribution, aKeyResult, anIssue, anObjective, DAY } from '../../support/builders';

const NOW = ORGANISATION_NOW;
const settings = aRollupSettings();
const objective = anObjective({ id: 'O-1', key: 'O-1' });
const kr = aKeyResult({ id: 'kr-1', objectiveId: 'O-1', kind: 'completion' });
const links = [aContribution({ issueKey: 'WEB-1', objectiveId: 'O-1', keyResultId: 'kr-1' })];

/** Jira over `issues`, counting its `parent in (…)` searches; `hidden` projects are ones the app may not browse. */
function jiraOver(issues: Map<string, IssueState>, hidden: readonly string[] = []) {
  const calls = { childrenOf: 0 };
  const shown = (i: IssueState) => !hidden.some((p) => i.key.startsWith(`${p}-`));
  const jira: JiraPort = {
    searchIssues: async () => ({ issues: [], nextPageToken: null }),
    getIssues: async (keys) => keys.flatMap((k) => issues.get(k) ?? []),
    childrenOf: async (parents) => {
      calls.childrenOf += 1;
      return [...issues.values()].filter((i) => shown(i) && i.parentKey !== null && parents.includes(i.parentKey));
    },
    readIssue: async (key) => issues.get(key) ?? null,
    myPermissions: async () => new Set(),
    validateJql: async () => ({ errors: [], count: null, more: false }),
    aggregate: async () => null,
    setIssueProperty: async () => undefined,
  };
  return { jira, calls };
}

/**
 * Jira holds the epic WEB-1 (linked to O-1's key result) with `stories` stories, two done; the app
 * stored all but `missed` (their creation events were lost); `extra` are more issues in Jira.
 */
function world({ stories = 4, missed = ['WEB-3'], extra = [] as IssueState[] } = {}) {
  const inJira = new Map<string, IssueState>();
  const add = (i: IssueState) => inJira.set(i.key, i);
  add(anIssue({ key: 'WEB-1' }));
  for (let n = 2; n <= stories + 1; n += 1)
    add(
      anIssue({
        key: `WEB-${n}`,
        parentKey: 'WEB-1',
        ...(n <= 3 ? { statusCategory: 'done' as const, resolved: NOW - DAY } : {}),
      }),
    );
  for (const i of extra) add(i);
  const org = (issues: IssueState[]) => ({ objectives: [objective], keyResults: [kr], issues, contributions: links });
  const store = aStoreOf(org([...inJira.values()].filter((i) => !missed.includes(i.key))));
  const queued: string[][] = [];
  const ports = (jira: JiraPort, timeLeft = () => Infinity): DiscoverPorts => ({
    rollups: store,
    issuesAfter: issuesAfterOf(store),
    jira,
    properties: {
      push: async (keys) => {
        queued.push([...keys]);
      },
      pushObjective: async () => {
        throw new Error('the search for missed issues rewrites no objective');
      },
    },
    settings,
    now: NOW,
    timeLeft,
  });
  /** What a full recompute of the issues Jira shows the app makes of O-1. */
  const expected = (shown: (i: IssueState) => boolean = () => true) =>
    recordsOf(inputOf(org([...inJira.values()].filter(shown)))).get('O-1');
  return { inJira, store, ports, queued, expected };
}

describe('looking for issues Tether never stored', () => {
  it('brings in a story whose creation event was lost, and the objective then counts it exactly as a full recompute would', async () => {
    const { inJira, store, ports, queued, expected } = world();
    const { jira } = jiraOver(inJira);
    expect(store.rollups.get('O-1')!.record.work.issues).toBe(3);
    expect(store.rollups.get('O-1')!.record).not.toEqual(expected());

    const result = await discoverMissing(ports(jira), '');

    expect(result).toEqual({ next: null, roots: 1, seen: 4, found: 1, stoppedBy: null });
    expect(store.issues.get('WEB-3')!.ancestors).toEqual(['WEB-1']);
    expect(store.rollups.get('O-1')!.record.work).toMatchObject({ issues: 4, done: 2 });
    expect(store.rollups.get('O-1')!.record).toEqual(expected());
    // its `tether` issue property is written by the job queue
    expect(queued).toEqual([['WEB-3']]);
  });

  it('finds missed issues at every level below, and the stored issues that waited under a missed parent', async () => {
    const extra = [
      anIssue({ key: 'WEB-10', parentKey: 'WEB-3' }), // a sub-task of the missed story, missed too
      anIssue({ key: 'WEB-11', parentKey: 'WEB-3', statusCategory: 'done', resolved: NOW - DAY }), // stored, waiting
      anIssue({ key: 'WEB-12', parentKey: 'WEB-4' }), // a missed sub-task of a stored story
    ];
    const { inJira, store, ports, queued, expected } = world({ missed: ['WEB-3', 'WEB-10', 'WEB-12'], extra });
    const { jira } = jiraOver(inJira);

    const result = await discoverMissing(ports(jira), '');

    expect(result).toMatchObject({ next: null, roots: 1, found: 3 });
    expect(store.issues.get('WEB-10')!.ancestors).toEqual(['WEB-3', 'WEB-1']);
    expect(store.issues.get('WEB-11')!.ancestors).toEqual(['WEB-3', 'WEB-1']);
    expect(store.rollups.get('O-1')!.record).toEqual(expected());
    expect(queued.flat().sort()).toEqual(['WEB-10', 'WEB-11', 'WEB-12', 'WEB-3']);
  });

  it('changes nothing the second time, or when nothing was missed', async () => {
    const { inJira, store, ports } = world();
    const { jira } = jiraOver(inJira);
    await discoverMissing(ports(jira), '');
    const once = structuredClone({ issues: [...store.issues.values()], rollups: [...store.rollups.values()] });

    expect(await discoverMissing(ports(jira), '')).toEqual({
      next: null,
      roots: 1,
      seen: 4,
      found: 0,
      stoppedBy: null,
    });
    expect({ issues: [...store.issues.values()], rollups: [...store.rollups.values()] }).toEqual(once);
  });

  it('leaves out what the app may not browse without failing, and counts as a full recompute of what Jira shows it', async () => {
    const extra = [anIssue({ key: 'SEC-1', parentKey: 'WEB-1' })];
    const { inJira, store, ports, expected } = world({ missed: ['WEB-3', 'SEC-1'], extra });
    const { jira } = jiraOver(inJira, ['SEC']);

    expect(await discoverMissing(ports(jira), '')).toMatchObject({ next: null, found: 1, stoppedBy: null });
    expect(store.issues.has('SEC-1')).toBe(false);
    expect(store.rollups.get('O-1')!.record).toEqual(expected((i) => !i.key.startsWith('SEC-')));
  });

  it("stops where it is when Jira's points are spent, and a later run goes on from there and finishes", async () => {
    // 250 stories: three batches of stored issues, in key order (WEB-1, WEB-10, WEB-100, …); a second
    // linked epic, WEB-500, sits in a later batch than WEB-1, with a story whose creation was missed
    const extra = [anIssue({ key: 'WEB-500' }), anIssue({ key: 'WEB-501', parentKey: 'WEB-500' })];
    const { inJira, store, ports, expected } = world({ stories: 250, missed: ['WEB-3', 'WEB-501'], extra });
    const epicLinks = [...links, aContribution({ issueKey: 'WEB-500', objectiveId: 'O-1', keyResultId: 'kr-1' })];
    store.links = epicLinks;
    const stored = storedOf({
      objectives: [objective],
      keyResults: [kr],
      issues: [...inJira.values()].filter((i) => !['WEB-3', 'WEB-501'].includes(i.key)),
      contributions: epicLinks,
    });
    for (const i of stored.issues) store.issues.set(i.key, i);
    for (const r of stored.rollups) store.rollups.set(r.objectiveId, r);
    const { jira } = jiraOver(inJira);
    const searched: string[][] = [];
    let spent = true;
    const spendable: JiraPort = {
      ...jira,
      childrenOf: async (parents) => {
        searched.push([...parents]);
        if (spent && parents.includes('WEB-500')) {
          throw new AppFailure('UNAVAILABLE', 'Jira answered 429', undefined, { service: 'jira', waitMs: 1_800_000 });
        }
        return jira.childrenOf(parents);
      },
    };

    const first = await discoverMissing(ports(spendable), '');
    expect(first).toMatchObject({ found: 1, stoppedBy: { service: 'jira', waitMs: 1_800_000 } });
    expect(first.roots).toBe(1);
    expect(first.next! < 'WEB-500').toBe(true);
    expect(store.issues.has('WEB-3')).toBe(true);
    expect(store.issues.has('WEB-501')).toBe(false);

    // the points are back: the next run starts from the batch the refusal cut short, not from the first
    spent = false;
    searched.length = 0;
    const rest = await discoverMissing(ports(spendable), first.next!);
    expect(rest).toMatchObject({ next: null, roots: 1, found: 1, stoppedBy: null });
    expect(searched.flat()).not.toContain('WEB-1');
    expect(store.issues.get('WEB-501')!.ancestors).toEqual(['WEB-500']);
    const full = recordsOf(
      inputOf({ objectives: [objective], keyResults: [kr], issues: [...inJira.values()], contributions: epicLinks }),
    ).get('O-1');
    expect(store.rollups.get('O-1')!.record).toEqual(full);
    expect(expected()).not.toEqual(full);
  });
});
