import type { CheckIn, Contribution, IssueState, KeyResult, Objective, Period, RollupPolicy } from '../../contract';
import { bottomUpOrder } from '../hierarchy';
import { layOut } from './forest-layout';
import { indexOf } from './key-index';
import { countedLinks } from './links';
import { countsUpward } from './objective-record';
import { isLater, unsettledRecord, weightsOf } from './objective-changes';
import { NO_LINE, placedRecord, placeIssues } from './place-issues';
import { dictionary, type IssueRecord, type LinkCount, type LinkedIssue, type RollupRecord } from './records';
import { recomputeSets, setsOfObjective } from './set-of-work';
import { settleAll } from './upward';
import { emptyTally } from '../tally';

/** Everything the rollup is computed from, from scratch. Time is a parameter, like everything else. */
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

export interface RollupRecords {
  /** One per issue (a key given twice: the later state). */
  issues: IssueRecord[];
  /** One per objective, in the order given. */
  rollups: RollupRecord[];
}

/**
 * The full recompute: the record of every issue and every objective, from scratch, exactly as
 * the event path keeps them (a property test checks that events land on these records).
 *
 * One pass over compact arrays does the tree (forest-layout.ts: issues interned to indexes,
 * parent indexes, deepest first, subtree sums in typed arrays; histograms only for the subtrees
 * of linked issues); then each set is counted from its roots and every record is computed,
 * contributors first — with the same functions as the event path (set-of-work.ts, upward.ts).
 *
 * The links follow the event path: an issue's record lists every contribution made on it, an
 * objective's own set holds every issue linked to it or to any key result of it, and a key
 * result's set only its own.
 */
export function fullRecompute(input: RollupInput): RollupRecords {
  const layout = layOut(input.issues);

  const linksOnIssue = new Map<string, Contribution[]>();
  const linksToObjective = new Map<string, LinkedIssue[]>();
  for (const c of input.contributions) {
    let onIssue = linksOnIssue.get(c.issueKey);
    if (onIssue === undefined) linksOnIssue.set(c.issueKey, (onIssue = []));
    onIssue.push(c);
    let toObjective = linksToObjective.get(c.objectiveId);
    if (toObjective === undefined) linksToObjective.set(c.objectiveId, (toObjective = []));
    toObjective.push({ issueKey: c.issueKey, keyResultId: c.keyResultId });
  }
  const linksAt = new Map<number, LinkCount[]>();
  const linked = new Uint8Array(layout.keys.length);
  for (const [key, links] of linksOnIssue) {
    const i = indexOf(layout.index, key);
    if (i < 0) continue;
    linksAt.set(i, countedLinks(links));
    linked[i] = 1;
  }
  const issues: IssueRecord[] = new Array<IssueRecord>(layout.keys.length);
  placeIssues(layout, noLine, (i, parent, ancestors) => {
    issues[i] = placedRecord(layout, i, parent, ancestors, linked[i] === 1 ? (linksAt.get(i) ?? NO_LINKS) : NO_LINKS);
  });
  const issueOf = (key: string): IssueRecord | undefined => {
    const i = indexOf(layout.index, key);
    return i < 0 ? undefined : issues[i];
  };

  const rollups = rollupsOf(input);
  recountSets(rollups.values(), (id) => linksToObjective.get(id) ?? [], issueOf);
  settleAll(rollups, bottomUpOrder(input.objectives), { policy: input.policy, periods: input.periods }, input.now);
  return { issues, rollups: [...rollups.values()] };
}

/**
 * Counts every set of some objectives again from their roots (set-of-work.ts): the full
 * recompute does it for all, the nightly reconciliation for a batch of stored rollups at a time,
 * repairing tallies that drifted (src/app/rollup/reconcile-objectives.ts).
 */
export function recountSets(
  rollups: Iterable<RollupRecord>,
  linksTo: (objectiveId: string) => readonly LinkedIssue[],
  issueOf: (key: string) => Pick<IssueRecord, 'ancestors' | 'tally'> | undefined,
): void {
  for (const r of rollups) recomputeSets(r, setsOfObjective(r), linksTo(r.objectiveId), issueOf);
}

const noLine = () => NO_LINE;

/** The links of an issue nobody linked: one array, shared (links are replaced, never changed in place). */
const NO_LINKS: LinkCount[] = [];

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Each objective's rollup before anything is counted: definition, latest values and check-in, contributors and targets. */
function rollupsOf(input: RollupInput): Map<string, RollupRecord> {
  const rollups = new Map<string, RollupRecord>();
  for (const o of input.objectives) {
    rollups.set(o.id, {
      objectiveId: o.id,
      objective: o,
      keyResults: [],
      own: emptyTally(),
      keyResultTallies: dictionary(),
      measurements: dictionary(),
      lastCheckIn: null,
      contributors: dictionary(),
      targets: [],
      record: unsettledRecord(o.id),
    });
  }
  for (const kr of [...input.keyResults].sort(byId)) rollups.get(kr.objectiveId)?.keyResults.push(kr);

  // the latest check-in of each objective; the latest value of each key result
  const objectiveOf = new Map(input.keyResults.map((kr) => [kr.id, kr.objectiveId]));
  const latestValue = new Map<string, CheckIn>();
  for (const ci of input.checkIns) {
    const r = rollups.get(ci.objectiveId);
    if (r !== undefined && isLater(ci, r.lastCheckIn))
      r.lastCheckIn = { id: ci.id, at: ci.at, confidence: ci.confidence };
    if (ci.keyResultId !== null && ci.value !== null && isLater(ci, latestValue.get(ci.keyResultId)))
      latestValue.set(ci.keyResultId, ci);
  }
  const measure = (keyResultId: string, value: number) => {
    const r = rollups.get(objectiveOf.get(keyResultId) ?? '');
    if (r !== undefined) r.measurements[keyResultId] = value;
  };
  for (const [keyResultId, ci] of latestValue) if (ci.value !== null) measure(keyResultId, ci.value);
  for (const q of input.queryValues) measure(q.keyResultId, q.value);

  for (const o of [...input.objectives].sort(byId)) {
    const r = rollups.get(o.id) as RollupRecord;
    for (const [t, weight] of weightsOf(o)) {
      const target = rollups.get(t);
      if (target === undefined) continue;
      r.targets.push(t);
      target.contributors[o.id] = { weight, progress: null, counts: countsUpward(o) };
    }
  }
  return rollups;
}
