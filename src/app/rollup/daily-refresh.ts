import type { ObjectiveRollup, Snapshot } from '../../contract';
import { objectiveNumber } from '../../contract/key-order';
import { sameData } from '../../domain/same-data';
import { recomputeUpward, recordFor } from './recompute-rollups';
import type { StoredRollup } from './stored-records';
import { type Logger, RollupConflict, type RollupSettings, type RollupStore } from '../../ports';

/** Where today's refresh is, so a run cut short by time continues where it stopped. */
export interface RefreshProgress {
  day: string;
  /** The objective number last done (rollups are walked in number order). */
  after: number;
  finished: boolean;
}

export interface DailyRefreshPorts {
  rollups: RollupStore;
  /**
   * Runs a query key result's JQL (count, or sum/average of a field), searched as the app but over
   * only the issues `seenBy` may browse (the key result's owner); null when nothing matched a sum
   * or average.
   */
  aggregate(
    jql: string,
    aggregate: 'count' | 'sum' | 'avg',
    field: string | null,
    seenBy: string,
  ): Promise<number | null>;
  /** Rollups with an objective number above `after`, in number order, at most `limit`. */
  rollupsAfter(after: number, limit: number): Promise<StoredRollup[]>;
  saveSnapshots(snapshots: Snapshot[]): Promise<void>;
  progress: { get(): Promise<RefreshProgress | null>; put(p: RefreshProgress): Promise<void> };
  settings: RollupSettings;
  now: number;
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
  log: Logger;
}

const BATCH = 100;
/** Stop a batch early with this much time left, so the invocation can save where it is. */
const RESERVE_MS = 30_000;

export function snapshotOf(record: ObjectiveRollup, day: string): Snapshot {
  return {
    objectiveId: record.objectiveId,
    day,
    progress: record.progress,
    expected: record.expected,
    status: record.status,
    work: record.work,
    keyResults: record.keyResults.map((k) => ({ keyResultId: k.keyResultId, progress: k.progress, value: k.value })),
  };
}

/**
 * Once a day: query key results are measured again by their JQL, every objective's record is
 * recomputed for the new date — pace, staleness and throughput windows move with the calendar
 * even when no issue changes — and the day's snapshot
 * of every objective is written for trends. Resumable: it walks objectives in number order and
 * keeps its place, so an hourly trigger finishes a large organisation over several runs and a
 * finished day costs one read.
 */
export async function dailyRefresh(
  ports: DailyRefreshPorts,
): Promise<{ refreshed: number; changed: number; finished: boolean }> {
  const day = new Date(ports.now).toISOString().slice(0, 10);
  const saved = await ports.progress.get();
  let progress: RefreshProgress = saved && saved.day === day ? saved : { day, after: 0, finished: false };
  if (progress.finished) return { refreshed: 0, changed: 0, finished: true };
  let refreshed = 0;
  let changed = 0;
  while (ports.timeLeft() > RESERVE_MS) {
    const batch = await ports.rollupsAfter(progress.after, BATCH);
    if (batch.length === 0) {
      progress = { ...progress, finished: true };
      break;
    }
    const moved = new Map<string, StoredRollup>();
    const records = new Map<string, ObjectiveRollup>();
    for (const r of batch) {
      // query key results are measured afresh each day, over what their owner may browse: the app
      // sees every project, and a count must not reveal what Jira hides from the one who wrote it
      for (const kr of r.keyResults) {
        if (kr.kind !== 'query' || ports.timeLeft() <= RESERVE_MS) continue;
        try {
          const value = await ports.aggregate(kr.jql, kr.aggregate, kr.field, kr.owner);
          if (value !== null) r.measurements[kr.id] = value;
        } catch (e) {
          ports.log.warn(
            'a query key result could not be measured; its last value stays',
            { objective: r.objective.key, keyResult: kr.key },
            e,
          );
        }
      }
      const record = recordFor(r, ports.settings, ports.now);
      records.set(r.objectiveId, record);
      if (!sameData(record, r.record)) moved.set(r.objectiveId, r);
    }
    // recomputing a moved record again inside recomputeUpward is harmless; it also carries
    // any progress change (throughput windows) to the objectives above
    const { saved: toSave } = await recomputeUpward(ports.rollups, moved, ports.settings, ports.now);
    if (toSave.length > 0) {
      try {
        await ports.rollups.save({ issues: [], deletedIssues: [], rollups: toSave });
      } catch (e) {
        // an issue event wrote one of these meanwhile, with a newer time: keep what it wrote
        if (!(e instanceof RollupConflict)) throw e;
      }
    }
    changed += moved.size;
    refreshed += batch.length;
    for (const r of toSave) records.set(r.objectiveId, r.record);
    await ports.saveSnapshots(batch.map((r) => snapshotOf(records.get(r.objectiveId) ?? r.record, day)));
    progress = { ...progress, after: objectiveNumber((batch[batch.length - 1] as StoredRollup).objective.key) };
    await ports.progress.put(progress);
  }
  await ports.progress.put(progress);
  return { refreshed, changed, finished: progress.finished };
}
