import { z } from 'zod';
import { Confidence, IssueState, KeyResult, Objective, ObjectiveRollup, RecordId } from '../../contract';
import { emptyTally, type WorkTally } from '../../domain/tally';

/** A tally as stored: the two maps as sorted [key, count] pairs. */
export const StoredTally = z.object({
  issues: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  centiPoints: z.number().int(),
  centiPointsDone: z.number().int(),
  resolved: z.number().int(),
  withDue: z.number().int(),
  onTime: z.number().int(),
  bugs: z.number().int(),
  cycleTenths: z.array(z.tuple([z.number().int(), z.number().int()])),
  resolvedDays: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type StoredTally = z.infer<typeof StoredTally>;

const sortedPairs = (m: Map<number, number>): [number, number][] => [...m].sort((a, b) => a[0] - b[0]);

export function storeTally(t: WorkTally): StoredTally {
  return { ...t, cycleTenths: sortedPairs(t.cycleTenths), resolvedDays: sortedPairs(t.resolvedDays) };
}

export function loadTally(t: StoredTally | null | undefined): WorkTally {
  if (!t) return emptyTally();
  return { ...t, cycleTenths: new Map(t.cycleTenths), resolvedDays: new Map(t.resolvedDays) };
}

/** One contribution of this issue itself (the link), counted: the same link may be written twice. */
export const StoredLink = z.object({ objectiveId: RecordId, keyResultId: RecordId.nullable(), count: z.number().int().positive() });
export type StoredLink = z.infer<typeof StoredLink>;

/**
 * The state of a Jira issue as the rollup keeps it: the fields, where it hangs in the tree
 * (parent, ancestors nearest first, child count, how many issues below carry points), the links
 * made on it, and — when it is linked — the tally of its whole subtree.
 */
export const StoredIssue = z.object({
  key: z.string(),
  state: IssueState,
  parent: z.string().nullable(),
  ancestors: z.array(z.string()),
  childCount: z.number().int().nonnegative(),
  pointsBelow: z.number().int().nonnegative(),
  links: z.array(StoredLink),
  tally: StoredTally.nullable(),
  /** Storage version read with the record (0: not stored yet); a stale write is refused. */
  version: z.number().int().nonnegative().default(0),
});
export type StoredIssue = z.infer<typeof StoredIssue>;

export const StoredContributor = z.object({
  weight: z.number().nullable(),
  progress: z.number().nullable(),
  counts: z.boolean(),
});
export type StoredContributor = z.infer<typeof StoredContributor>;

/**
 * An objective's materialised rollup: what is shown (`record`) and everything needed to
 * recompute it without reading anything else — the objective and its key results as last
 * written, the tallies of its sets of work, latest key-result values and check-in, and the
 * latest progress of every objective contributing to it.
 */
export const StoredRollup = z.object({
  objectiveId: RecordId,
  objective: Objective,
  keyResults: z.array(KeyResult),
  own: StoredTally,
  keyResultTallies: z.record(z.string(), StoredTally),
  measurements: z.record(z.string(), z.number()),
  lastCheckIn: z.object({ id: z.string(), at: z.number(), confidence: Confidence }).nullable(),
  contributors: z.record(z.string(), StoredContributor),
  /** The objectives this one contributes to (primary parent first, then alignments). */
  targets: z.array(RecordId),
  record: ObjectiveRollup,
  /** Storage version read with the record (0: not stored yet); a stale write is refused. */
  version: z.number().int().nonnegative().default(0),
});
export type StoredRollup = z.infer<typeof StoredRollup>;
