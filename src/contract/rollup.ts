import { z } from 'zod';
import { Confidence } from './check-ins';
import { Instant, RecordId } from './common';

/** What a status lozenge says. See docs/rollup.md for how each is reached. */
export const RollupStatus = z.enum([
  'on-track',
  'at-risk',
  'off-track',
  'stale',
  'done',
  'cancelled',
  'no-measure',
  /** Its period has not begun: not judged, and left out of the objectives it contributes to until it begins. */
  'not-started',
]);
export type RollupStatus = z.infer<typeof RollupStatus>;

export const PaceStatus = z.enum(['on-track', 'at-risk', 'off-track']);
export type PaceStatus = z.infer<typeof PaceStatus>;

const share = z.number().min(0).max(1);

/** The contributing work of an objective or key result, counted once per issue. */
export const WorkSummary = z.object({
  issues: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  toDo: z.number().int().nonnegative(),
  points: z.number().nonnegative(),
  pointsDone: z.number().nonnegative(),
});
export type WorkSummary = z.infer<typeof WorkSummary>;

/** Outcomes of the contributing issues; null where there is nothing to measure. */
export const DeliveryFigures = z.object({
  onTimeRate: share.nullable(),
  medianCycleDays: z.number().nonnegative().nullable(),
  throughputPerWeek: z.number().nonnegative().nullable(),
  bugShare: share.nullable(),
});
export type DeliveryFigures = z.infer<typeof DeliveryFigures>;

export const KeyResultRollup = z.object({
  keyResultId: RecordId,
  /** In [0, 1]; null when there is nothing to measure yet. Never 0 for "no data". */
  progress: share.nullable(),
  /** How far past the target (0.2 = 20 % beyond); kept apart so progress stays in [0, 1]. */
  overshoot: z.number().nonnegative(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  /** Set for computed key results (completion, delivery quality). */
  work: WorkSummary.nullable(),
});
export type KeyResultRollup = z.infer<typeof KeyResultRollup>;

export const ObjectiveRollup = z.object({
  objectiveId: RecordId,
  progress: share.nullable(),
  /** Share of the period elapsed: where progress would be at an even pace. */
  expected: share.nullable(),
  status: RollupStatus,
  pace: PaceStatus.nullable(),
  stale: z.boolean(),
  confidence: Confidence.nullable(),
  lastCheckInAt: Instant.nullable(),
  /** How many inputs (key results, aligned objectives) carried a measure. */
  measuredInputs: z.number().int().nonnegative(),
  work: WorkSummary,
  delivery: DeliveryFigures,
  keyResults: z.array(KeyResultRollup),
});
export type ObjectiveRollup = z.infer<typeof ObjectiveRollup>;

/** One objective's figures on one day, kept for trend charts and "what changed since last week". */
export const Snapshot = z.object({
  objectiveId: RecordId,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  progress: share.nullable(),
  expected: share.nullable(),
  status: RollupStatus,
  work: WorkSummary,
  keyResults: z.array(z.object({ keyResultId: RecordId, progress: share.nullable(), value: z.number().nullable() })),
});
export type Snapshot = z.infer<typeof Snapshot>;
