import type { ObjectiveRollup } from '../../contract';
import * as contributorLists from './contributors';
import * as objectiveRecords from './objective-record';
import type { RecordContext } from './objective-record';
import type { RollupRecord, RollupSettings } from './records';
import * as sameRecords from './same-record';
import { sortShortBy } from '../sort-short';

/** The record functions the walk calls for every objective it reaches, bound once (see the top of in-place-change.ts). */
const { progressHandedUp, recordContext, recordIn } = objectiveRecords;
const { sameRecord } = sameRecords;
const { contributorIn } = contributorLists;

/**
 * Upward propagation: an objective's record is computed from what its rollup holds, and its
 * progress is handed to the objectives it feeds (its primary parent and alignments), which are
 * computed again in turn. The event path walks up level by level from the rollups it changed,
 * as far as a progress moves, the caller reading each next level in one batch; the full
 * recompute computes every record once, contributors before the objectives they feed. Both
 * compute a record with `recordIn` and hand progress up with `noteProgress`.
 */

/** The objective `target` learns the latest progress of its contributor `from`. */
export function noteProgress(target: RollupRecord, from: string, progress: number | null): void {
  const c = contributorIn(target, from);
  if (c !== undefined) c.progress = progress;
}

/** Every record from scratch, in an order where contributors come first (hierarchy.ts bottomUpOrder). */
export function settleAll(
  rollups: ReadonlyMap<string, RollupRecord>,
  order: readonly string[],
  settings: RollupSettings,
  now: number,
): void {
  const context = recordContext(settings, now);
  for (const id of order) {
    const r = rollups.get(id);
    if (r === undefined) continue;
    r.record = recordIn(r, context);
    for (const t of r.targets) {
      const target = rollups.get(t);
      if (target !== undefined) noteProgress(target, id, progressHandedUp(r.record));
    }
  }
}

/** A walk up from changed rollups; the caller reads each next level (see `settle` and `climb`). */
export interface UpwardWalk<R extends RollupRecord> {
  readonly context: RecordContext;
  /** Every rollup recomputed so far: what is to be saved. */
  readonly saved: Map<string, R>;
  /** The record each of them held before the walk first reached it. */
  readonly before: Map<string, ObjectiveRollup>;
  /** Progress handed up by the level just settled, by the objective it goes to (one map for the walk: `settle` fills it, `climb` empties it). */
  readonly pending: Map<string, { from: string; progress: number | null }[]>;
}

export function startUpward<R extends RollupRecord>(settings: RollupSettings, now: number): UpwardWalk<R> {
  return { context: recordContext(settings, now), saved: new Map(), before: new Map(), pending: new Map() };
}

/**
 * Recomputes the records of a level of rollups (already changed in memory: tallies, a
 * contributor's progress, a check-in) and returns the ids of the objectives above whose inputs
 * moved and that are not in hand: read those, then `climb`. An objective reached again later is
 * recomputed again with what changed since, so the walk ends where a full recompute would.
 */
export function settle<R extends RollupRecord>(walk: UpwardWalk<R>, level: readonly R[]): string[] {
  // the walk's one map of pending progress, emptied by `climb` after each level (clear() makes its
  // table again: only when a level was settled and not climbed)
  const pending = walk.pending;
  if (pending.size > 0) pending.clear();
  const wanted: string[] = [];
  for (let i = 0; i < level.length; i++) {
    const r = level[i] as R;
    const before = r.record;
    if (!walk.before.has(r.objectiveId)) walk.before.set(r.objectiveId, before);
    r.record = recordIn(r, walk.context);
    walk.saved.set(r.objectiveId, r);
    const progress = progressHandedUp(r.record);
    if (progressHandedUp(before) === progress) continue;
    const targets = r.targets;
    for (let j = 0; j < targets.length; j++) {
      const t = targets[j] as string;
      const list = pending.get(t);
      if (list !== undefined) list.push({ from: r.objectiveId, progress });
      else {
        pending.set(t, [{ from: r.objectiveId, progress }]);
        if (!walk.saved.has(t)) wanted.push(t);
      }
    }
  }
  // a target noted before a rollup of this same level was recomputed is in hand now
  return wanted.length === 0 ? wanted : wanted.filter((id) => !walk.saved.has(id));
}

/** The next level: the objectives above (just read, or in hand), each told its contributors' new progress. Empty when the walk is over. */
export function climb<R extends RollupRecord>(walk: UpwardWalk<R>, loaded: ReadonlyMap<string, R>): R[] {
  const level: R[] = [];
  const pending = walk.pending;
  for (const id of pending.keys()) {
    const updates = pending.get(id) as { from: string; progress: number | null }[];
    const target = walk.saved.get(id) ?? loaded.get(id);
    if (target === undefined) continue;
    for (let i = 0; i < updates.length; i++) {
      const u = updates[i] as { from: string; progress: number | null };
      noteProgress(target, u.from, u.progress);
    }
    level.push(target);
  }
  walk.pending.clear();
  return level;
}

const objectiveIdOf = (r: ObjectiveRollup): string => r.objectiveId;

/** The records the walk changed (a rollup saved for its tallies alone is not among them), in objective id order. */
export function changedRecords(walk: UpwardWalk<RollupRecord>): ObjectiveRollup[] {
  const out: ObjectiveRollup[] = [];
  for (const r of walk.saved.values()) {
    const before = walk.before.get(r.objectiveId);
    if (before === undefined || !sameRecord(before, r.record)) out.push(r.record);
  }
  // a walk changes a few records
  sortShortBy(out, objectiveIdOf);
  return out;
}
