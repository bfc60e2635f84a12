import type {
  Confidence,
  IssueState,
  KeyResult,
  Objective,
  ObjectiveRollup,
  Period,
  RollupPolicy,
} from '../../contract';
import type { WorkTally } from '../tally';

/**
 * The records the rollup keeps, as plain types. The app stores them (src/app/rollup/stored-records.ts
 * holds the zod schemas that parse them back, checked against these types at compile time); the
 * functions of this folder read and change them, and never do I/O.
 */

/** One target of the contributions made on an issue, with how many times it was linked there. */
export interface LinkCount {
  objectiveId: string;
  keyResultId: string | null;
  count: number;
}

/**
 * A Jira issue as the rollup keeps it: its fields, where it hangs in the tree (parent, ancestors
 * nearest first, child count, how many issues below carry points), the links made on it, and —
 * when it is linked — the tally of its whole subtree.
 *
 * `ancestors` and `links` are replaced, never changed in place: records made together (the full
 * recompute) share one array where they hold the same.
 */
export interface IssueRecord {
  key: string;
  state: IssueState;
  /** The parent in the tree: `state.parentKey` when that issue is known and no cycle results. */
  parent: string | null;
  ancestors: string[];
  childCount: number;
  pointsBelow: number;
  links: LinkCount[];
  tally: WorkTally | null;
}

export interface LastCheckIn {
  id: string;
  at: number;
  confidence: Confidence;
}

/** An objective contributing to another: its weight there, latest progress, and whether it counts (drafts and cancelled do not). */
export interface ContributorRecord {
  objectiveId: string;
  /** Set weight, or null for the policy's default child weight. */
  weight: number | null;
  progress: number | null;
  counts: boolean;
}

/**
 * An objective's materialised rollup: what is shown (`record`) and everything needed to
 * recompute it without reading anything else — the objective and its key results as last
 * written, the tallies of its sets of work, latest key-result values and check-in, and the
 * latest progress of every objective contributing to it.
 */
export interface RollupRecord {
  objectiveId: string;
  objective: Objective;
  keyResults: KeyResult[];
  /** The tally of all work serving the objective: linked to it or to any of its key results. */
  own: WorkTally;
  /** The tally of the work linked to each key result; an empty one is left out. */
  keyResultTallies: Record<string, WorkTally>;
  /** Latest value of metric (check-in) and query (refresh) key results. */
  measurements: Record<string, number>;
  lastCheckIn: LastCheckIn | null;
  /**
   * The objectives contributing to this one, each once, in id order (the order of the weighted
   * mean's inputs): a list rather than a dictionary by id, because an event's walk up reads every
   * contributor of each record it computes, and looks one up among a handful (contributors.ts).
   */
  contributors: ContributorRecord[];
  /** The objectives this one contributes to (primary parent first, then alignments). */
  targets: string[];
  record: ObjectiveRollup;
}

/** What a record is computed with besides the records themselves. */
export interface RollupSettings {
  policy: RollupPolicy;
  periods: readonly Period[];
}

/** A set of work: all work serving an objective (`keyResultId` null), or one key result's. */
export interface SetRef {
  objectiveId: string;
  keyResultId: string | null;
}

/** A contribution as the sets need it: which issue, linked to which key result (or the objective). */
export interface LinkedIssue {
  issueKey: string;
  keyResultId: string | null;
}

/**
 * An empty id → value record (`keyResultTallies`, `measurements`). Without a
 * prototype, so the engine keeps it as a dictionary: each rollup holds different ids, and
 * 5,000 rollups made from scratch would otherwise each make the engine describe a new shape.
 */
export function dictionary<T>(): Record<string, T> {
  const empty: Record<string, T> = Object.create(null);
  return empty;
}
