import { type CheckIn, KeyResult, Objective, objectiveKeyOf, objectiveNumber } from '../../contract';
import { noteCheckIn } from '../../domain/rollup/objective-changes';
import { sameData } from '../../domain/same-data';
import type { StoredObjective } from '../objectives/stored-objective';
import { checkInsRecorded, objectiveSaved } from './maintain-rollups';
import type { StoredRollup } from './stored-records';
import type { RollupSettings, RollupStore } from '../../ports';

/**
 * What a rollup record follows, read for the nightly reconciliation (reconcile-objectives.ts): the
 * objective as stored, and its newest check-ins.
 */
export interface FollowedPorts {
  /** Stored objectives by key; keys with no objective are left out. */
  objectives(keys: readonly string[]): Promise<Map<string, StoredObjective>>;
  /** An objective's newest check-ins, newest first, at most `limit`. */
  newestCheckIns(objectiveId: string, limit: number): Promise<CheckIn[]>;
  /** Expires the objective's prompts whose subject is gone (expire-prompts.ts `expireMoot`); how many. */
  expireMoot?(objective: StoredObjective): Promise<number>;
}

/** The check-ins read per objective: a check-in refused half-way is found while fewer than this came after it. */
export const CHECK_IN_WINDOW = 25;

interface RepairPorts extends FollowedPorts {
  rollups: RollupStore;
  settings: RollupSettings;
  now: number;
}

/**
 * A change that storage refused after its first transaction leaves the objective or the check-in
 * stored and the rollup record behind it: an objective created with no rollup record (nothing above
 * counts it), an edit whose parent, alignments, weight or key results the record does not know, a
 * check-in whose confidence and value the record does not show. The save paths answer such a call
 * without the rollup (the objective is stored), so no second call need come; this repairs them:
 *
 * - each rollup of `batch` whose objective or key results differ from the stored objective's, and
 *   each objective numbered in `gap` that has no rollup record, is saved again as an edit would
 *   (objectiveSaved: its record and the objectives it feeds move);
 * - each objective's newest check-ins are noted again, oldest first (a note of one already noted
 *   changes nothing; the newest value of each key result is its measurement), and the record is
 *   saved when that moved its latest check-in or a measurement;
 * - with `expireMoot`, each objective's prompts about what is gone (it was cancelled, a key result
 *   deleted) expire, as the change would have expired them.
 *
 * Returns how many objectives were repaired. A record that agrees is not written.
 */
export async function repairFollowed(
  ports: RepairPorts,
  batch: readonly StoredRollup[],
  gap: readonly number[],
): Promise<number> {
  const stored = await ports.objectives([...batch.map((r) => r.objective.key), ...gap.map(objectiveKeyOf)]);
  const redefined: StoredObjective[] = [];
  for (const r of batch) {
    const s = stored.get(r.objective.key);
    if (s !== undefined && s.id === r.objectiveId && !follows(r, s)) redefined.push(s);
  }
  for (const n of gap) {
    const s = stored.get(objectiveKeyOf(n));
    if (s !== undefined) redefined.push(s);
  }
  const repaired = new Set<string>();
  for (const s of redefined) {
    await objectiveSaved(ports, objectiveOfStored(s), s.keyResults);
    repaired.add(s.id);
  }

  const ids = [
    ...batch.map((r) => r.objectiveId),
    ...gap.flatMap((n) => {
      const s = stored.get(objectiveKeyOf(n));
      return s === undefined ? [] : [s.id];
    }),
  ];
  for (const id of ids) {
    const oldestFirst = (await ports.newestCheckIns(id, CHECK_IN_WINDOW)).reverse();
    if (oldestFirst.length === 0) continue;
    const r = (await ports.rollups.getRollups([id])).get(id);
    if (r === undefined) continue;
    const before = { lastCheckIn: r.lastCheckIn, measurements: { ...r.measurements } };
    for (const c of oldestFirst) noteCheckIn(r, c);
    if (sameData(before, { lastCheckIn: r.lastCheckIn, measurements: r.measurements })) continue;
    await checkInsRecorded(ports, oldestFirst);
    repaired.add(id);
  }
  // prompts left open about a cancelled objective or a deleted key result (not counted as repairs of rollups)
  if (ports.expireMoot !== undefined)
    for (const s of stored.values()) if (batchOrGap(s, batch, gap)) await ports.expireMoot(s);
  return repaired.size;
}

const batchOrGap = (s: StoredObjective, batch: readonly StoredRollup[], gap: readonly number[]) =>
  batch.some((r) => r.objectiveId === s.id) || gap.includes(objectiveNumber(s.key));

/** The numbers after `after` and before `until` (null: none given): objectives that may lack a rollup record. */
export function numbersBetween(after: number, until: number): number[] {
  const numbers: number[] = [];
  for (let n = after + 1; n < until; n += 1) numbers.push(n);
  return numbers;
}

/** The objective's number (for the walk). */
export const numberOf = (r: StoredRollup): number => objectiveNumber(r.objective.key);

const objectiveOfStored = (s: StoredObjective): Objective => Objective.parse(s);

/** What a record follows of a definition: all but its storage version and when it was last written. */
function definition(d: { version?: number; updatedAt?: number }): object {
  const { version: _v, updatedAt: _u, ...rest } = d;
  return rest;
}

/** Whether the record holds the objective and key results as stored (compared as the rollup stores them). */
function follows(r: StoredRollup, s: StoredObjective): boolean {
  return (
    sameData(definition(Objective.parse(r.objective)), definition(objectiveOfStored(s))) &&
    sameData(
      r.keyResults.map((k) => definition(KeyResult.parse(k))),
      s.keyResults.map((k) => definition(KeyResult.parse(k))),
    )
  );
}
