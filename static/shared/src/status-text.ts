import type { Confidence } from '@contract/check-ins';
import type { ObjectiveRollup, RollupStatus } from '@contract/rollup';

/** A rollup status in words, on every surface. */
export const STATUS_TEXT: Record<RollupStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  stale: 'Stale',
  done: 'Done',
  cancelled: 'Cancelled',
  'no-measure': 'No measure',
  'not-started': 'Not started',
};

/**
 * The status an objective shows — its lozenge, the tree's filter, its CSV row: its rollup's, or
 * "No measure" before its first rollup.
 */
export function shownStatus(entry: { rollup?: Pick<ObjectiveRollup, 'status'> | null }): RollupStatus {
  return entry.rollup?.status ?? 'no-measure';
}

/** A check-in's confidence in words, on every surface. */
export const CONFIDENCE_TEXT: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' };
