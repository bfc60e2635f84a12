import { z } from 'zod';
import { Confidence } from './check-ins';
import { Instant, IsoDate } from './common';
import { PaceStatus, RollupStatus } from './rollup';

/**
 * Why an objective shows the figure and the status it shows, as the server worked them out
 * (src/domain/figure-breakdown.ts, src/domain/status-reason.ts) from the rollup record that made
 * them: the surfaces put these parts into words (static/shared/src/figure-words.ts) and compute no rule.
 */

const share = z.number().min(0).max(1);

/** Why an input of the figure is listed but not counted. */
export const NotCounted = z.enum([
  /** It carries no measure yet. */
  'no-measure',
  /** Its weight is 0: shown, not counted. */
  'weight-zero',
  /** Its period has not begun (`startsOn`). */
  'not-started',
  'draft',
  'cancelled',
  /** The rollup policy counts key results only. */
  'key-results-only',
]);
export type NotCounted = z.infer<typeof NotCounted>;

/** One input of an objective's figure: a key result, a child (through its primary parent) or an objective aligned to it. */
export const BreakdownLine = z.object({
  kind: z.enum(['key-result', 'child', 'aligned']),
  key: z.string(),
  title: z.string(),
  progress: share.nullable(),
  /** How far past its target (key results; 0 otherwise). */
  overshoot: z.number().nonnegative(),
  weight: z.number().nonnegative(),
  /** The weight is the policy's default (none was set). */
  weightIsDefault: z.boolean(),
  /** Its weight over the weights of the inputs that count; null when it does not count. */
  share: share.nullable(),
  notCounted: NotCounted.nullable(),
  /** For `not-started`: the first day of its period. */
  startsOn: IsoDate.nullable(),
});
export type BreakdownLine = z.infer<typeof BreakdownLine>;

export const FigureBreakdown = z.object({
  /** The figure explained: the rollup record's progress. */
  progress: share.nullable(),
  include: z.enum(['key-results-and-children', 'key-results-only']),
  lines: z.array(BreakdownLine),
  /**
   * Contributing objectives the caller may not see, as one line: how many, and their share of the
   * figure together (docs/security.md: counted, named nowhere). Null when there are none.
   */
  hidden: z.object({ count: z.number().int().positive(), share }).nullable(),
});
export type FigureBreakdown = z.infer<typeof FigureBreakdown>;

/** The parts a status is reached from (docs/rollup.md, "Status"). */
export const StatusReason = z.object({
  status: RollupStatus,
  progress: share.nullable(),
  /** Share of the period elapsed; null without a period. */
  expected: share.nullable(),
  /** The pace by the lag alone, before the confidence cap; null when nothing is measured. */
  lagPace: PaceStatus.nullable(),
  atRiskLag: z.number(),
  offTrackLag: z.number(),
  /** The latest check-in's confidence, when it lowered the pace. */
  confidenceCap: z.object({ confidence: Confidence, since: Instant }).nullable(),
  /** Nobody checked in within the cadence: since the last check-in (null: never). */
  stale: z.object({ since: Instant.nullable(), cadenceDays: z.number().int().positive() }).nullable(),
  /** For `not-started`: the first day of its period. */
  startsOn: IsoDate.nullable(),
});
export type StatusReason = z.infer<typeof StatusReason>;

/** Both, as a view serves them beside an objective's rollup. */
export const FigureExplained = z.object({ breakdown: FigureBreakdown, status: StatusReason });
export type FigureExplained = z.infer<typeof FigureExplained>;
