import {
  DEFAULT_POLICY,
  type CheckIn,
  type Contribution,
  type IssueState,
  type KeyResult,
  type Objective,
  type Period,
  type RollupPolicy,
} from '../../contract';
import { keepShapeOf } from '../kept-shapes';
import { sortShortBy } from '../sort-short';
import { layOut, type ForestLayout } from './forest-layout';
import { indexOf } from './key-index';
import { heldIssueRecords, type IssueRecords } from './issue-records';
import { countedLinks } from './links';
import { countsUpward } from './objective-record';
import { isLater, unsettledRecord, weightsOf } from './objective-changes';
import { NO_LINE, placedRecord, placement, type Placement } from './place-issues';
import {
  dictionary,
  type ContributorRecord,
  type IssueRecord,
  type LastCheckIn,
  type LinkedIssue,
  type RollupRecord,
  type RollupSettings,
} from './records';
import { recomputeAllSets, type IssueLookup } from './set-of-work';
import { settleAll } from './upward';
import { emptyTally } from '../tally';

/** Bound once: called for every issue and every contribution (see `hashKey` in forest-layout.ts). */
const recordAt = placedRecord;
const issueIndex = indexOf;

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
  /**
   * One per issue (a key given twice: the later state), held compactly: the linked issues' records
   * are made, every other one when it is asked for (issue-records.ts; `allIssueRecords` makes all).
   */
  issues: IssueRecords;
  /** One per objective, in the order given. */
  rollups: RollupRecord[];
}

/**
 * The full recompute: the record of every issue and every objective, from scratch, exactly as
 * the event path keeps them (a property test checks that events land on these records). The
 * objectives' records and the linked issues' are made; any other issue's record is made from the
 * layout when asked for (issue-records.ts): nothing the rollup computes depends on it, and making
 * the other 185,000 records of a 200,000-issue organisation was 8–16 % of its time and a third of
 * its output (docs/benchmarks.md).
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
  // each loop over the issues is a function of its own (see layOut)
  const layout = layOut(input.issues);
  const n = layout.keys.length;
  const onIssue = new Array<Contribution[] | undefined>(n);
  const linksToObjective = new Map<string, LinkedIssue[]>();
  groupContributions(input.contributions, layout, onIssue, linksToObjective);
  // the linked issues' records (the sets need them); the others' are made when asked for
  const issues = new Array<IssueRecord | undefined>(n);
  const at = placement(layout, noLine);
  const linked = linkedRecords(at, onIssue, issues);

  const rollups = rollupsOf(input);
  recountSets(rollups.values(), linksToObjective, linked);
  const settings: RollupSettings = { policy: input.policy, periods: input.periods };
  settleAll(rollups, contributorsFirst(rollups), settings, input.now);

  return { issues: heldIssueRecords(at, issues), rollups: [...rollups.values()] };
}

/** The contributions on each issue (by the layout's index), and to each objective. */
function groupContributions(
  contributions: readonly Contribution[],
  layout: ForestLayout,
  onIssue: (Contribution[] | undefined)[],
  linksToObjective: Map<string, LinkedIssue[]>,
): void {
  for (const c of contributions) {
    const i = issueIndex(layout.index, c.issueKey);
    if (i >= 0) {
      const here = onIssue[i];
      if (here === undefined) onIssue[i] = [c];
      else here.push(c);
    }
    const toObjective = linksToObjective.get(c.objectiveId);
    if (toObjective === undefined) linksToObjective.set(c.objectiveId, [c]);
    else toObjective.push(c);
  }
}

/**
 * The records of the linked issues, into `issues`; returned by key too: the sets look their members
 * up there (a few thousand, their keys' hashes kept by the engine), not in the index of every issue.
 */
function linkedRecords(
  at: Placement,
  onIssue: readonly (Contribution[] | undefined)[],
  issues: (IssueRecord | undefined)[],
): Map<string, IssueRecord> {
  const linked = new Map<string, IssueRecord>();
  for (let i = 0; i < onIssue.length; i++) {
    const here = onIssue[i];
    if (here === undefined) continue;
    const record = recordAt(at, i, countedLinks(here));
    issues[i] = record;
    linked.set(record.key, record);
  }
  return linked;
}

