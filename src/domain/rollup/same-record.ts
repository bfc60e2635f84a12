import type { DeliveryFigures, KeyResultRollup, ObjectiveRollup, WorkSummary } from '../../contract';

/**
 * Whether two objective records hold the same figures: `sameData` for the one shape an event's
 * walk up compares for every record it recomputes (upward.ts `changedRecords`), field by field,
 * with no list of keys made per object. Records are parsed by the contract's schema (no other
 * keys); test/domain/rollup/same-record.test.ts holds it to `sameData` field by field, so a field
 * added to the contract and not compared here fails there.
 */
export function sameRecord(a: ObjectiveRollup, b: ObjectiveRollup): boolean {
  if (a === b) return true;
  if (
    a.objectiveId !== b.objectiveId ||
    a.progress !== b.progress ||
    a.expected !== b.expected ||
    a.status !== b.status ||
    a.pace !== b.pace ||
    a.stale !== b.stale ||
    a.confidence !== b.confidence ||
    a.lastCheckInAt !== b.lastCheckInAt ||
    a.measuredInputs !== b.measuredInputs ||
    !sameWork(a.work, b.work) ||
    !sameDelivery(a.delivery, b.delivery)
  )
    return false;
  const ka = a.keyResults;
  const kb = b.keyResults;
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++)
    if (!sameKeyResult(ka[i] as KeyResultRollup, kb[i] as KeyResultRollup)) return false;
  return true;
}

function sameKeyResult(a: KeyResultRollup, b: KeyResultRollup): boolean {
  return (
    a.keyResultId === b.keyResultId &&
    a.progress === b.progress &&
    a.overshoot === b.overshoot &&
    a.value === b.value &&
    a.target === b.target &&
    (a.work === null || b.work === null ? a.work === b.work : sameWork(a.work, b.work))
  );
}

function sameWork(a: WorkSummary, b: WorkSummary): boolean {
  return (
    a.issues === b.issues &&
    a.done === b.done &&
    a.inProgress === b.inProgress &&
    a.toDo === b.toDo &&
    a.points === b.points &&
    a.pointsDone === b.pointsDone
  );
}

function sameDelivery(a: DeliveryFigures, b: DeliveryFigures): boolean {
  return (
    a.onTimeRate === b.onTimeRate &&
    a.medianCycleDays === b.medianCycleDays &&
    a.throughputPerWeek === b.throughputPerWeek &&
    a.bugShare === b.bugShare
  );
}
