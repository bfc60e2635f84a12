/**
 * A generated organisation for benchmarks (and, later, tests): objectives on five levels,
 * key results of every computed and hand-checked kind, Jira issues as epics → stories →
 * sub-tasks, and the contributions that tie them together. Deterministic for a given seed.
 *
 * Objectives, key results, contributions and check-ins go through the zod contract.
 * Issues are built as plain `IssueState` objects with every field present: parsing 200,000
 * of them would dominate the setup. A sample of them is parsed and compared to make sure
 * the plain objects are exactly what the contract would produce.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  CheckIn,
  Contribution,
  DEFAULT_POLICY,
  IssueState,
  KeyResult,
  Levels,
  Objective,
  objectiveKeyOf,
  Period,
  type StatusCategory,
} from '../src/contract';
import { validateHierarchy } from '../src/domain/hierarchy';
import type { RollupInput } from '../src/domain/rollup/full-recompute';
import { Rng } from '../local/prng';

const DAY = 86_400_000;
/** Start of the generated period (2026 Q4) and the moment the rollup is computed at. */
export const PERIOD_START = Date.parse('2026-10-01T00:00:00Z');
export const NOW = PERIOD_START + 45 * DAY;

export const DEFAULT_SEED = 42;

/** Five levels, top first. */
export const BENCH_LEVELS: Levels = Levels.parse([
  { id: 'organisation', name: 'Organisation priority' },
  { id: 'strategic', name: 'Strategic' },
  { id: 'programme', name: 'Programme' },
  { id: 'department', name: 'Department' },
  { id: 'workgroup', name: 'Workgroup' },
]);
/** One issue in this many is parsed through the contract and compared with the plain object. */
export const PARSE_CHECK_EVERY = 997;
/** Share of the objectives on each level (the bottom level takes what is left). */
const LEVEL_SHARE = [0.002, 0.018, 0.08, 0.2];

export interface OrgOptions {
  seed?: number;
  objectives?: number;
  issues?: number;
  /** Objective ids equal to their keys (`O-12`), as the app stores them; default `obj-12`. */
  idsFromKeys?: boolean;
  /**
   * One workgroup singled out (the project-page benchmark): the first `objectives` bottom
   * objectives belong to `workgroupId` and get the first `issues` issues (keys `{project}-n`);
   * the other bottom objectives share the rest round robin. Left out: all share everything.
   */
  focus?: { objectives: number; issues: number; workgroupId: string; project: string };
}

export interface GeneratedOrg {
  levels: Levels;
  input: RollupInput;
  /** Stories under an epic with no sub-tasks: a status change always moves the counts. */
  leafStories: string[];
  epics: string[];
  counts: Record<
    'objectives' | 'keyResults' | 'contributions' | 'checkIns' | 'epics' | 'stories' | 'subTasks' | 'bugs',
    number
  >;
}

const isoDate = (at: number): string => new Date(at).toISOString().slice(0, 10);
const WORDS = [
  'checkout',
  'billing',
  'search',
  'onboarding',
  'reporting',
  'login',
  'export',
  'sync',
  'alerts',
  'audit',
];
const VERBS = ['Improve', 'Fix', 'Add', 'Refactor', 'Migrate', 'Speed up', 'Document', 'Harden'];
/** How often each kind of issue carries story points, and which. */
const POINTS = {
  epic: { share: 0.1, pool: [20, 40] },
  story: { share: 0.75, pool: [1, 2, 3, 5, 8, 13] },
  'sub-task': { share: 0.15, pool: [0.5, 1, 2] },
};
const ISSUE_TYPE = { epic: 'Epic', story: 'Story', 'sub-task': 'Sub-task' };

