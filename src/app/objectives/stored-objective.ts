import { z } from 'zod';
import type { Objective } from '../../contract';
import { ObjectiveView } from '../../contract/api';

/**
 * An objective as the `objective` entity keeps it: the objective, its key results (they change
 * together and an objective has a handful), and the number the next key result takes (`KR-n`;
 * numbers are never reused, so a deleted key result's check-ins never attach to a new one).
 * The record's key and id are the objective's key (`O-12`).
 */
export const StoredObjective = ObjectiveView.extend({ nextKeyResultNumber: z.number().int().min(1).default(1) });
export type StoredObjective = z.infer<typeof StoredObjective>;

/** The objective alone, as the rollup keeps it. */
export function objectiveOf(s: StoredObjective): Objective {
  const { keyResults: _keyResults, nextKeyResultNumber: _next, ...objective } = s;
  return objective;
}

/** What resolvers show of a stored objective. */
export function viewOf(s: StoredObjective): ObjectiveView {
  const { nextKeyResultNumber: _next, ...view } = s;
  return view;
}

/** The id of a key result: its objective's key and its own (`O-12.KR-3`), unique and stable. */
export function keyResultId(objectiveKey: string, keyResultKey: string): string {
  return `${objectiveKey}.${keyResultKey}`;
}
