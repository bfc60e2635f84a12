import { objectiveKeyOf, objectiveNumber } from '../../contract';
import { recountSets } from '../../domain/rollup/full-recompute';
import type { LinkedIssue } from '../../domain/rollup/records';
import { sameData } from '../../domain/same-data';
import { recomputeUpward } from './recompute-rollups';
import { type FollowedPorts, numbersBetween, numberOf, repairFollowed } from './repair-followed';
import type { StoredIssue, StoredRollup } from './stored-records';
import { RollupConflict, type RollupSettings, type RollupStore } from '../../ports';

export interface ObjectiveReconcilePorts {
  rollups: RollupStore;
  /** Rollups with an objective number above `after`, in number order, at most `limit`. */
  rollupsAfter(after: number, limit: number): Promise<StoredRollup[]>;
  settings: RollupSettings;
  now: number;
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
  /**
   * The objectives and check-ins the rollups follow (repair-followed.ts); when given, each batch is
   * also checked against them, and objectives with no rollup record are looked for between and after.
   */
  followed?: FollowedPorts;
}

export interface ObjectiveReconcileResult {
  /** The objective number to continue after; null when every objective was checked. */
  next: number | null;
  checked: number;
  /** Objectives whose tallies had drifted from their linked issues' and were counted again. */
  repaired: number;
}

/** Objectives counted per step: one query each for their links, one batch read of the linked issues. */
export const OBJECTIVE_BATCH = 20;
const RESERVE_MS = 60_000;

/**
 * The second half of the nightly reconciliation, after the issues (reconcile.ts): every
 * objective's sets are counted again from the stored tallies of their linked issues, with the
 * full recompute's set pass (src/domain/rollup/full-recompute.ts `recountSets`). A rollup whose
 * tallies drifted — a save that a conflict cut short after its first transaction, an event that
 * gave up after its tries — is repaired, and the objectives above it follow. Reads no Jira and no
 * subtree: a few KVS round trips per 20 objectives. Idempotent (a rollup that agrees is left
 * alone) and resumable (it returns where to continue when the invocation's time runs low).
 */
export async function reconcileObjectives(
  ports: ObjectiveReconcilePorts,
  after: number,
): Promise<ObjectiveReconcileResult> {
  const store = ports.rollups;
  const result: ObjectiveReconcileResult = { next: null, checked: 0, repaired: 0 };
  let at = after;
  while (ports.timeLeft() > RESERVE_MS) {
    const batch = await ports.rollupsAfter(at, OBJECTIVE_BATCH);
    if (batch.length === 0) return { ...result, next: null };
    const links = new Map<string, LinkedIssue[]>();
    for (const r of batch) links.set(r.objectiveId, await store.linkedIssues(r.objectiveId));
    const issues = await store.getIssues([...new Set([...links.values()].flat().map((l) => l.issueKey))]);
    const drifted = await recount(ports, batch, links, issues);
    const followed = await repairBatch(ports, batch, at);
    result.checked += batch.length;
    result.repaired += drifted + followed;
    at = objectiveNumber((batch[batch.length - 1] as StoredRollup).objective.key);
    if (batch.length < OBJECTIVE_BATCH)
      return { ...result, next: null, repaired: result.repaired + (await repairTail(ports, at)) };
  }
  return { ...result, next: at };
}

/** Definitions and check-ins of a batch, and the objectives numbered between `after` and the batch's last that have no rollup record. */
async function repairBatch(ports: ObjectiveReconcilePorts, batch: StoredRollup[], after: number): Promise<number> {
  if (ports.followed === undefined) return 0;
  const gap: number[] = [];
  let previous = after;
  for (const r of batch) {
    gap.push(...numbersBetween(previous, numberOf(r)));
    previous = numberOf(r);
  }
  return repairFollowed(
    { ...ports.followed, rollups: ports.rollups, settings: ports.settings, now: ports.now },
    batch,
    gap,
  );
}

/**
 * Objectives numbered after the last rollup record, with none of their own (the newest objective
 * whose creation storage refused after its first transaction): looked for 20 numbers at a time
 * until a window holds no objective.
 */
async function repairTail(ports: ObjectiveReconcilePorts, last: number): Promise<number> {
  if (ports.followed === undefined) return 0;
  let repaired = 0;
  for (let from = last; ports.timeLeft() > RESERVE_MS; from += OBJECTIVE_BATCH) {
    const window = numbersBetween(from, from + OBJECTIVE_BATCH + 1);
    const found = await ports.followed.objectives(window.map(objectiveKeyOf));
    if (found.size === 0) break;
    repaired += await repairFollowed(
      { ...ports.followed, rollups: ports.rollups, settings: ports.settings, now: ports.now },
      [],
      window,
    );
  }
  return repaired;
}

/** Counts the batch's sets again; saves the rollups that drifted, and what moves above them. Returns how many drifted. */
async function recount(
  ports: ObjectiveReconcilePorts,
  batch: StoredRollup[],
  links: Map<string, LinkedIssue[]>,
  issues: Map<string, StoredIssue>,
): Promise<number> {
  // the set pass puts new tallies in place of the old: a shallow copy keeps what was stored
  const before = new Map(
    batch.map((r) => [r.objectiveId, { own: r.own, keyResultTallies: { ...r.keyResultTallies } }]),
  );
  recountSets(batch, links, issues);
  const drifted = new Map(
    batch
      .filter((r) => !sameData(before.get(r.objectiveId), { own: r.own, keyResultTallies: r.keyResultTallies }))
      .map((r) => [r.objectiveId, r]),
  );
  if (drifted.size === 0) return 0;
  const { saved } = await recomputeUpward(ports.rollups, drifted, ports.settings, ports.now);
  try {
    await ports.rollups.save({ issues: [], deletedIssues: [], rollups: saved });
  } catch (e) {
    // an event wrote one of these meanwhile: it counted from fresh records; the next night checks again
    if (!(e instanceof RollupConflict)) throw e;
    return 0;
  }
  return drifted.size;
}