/** Builds the organisation. Defaults: 5,000 objectives, 200,000 issues, seed 42. */
export function generateOrg(options: OrgOptions = {}): GeneratedOrg {
  const {
    seed = DEFAULT_SEED,
    objectives: objectiveCount = 5_000,
    issues: issueCount = 200_000,
    idsFromKeys = false,
    focus,
  } = options;
  const rng = new Rng(seed);
  const people = Array.from({ length: 2_000 }, (_, i) => `acc-${i + 1}`);
  const period = Period.parse({ id: 'p-2026q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });

  // ── objectives, level by level; parents spread evenly over the level above ──
  const perLevel = LEVEL_SHARE.map((s) => Math.max(1, Math.round(s * objectiveCount)));
  perLevel.push(objectiveCount - perLevel.reduce((a, b) => a + b, 0));
  const byLevel: Objective[][] = [];
  let seq = 0;
  perLevel.forEach((count, level) => {
    const above = byLevel[level - 1] ?? [];
    const row: Objective[] = [];
    for (let j = 0; j < count; j += 1) {
      seq += 1;
      const parent = above.length === 0 ? null : (above[Math.floor((j * above.length) / count)] as Objective);
      const alignTo =
        parent && above.length > 1 && rng.chance(0.05) ? rng.pick(above.filter((o) => o.id !== parent.id)) : null;
      const roll = rng.float();
      const focused = focus !== undefined && level === perLevel.length - 1 && j < focus.objectives;
      row.push(
        Objective.parse({
          id: idsFromKeys ? objectiveKeyOf(seq) : `obj-${seq}`,
          key: objectiveKeyOf(seq),
          title: `${rng.pick(VERBS)} ${rng.pick(WORDS)} (${seq})`,
          levelId: (BENCH_LEVELS[level] as Levels[number]).id,
          periodId: period.id,
          owner: rng.pick(people),
          workgroupId: focused
            ? focus.workgroupId
            : level === perLevel.length - 1
              ? `wg-${Math.floor(j / 3) + 1}`
              : null,
          parentId: parent?.id ?? null,
          weight: rng.chance(0.1) ? 2 : null,
          alignments: alignTo ? [{ objectiveId: alignTo.id, weight: 0.5 }] : [],
          status: roll < 0.9 ? 'active' : roll < 0.94 ? 'draft' : roll < 0.98 ? 'done' : 'cancelled',
          createdAt: PERIOD_START - 10 * DAY,
          updatedAt: PERIOD_START - 10 * DAY,
        }),
      );
    }
    byLevel.push(row);
  });
  const objectives = byLevel.flat();
  const bottom = byLevel[byLevel.length - 1] as Objective[];

  // ── key results: a mix on every bottom objective, a measured one on some above ──
  const keyResults: KeyResult[] = [];
  const checkIns: CheckIn[] = [];
  let krSeq = 0;
  const addKr = (objectiveId: string, fields: Record<string, unknown>): KeyResult => {
    krSeq += 1;
    const kr = KeyResult.parse({
      id: `kr-${krSeq}`,
      key: `KR-${krSeq}`,
      objectiveId,
      title: `Key result ${krSeq}`,
      owner: rng.pick(people),
      createdAt: PERIOD_START,
      updatedAt: PERIOD_START,
      ...fields,
    });
    keyResults.push(kr);
    return kr;
  };
  const checkIn = (objectiveId: string, keyResultId: string | null, value: number | null): void => {
    checkIns.push(
      CheckIn.parse({
        id: `ci-${checkIns.length + 1}`,
        objectiveId,
        keyResultId,
        value,
        confidence: rng.pick(['high', 'high', 'medium', 'low'] as const),
        author: rng.pick(people),
        at: NOW - rng.int(0, 20) * DAY,
      }),
    );
  };
  const measures = ['on-time-rate', 'median-cycle-time', 'throughput-per-week', 'bug-share'] as const;
  const targets: Record<(typeof measures)[number], number> = {
    'on-time-rate': 0.9,
    'median-cycle-time': 5,
    'throughput-per-week': 10,
    'bug-share': 0.1,
  };
  /** Per bottom objective: the key results issues can be linked to. */
  const linkable = new Map<string, { count: KeyResult; points: KeyResult | null; delivery: KeyResult | null }>();
  for (const o of bottom) {
    const count = addKr(o.id, { kind: 'completion', measure: 'count' });
    const points = rng.chance(0.6) ? addKr(o.id, { kind: 'completion', measure: 'story-points', weight: 2 }) : null;
    let delivery: KeyResult | null = null;
    if (rng.chance(0.4)) {
      const measure = rng.pick(measures);
      const scope = rng.chance(0.3) ? 'key-result' : 'objective';
      const kr = addKr(o.id, { kind: 'delivery-quality', measure, target: targets[measure], scope });
      if (scope === 'key-result') delivery = kr;
    }
    if (rng.chance(0.25)) {
      const kr = addKr(o.id, { kind: 'metric', direction: 'increase', baseline: 0, target: 100, unit: '%' });
      if (rng.chance(0.7)) checkIn(o.id, kr.id, rng.int(0, 120));
    }
    if (rng.chance(0.2)) {
      const done = rng.chance(0.3);
      addKr(o.id, { kind: 'milestone', done, doneAt: done ? NOW - DAY : null });
    }
    if (rng.chance(0.3)) checkIn(o.id, null, null);
    linkable.set(o.id, { count, points, delivery });
  }
  for (const o of objectives) {
    if (o.levelId === 'workgroup' || !rng.chance(0.3)) continue;
    if (rng.chance(0.5)) {
      const kr = addKr(o.id, { kind: 'metric', direction: 'decrease', baseline: 50, target: 10 });
      checkIn(o.id, kr.id, rng.int(5, 60));
    } else addKr(o.id, { kind: 'milestone', done: rng.chance(0.5) });
  }

  // ── issues: epics of stories (some with sub-tasks) per bottom objective, round robin ──
  const issues: IssueState[] = [];
  const contributions: Contribution[] = [];
  const leafStories: string[] = [];
  const epics: string[] = [];
  const counts = { epics: 0, stories: 0, subTasks: 0, bugs: 0 };
  const projectSeq = new Map<string, number>();
  const keyIn = (project: string): string => {
    const n = (projectSeq.get(project) ?? 0) + 1;
    projectSeq.set(project, n);
    return `${project}-${n}`;
  };
  const link = (issueKey: string, objectiveId: string, keyResultId: string | null): void => {
    contributions.push(
      Contribution.parse({ issueKey, objectiveId, keyResultId, createdBy: rng.pick(people), createdAt: PERIOD_START }),
    );
  };

  /** A leaf issue at a given maturity (chance of being done). */
  const leaf = (
    key: string,
    parentKey: string | null,
    kind: 'epic' | 'story' | 'sub-task',
    maturity: number,
  ): IssueState => {
    const isBug = kind === 'story' && rng.chance(0.12);
    const roll = rng.float();
    const statusCategory: StatusCategory =
      roll < maturity ? 'done' : roll < maturity + (1 - maturity) * 0.4 ? 'indeterminate' : 'new';
    const created = NOW - rng.int(5, 120) * DAY - rng.int(0, DAY);
    const started =
      statusCategory !== 'new' && rng.chance(0.85) ? created + rng.int(0, Math.floor((NOW - created) / 2)) : null;
    const resolved =
      statusCategory === 'done'
        ? (started ?? created) + rng.int(DAY / 4, Math.floor((NOW - (started ?? created)) * 0.9))
        : null;
    const points = POINTS[kind];
    const storyPoints = !isBug && rng.chance(points.share) ? rng.pick(points.pool) : null;
    if (isBug) counts.bugs += 1;
    return {
      key,
      parentKey,
      summary: `${rng.pick(VERBS)} ${rng.pick(WORDS)} ${key}`,
      issueType: isBug ? 'Bug' : ISSUE_TYPE[kind],
      isBug,
      statusCategory,
      storyPoints,
      created,
      started,
      resolved,
      dueDate: rng.chance(0.6) ? isoDate(created + rng.int(7, 60) * DAY) : null,
      updated: resolved ?? started ?? created,
      assignee: rng.chance(0.9) ? rng.pick(people) : null,
      reporter: rng.pick(people),
    };
  };
  /** A container takes its status from its children, the way Jira workflows usually do. */
  const container = (issue: IssueState, children: IssueState[]): IssueState => {
    const allDone = children.every((c) => c.statusCategory === 'done');
    const anyMoving = children.some((c) => c.statusCategory !== 'new');
    const resolved = allDone ? Math.max(...children.map((c) => c.resolved ?? c.updated)) : null;
    const started = anyMoving ? Math.min(...children.map((c) => c.started ?? c.updated)) : null;
    return {
      ...issue,
      statusCategory: allDone ? 'done' : anyMoving ? 'indeterminate' : 'new',
      started,
      resolved,
      updated: resolved ?? started ?? issue.created,
    };
  };

  /** One objective's next piece of work (a linked story, or a linked epic of stories), at most up to `limit` issues in all. */
  const addWork = (o: Objective, project: string, limit: number): void => {
    const krs = linkable.get(o.id) as NonNullable<ReturnType<typeof linkable.get>>;
    const maturity = rng.float();

    if (rng.chance(0.05)) {
      // a story on its own, linked directly
      const story = leaf(keyIn(project), null, 'story', maturity);
      issues.push(story);
      counts.stories += 1;
      link(story.key, o.id, krs.count.id);
      return;
    }

    const epicKey = keyIn(project);
    const budget = limit - issues.length - 1;
    const storyCount = Math.min(budget, rng.int(4, 16));
    const epicIssues: IssueState[] = [];
    const storyKeys: string[] = [];
    for (let s = 0; s < storyCount && epicIssues.length < budget; s += 1) {
      const storyKey = keyIn(project);
      storyKeys.push(storyKey);
      counts.stories += 1;
      const subCount = rng.chance(0.25) ? Math.min(rng.int(1, 3), budget - epicIssues.length - 1) : 0;
      if (subCount <= 0) {
        const story = leaf(storyKey, epicKey, 'story', maturity);
        epicIssues.push(story);
        leafStories.push(storyKey);
        continue;
      }
      const subs = Array.from({ length: subCount }, () => leaf(keyIn(project), storyKey, 'sub-task', maturity));
      counts.subTasks += subs.length;
      epicIssues.push(container(leaf(storyKey, epicKey, 'story', maturity), subs), ...subs);
    }
    const epicLeaf = leaf(epicKey, null, 'epic', maturity);
    const epic = epicIssues.length > 0 ? container(epicLeaf, epicIssues) : epicLeaf;
    issues.push(epic, ...epicIssues);
    epics.push(epicKey);
    counts.epics += 1;

    // the epic serves one of the objective's key results, or the objective as a whole
    const roll = rng.float();
    const target = roll < 0.45 ? krs.count : roll < 0.7 ? (krs.points ?? krs.count) : null;
    link(epicKey, o.id, target?.id ?? null);
    if (krs.delivery && rng.chance(0.5)) link(epicKey, o.id, krs.delivery.id);
    // overlap: one of its stories is linked as well (counted once all the same)
    if (storyKeys.length > 0 && rng.chance(0.15))
      link(rng.pick(storyKeys), o.id, rng.chance(0.5) ? (target?.id ?? null) : krs.count.id);
    // shared work: the epic also serves another workgroup's objective, or the department above
    if (rng.chance(0.04)) link(epicKey, rng.pick(bottom).id, null);
    if (o.parentId !== null && rng.chance(0.03)) link(epicKey, o.parentId, null);
  };

  const focusCount = focus === undefined ? 0 : Math.min(focus.objectives, bottom.length - 1);
  if (focus !== undefined) {
    const limit = Math.min(issueCount, focus.issues);
    for (let i = 0; issues.length < limit; i += 1) addWork(bottom[i % focusCount] as Objective, focus.project, limit);
  }
  const rest = bottom.slice(focusCount);
  let objectiveAt = 0;
  while (issues.length < issueCount) {
    const o = rest[objectiveAt % rest.length] as Objective;
    const project = `P${Math.floor((objectiveAt % rest.length) / 10) + 1}`;
    objectiveAt += 1;
    addWork(o, project, issueCount);
  }

  const errors = validateHierarchy(BENCH_LEVELS, objectives);
  if (errors.length > 0) throw new Error(`generated hierarchy is invalid: ${errors[0]?.message}`);
  for (let i = 0; i < issues.length; i += PARSE_CHECK_EVERY) {
    const issue = issues[i] as IssueState;
    if (!isDeepStrictEqual(IssueState.parse(issue), issue))
      throw new Error(`generated issue ${issue.key} differs from its parsed form`);
  }

  return {
    levels: BENCH_LEVELS,
    input: {
      periods: [period],
      objectives,
      keyResults,
      contributions,
      issues,
      checkIns,
      queryValues: [],
      policy: DEFAULT_POLICY,
      now: NOW,
    },
    leafStories,
    epics,
    counts: {
      objectives: objectives.length,
      keyResults: keyResults.length,
      contributions: contributions.length,
      checkIns: checkIns.length,
      ...counts,
    },
  };
}
