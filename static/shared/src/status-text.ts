import type { Confidence } from '@contract/check-ins';
import type { RollupStatus } from '@contract/rollup';

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

/** A check-in's confidence in words, on every surface. */
export const CONFIDENCE_TEXT: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' };
