/**
 * Rosters for workgroups from before rosters (src/forge/store/workgroup-roster.ts): the project
 * page lists a workgroup's objectives by key from its roster when it is complete, and falls back
 * to the lagging `by-workgroup` query otherwise. A workgroup created since has a complete roster
 * from the start; the hourly job completes the others, a few a run, and then remembers that all
 * are done, so later runs cost one read.
 */
import type { ObjectiveStore, WorkgroupStore } from '../../ports';

export interface CompleteRostersPorts {
  workgroups: Pick<WorkgroupStore, 'list'>;
  objectiveStore: Pick<ObjectiveStore, 'rosters' | 'completeRoster'>;
  /** Whether every roster was found complete before (null: never looked). */
  done: { get(): Promise<boolean | null>; set(): Promise<void> };
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
}

/** At most this many rosters a run: each costs a query, a read and a write. */
export const ROSTERS_PER_RUN = 20;
const RESERVE_MS = 30_000;

/** Completes the rosters that are not; returns the workgroups done in this run, and whether none is left. */
export async function completeRosters(
  ports: CompleteRostersPorts,
): Promise<{ completed: string[]; finished: boolean }> {
  if ((await ports.done.get()) === true) return { completed: [], finished: true };
  const ids = (await ports.workgroups.list()).map((w) => w.id);
  const complete = await ports.objectiveStore.rosters(ids);
  const left = ids.filter((id) => !complete.has(id));
  const completed: string[] = [];
  for (const id of left.slice(0, ROSTERS_PER_RUN)) {
    if (ports.timeLeft() < RESERVE_MS) break;
    await ports.objectiveStore.completeRoster(id);
    completed.push(id);
  }
  const finished = completed.length === left.length;
  if (finished) await ports.done.set();
  return { completed, finished };
}
