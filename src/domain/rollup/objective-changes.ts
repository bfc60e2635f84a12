import type { CheckIn, KeyResult, Objective, ObjectiveRollup } from '../../contract';
import { emptyTally } from '../tally';
import { dropContributor, putContributor } from './contributors';
import { countsUpward, progressHandedUp, recordFor } from './objective-record';
import type { LastCheckIn, RollupRecord, RollupSettings } from './records';

/**
 * What changes in a rollup when something other than an issue changes: the objective's
 * definition, where it contributes, a check-in, a query's value. The caller reads the rollups
 * named, calls these, then walks up (upward.ts) and saves.
 */

/** A rollup with nothing measured yet and nothing contributing, for an objective rolled up for the first time. */
export function newRollup(
  objective: Objective,
  keyResults: readonly KeyResult[],
  settings: RollupSettings,
  now: number,
): RollupRecord {
  const base = {
    objectiveId: objective.id,
    objective,
    keyResults: [...keyResults],
    own: emptyTally(),
    keyResultTallies: {},
    measurements: {},
    lastCheckIn: null,
    contributors: [],
    targets: [],
  };
  return { ...base, record: recordFor(base, settings, now) };
}

/** The objective and its key results as now defined; tallies and values of key results that are gone are dropped. */
export function redefine(
  r: RollupRecord,
  objective: Objective,
  keyResults: readonly KeyResult[],
  settings: RollupSettings,
  now: number,
): void {
  const kept = new Set(keyResults.map((k) => k.id));
  r.objective = objective;
  r.keyResults = [...keyResults];
  for (const id of Object.keys(r.keyResultTallies)) if (!kept.has(id)) delete r.keyResultTallies[id];
  for (const id of Object.keys(r.measurements)) if (!kept.has(id)) delete r.measurements[id];
  r.record = recordFor(r, settings, now);
}

/** The objectives an objective contributes to, with its weight in each: the primary parent, then alignments elsewhere. */
export function weightsOf(o: Pick<Objective, 'id' | 'parentId' | 'weight' | 'alignments'>): Map<string, number | null> {
  const weights = new Map<string, number | null>();
  if (o.parentId !== null && o.parentId !== o.id) weights.set(o.parentId, o.weight);
  for (const a of o.alignments)
    if (a.objectiveId !== o.parentId && a.objectiveId !== o.id) weights.set(a.objectiveId, a.weight);
  return weights;
}

/**
 * Where the objective contributes now: the rollups it feeds (`targets`, read by the caller: the
 * old ones and the new) learn its weight, progress and whether it counts; those it left forget it.
 */
export function retarget(r: RollupRecord, targets: ReadonlyMap<string, RollupRecord>): void {
  const weights = weightsOf(r.objective);
  r.targets = [...weights.keys()].filter((t) => targets.has(t));
  for (const [id, t] of targets) {
    if (weights.has(id))
      putContributor(t, {
        objectiveId: r.objectiveId,
        weight: weights.get(id) ?? null,
        progress: progressHandedUp(r.record),
        counts: countsUpward(r.objective),
      });
    else dropContributor(t, r.objectiveId);
  }
}

/** Whether a check-in comes after another: the later one wins, at the same instant the larger id (so arrival order never matters). */
export function isLater(
  ci: Pick<CheckIn, 'at' | 'id'>,
  than: Pick<LastCheckIn, 'at' | 'id'> | null | undefined,
): boolean {
  return than === null || than === undefined || ci.at > than.at || (ci.at === than.at && ci.id > than.id);
}

/** A check-in: the objective's latest check-in (confidence, staleness) and, for a metric, its value. */
export function noteCheckIn(r: RollupRecord, checkIn: CheckIn): void {
  if (isLater(checkIn, r.lastCheckIn))
    r.lastCheckIn = { id: checkIn.id, at: checkIn.at, confidence: checkIn.confidence };
  if (checkIn.keyResultId !== null && checkIn.value !== null) r.measurements[checkIn.keyResultId] = checkIn.value;
}

/** The record an objective shows before it is computed: nothing measured. */
export function unsettledRecord(objectiveId: string): ObjectiveRollup {
  return {
    objectiveId,
    progress: null,
    expected: null,
    status: 'no-measure',
    pace: null,
    stale: false,
    confidence: null,
    lastCheckInAt: null,
    measuredInputs: 0,
    work: { issues: 0, done: 0, inProgress: 0, toDo: 0, points: 0, pointsDone: 0 },
    delivery: { onTimeRate: null, medianCycleDays: null, throughputPerWeek: null, bugShare: null },
    keyResults: [],
  };
}
