import type { ObjectiveRollup } from '../../src/contract';
import { unstored, type StoredIssue, type StoredRollup } from '../../src/app/rollup/stored-records';
import { fullRecompute, type RollupInput } from '../../src/domain/rollup/full-recompute';

/** Every issue and objective record of an organisation, from the full recompute, as a store holds them before their first write. */
export function storedRecords(input: RollupInput): { issues: StoredIssue[]; rollups: StoredRollup[] } {
  const { issues, rollups } = fullRecompute(input);
  return { issues: Array.from(issues, unstored), rollups: rollups.map(unstored) };
}

/** The record each objective shows after a full recompute, by objective id. */
export function recordsOf(input: RollupInput): Map<string, ObjectiveRollup> {
  return new Map(fullRecompute(input).rollups.map((r) => [r.objectiveId, r.record]));
}
