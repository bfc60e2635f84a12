import type {
  CheckIn,
  Confidence,
  Contribution,
  IssueState,
  KeyResult,
  Objective,
  ObjectiveRollup,
  Period,
  RollupPolicy,
} from '../contract';
import { buildForest, type IssueForest } from './issue-forest';
import type { WorkTally } from './tally';

/** Everything a rollup is computed from. Time is a parameter, like everything else. */
export interface RollupInput {
  periods: readonly Period[];
  objectives: readonly Objective[];
  keyResults: readonly KeyResult[];
  contributions: readonly Contribution[];
  issues: readonly IssueState[];
  checkIns: readonly CheckIn[];
  /** Latest refreshed values of query key results. */
  queryValues: readonly { keyResultId: string; value: number }[];
  policy: RollupPolicy;
  now: number;
}

export interface LastCheckIn {
  id: string;
  at: number;
  confidence: Confidence;
}

export interface Contributor {
  id: string;
  /** Set weight, or null for the policy's default child weight. */
  weight: number | null;
}

/**
 * The rollup state: indexes built once and kept current by the incremental updates,
 * and the materialised record of every objective. Owned by the caller; the update
 * functions change it in place and return the records that changed.
 */
export interface RollupModel {
  now: number;
  policy: RollupPolicy;
  periods: Map<string, Period>;
  objectives: Map<string, Objective>;
  keyResultsOf: Map<string, KeyResult[]>;
  /** key result → its objective. */
  objectiveOfKeyResult: Map<string, string>;
  /** target objective → the objectives contributing to it (primary children and aligned ones). */
  contributorsOf: Map<string, Contributor[]>;
  forest: IssueForest;
  /** set → linked issue key → how many contributions link it there. */
  roots: Map<string, Map<string, number>>;
  /** issue key → sets it is linked into. */
  linksOf: Map<string, Set<string>>;
  /** Subtree tally of every linked issue that is known. */
  rootTally: Map<string, WorkTally>;
  /** Tally of every set, counting each issue once. */
  setTally: Map<string, WorkTally>;
  /** Latest value of metric (check-in) and query (refresh) key results. */
  measurements: Map<string, number>;
  /** Latest check-in on the objective or any of its key results. */
  lastCheckIn: Map<string, LastCheckIn>;
  records: Map<string, ObjectiveRollup>;
}

/** The set of issues serving an objective as a whole: linked to it or to any of its key results. */
export const objectiveSet = (objectiveId: string) => `o:${objectiveId}`;
/** The set of issues linked to one key result. */
export const keyResultSet = (keyResultId: string) => `k:${keyResultId}`;

export function setsOfContribution(c: Pick<Contribution, 'objectiveId' | 'keyResultId'>): string[] {
  return c.keyResultId === null ? [objectiveSet(c.objectiveId)] : [objectiveSet(c.objectiveId), keyResultSet(c.keyResultId)];
}

/** Whether an objective's progress counts inside the objectives it contributes to. */
export function countsUpward(o: Objective): boolean {
  return o.status === 'active' || o.status === 'done';
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the indexes (not yet the records) from the input. */
export function indexModel(input: RollupInput): RollupModel {
  const objectives = new Map(input.objectives.map((o) => [o.id, o]));
  const keyResultsOf = new Map<string, KeyResult[]>();
  const objectiveOfKeyResult = new Map<string, string>();
  for (const kr of [...input.keyResults].sort(byId)) {
    if (!objectives.has(kr.objectiveId)) continue;
    objectiveOfKeyResult.set(kr.id, kr.objectiveId);
    let list = keyResultsOf.get(kr.objectiveId);
    if (!list) keyResultsOf.set(kr.objectiveId, (list = []));
    list.push(kr);
  }
  const contributorsOf = new Map<string, Contributor[]>();
  for (const o of [...input.objectives].sort(byId)) {
    const add = (target: string, weight: number | null) => {
      if (!objectives.has(target) || target === o.id) return;
      let list = contributorsOf.get(target);
      if (!list) contributorsOf.set(target, (list = []));
      list.push({ id: o.id, weight });
    };
    if (o.parentId !== null) add(o.parentId, o.weight);
    for (const a of o.alignments) if (a.objectiveId !== o.parentId) add(a.objectiveId, a.weight);
  }

  const roots = new Map<string, Map<string, number>>();
  const linksOf = new Map<string, Set<string>>();
  for (const c of input.contributions) {
    if (!objectives.has(c.objectiveId)) continue;
    if (c.keyResultId !== null && objectiveOfKeyResult.get(c.keyResultId) !== c.objectiveId) continue;
    for (const set of setsOfContribution(c)) linkInto(roots, linksOf, set, c.issueKey, 1);
  }

  const measurements = new Map<string, number>();
  const lastCheckIn = new Map<string, LastCheckIn>();
  const latestValue = new Map<string, { at: number; id: string }>();
  // the latest wins; at the same instant the larger id, so input order never matters
  const isLater = (ci: { at: number; id: string }, than: { at: number; id: string } | undefined) =>
    than === undefined || ci.at > than.at || (ci.at === than.at && ci.id > than.id);
  for (const ci of input.checkIns) {
    if (isLater(ci, lastCheckIn.get(ci.objectiveId))) lastCheckIn.set(ci.objectiveId, { id: ci.id, at: ci.at, confidence: ci.confidence });
    if (ci.keyResultId !== null && ci.value !== null && isLater(ci, latestValue.get(ci.keyResultId))) {
      latestValue.set(ci.keyResultId, { at: ci.at, id: ci.id });
      measurements.set(ci.keyResultId, ci.value);
    }
  }
  for (const q of input.queryValues) measurements.set(q.keyResultId, q.value);

  return {
    now: input.now,
    policy: input.policy,
    periods: new Map(input.periods.map((p) => [p.id, p])),
    objectives,
    keyResultsOf,
    objectiveOfKeyResult,
    contributorsOf,
    forest: buildForest(input.issues),
    roots,
    linksOf,
    rootTally: new Map(),
    setTally: new Map(),
    measurements,
    lastCheckIn,
    records: new Map(),
  };
}

/** Adds (by = 1) or removes (by = −1) one contribution's link of an issue into a set. */
export function linkInto(
  roots: Map<string, Map<string, number>>,
  linksOf: Map<string, Set<string>>,
  set: string,
  issueKey: string,
  by: 1 | -1,
): void {
  let members = roots.get(set);
  if (!members) roots.set(set, (members = new Map()));
  const next = (members.get(issueKey) ?? 0) + by;
  if (next > 0) {
    members.set(issueKey, next);
    let sets = linksOf.get(issueKey);
    if (!sets) linksOf.set(issueKey, (sets = new Set()));
    sets.add(set);
    return;
  }
  members.delete(issueKey);
  if (members.size === 0) roots.delete(set);
  const sets = linksOf.get(issueKey);
  sets?.delete(set);
  if (sets?.size === 0) linksOf.delete(issueKey);
}