/**
 * Counts every set of some objectives again from their roots (set-of-work.ts): the full
 * recompute does it for all, the nightly reconciliation for a batch of stored rollups at a time,
 * repairing tallies that drifted (src/app/rollup/reconcile-objectives.ts).
 */
export function recountSets(
  rollups: Iterable<RollupRecord>,
  linksTo: ReadonlyMap<string, readonly LinkedIssue[]>,
  issues: IssueLookup,
): void {
  for (const r of rollups) recomputeAllSets(r, linksTo.get(r.objectiveId) ?? NO_LINKS_TO, issues);
}

/** The links of an objective nobody linked work to. */
const NO_LINKS_TO: readonly LinkedIssue[] = [];

const noLine = () => NO_LINE;

// settings, a contributor and a check-in, kept: their hidden classes last from one recompute to the next (kept-shapes.ts)
keepShapeOf<RollupSettings>({ policy: DEFAULT_POLICY, periods: [] });
const keptContributor = keepShapeOf<ContributorRecord>({
  objectiveId: 'objective',
  weight: 0.5,
  progress: 0.25,
  counts: true,
});
// a weight or a progress is a number or none: the kept one has held both
keptContributor.weight = null;
keptContributor.progress = null;
keepShapeOf<LastCheckIn>({ id: 'check-in', at: Date.UTC(2026, 0, 1, 12), confidence: 'high' });

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const idOf = (kr: KeyResult): string => kr.id;

/**
 * The objectives' ids in an order where each comes after every objective contributing to it
 * (its `targets` after it), as settleAll needs: Kahn's algorithm over the rollups' targets.
 */
function contributorsFirst(rollups: ReadonlyMap<string, RollupRecord>): string[] {
  const waiting = new Map<string, number>();
  for (const r of rollups.values()) for (const t of r.targets) waiting.set(t, (waiting.get(t) ?? 0) + 1);
  const ready: RollupRecord[] = [];
  for (const r of rollups.values()) if (!waiting.has(r.objectiveId)) ready.push(r);
  const order: string[] = [];
  for (let r = ready.pop(); r !== undefined; r = ready.pop()) {
    order.push(r.objectiveId);
    for (const t of r.targets) {
      const left = (waiting.get(t) as number) - 1;
      waiting.set(t, left);
      if (left === 0) ready.push(rollups.get(t) as RollupRecord);
    }
  }
  if (order.length !== rollups.size) throw new Error('fullRecompute: the hierarchy has a cycle; validate it first');
  return order;
}

/** Each objective's rollup before anything is counted: definition, latest values and check-in, contributors and targets. */
function rollupsOf(input: RollupInput): Map<string, RollupRecord> {
  const rollups = new Map<string, RollupRecord>();
  // every rollup is settled (settleAll): until then they share one placeholder
  const unsettled = unsettledRecord('');
  for (const o of input.objectives) {
    rollups.set(o.id, {
      objectiveId: o.id,
      objective: o,
      keyResults: [],
      own: emptyTally(),
      keyResultTallies: dictionary(),
      measurements: dictionary(),
      lastCheckIn: null,
      contributors: [],
      targets: [],
      record: unsettled,
    });
  }
  for (const kr of input.keyResults) rollups.get(kr.objectiveId)?.keyResults.push(kr);
  for (const r of rollups.values()) sortShortBy(r.keyResults, idOf);

  // the latest check-in of each objective; the latest value of each key result
  const objectiveOf = new Map<string, string>();
  for (const kr of input.keyResults) objectiveOf.set(kr.id, kr.objectiveId);
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
      // objectives taken in id order: each target's contributors are pushed in the order kept
      target.contributors.push({ objectiveId: o.id, weight, progress: null, counts: countsUpward(o) });
    }
  }
  return rollups;
}
