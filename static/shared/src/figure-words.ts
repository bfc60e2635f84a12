/**
 * An objective's figure and status in words, from the parts the server worked out with the
 * rollup's own rules (src/contract/figure-explained.ts): this module computes no rule, it only says
 * what was served. The detail shows these beside the lozenge and under the figure; the tree puts
 * the status's words in the row's tooltip and accessible description.
 */
import type { BreakdownLine, FigureBreakdown, StatusReason } from '@contract/figure-explained';
import { shortDate } from './dates';
import { percent, wholePercent } from './percent';
import { count } from './plural';
import { CONFIDENCE_TEXT, STATUS_TEXT } from './status-text';

/**
 * Why the status: "Off track: 44% done at 80% of the period; confidence Low since 3 Dec" (dates as
 * ./dates.ts writes them: the year of `now` left out).
 */
export function statusWords(reason: StatusReason, now: number): string {
  const head = STATUS_TEXT[reason.status];
  switch (reason.status) {
    case 'done':
      return 'Done: its owner marked it done.';
    case 'cancelled':
      return 'Cancelled: it no longer counts in the objectives above it.';
    case 'not-started':
      return reason.startsOn === null
        ? 'Not started: its period has not begun.'
        : `Not started: its period begins on ${shortDate(reason.startsOn, now)}; until then it does not count in the objectives above it.`;
    case 'no-measure':
      return 'No measure: none of its key results or contributing objectives carries a measure yet.';
    default:
      break;
  }
  const progress = reason.progress ?? 0;
  const parts: string[] = [];
  parts.push(
    reason.expected === null
      ? `${head}: ${percent(progress)} done (no period to pace against)`
      : `${head}: ${percent(progress)} done at ${percent(reason.expected)} of the period`,
  );
  if (reason.expected !== null && (reason.lagPace === 'at-risk' || reason.lagPace === 'off-track')) {
    const threshold = Math.round((reason.lagPace === 'off-track' ? reason.offTrackLag : reason.atRiskLag) * 100);
    const limit = `more than ${threshold} is ${reason.lagPace === 'off-track' ? 'off track' : 'at risk'}`;
    parts.push(`${pointsBehind(reason.expected, progress, threshold)} behind an even pace (${limit})`);
  }
  if (reason.confidenceCap !== null)
    parts.push(
      `confidence ${CONFIDENCE_TEXT[reason.confidenceCap.confidence]} since ${shortDate(reason.confidenceCap.since, now)}`,
    );
  if (reason.stale !== null)
    parts.push(
      reason.stale.since === null
        ? `no check-in yet (one is expected every ${count(reason.stale.cadenceDays, 'day')})`
        : `no check-in since ${shortDate(reason.stale.since, now)} (one is expected every ${count(reason.stale.cadenceDays, 'day')})`,
    );
  return parts.join('; ');
}

/**
 * How far behind an even pace, as the difference of the two rounded figures the sentence shows
 * ("44% done at 55%": 11 points); to one decimal when rounding would hide that the threshold was
 * passed (10.4 points past a threshold of 10).
 */
function pointsBehind(expected: number, progress: number, threshold: number): string {
  const shown = wholePercent(expected) - wholePercent(progress);
  if (shown > threshold) return count(shown, 'point');
  return `${(Math.round((expected - progress) * 1000) / 10).toFixed(1)} points`;
}

/** The rule in one sentence. */
export function ruleWords(breakdown: Pick<FigureBreakdown, 'include'>): string {
  return breakdown.include === 'key-results-only'
    ? 'The figure is the weighted mean of its key results that carry a measure (the rollup policy counts key results only).'
    : 'The figure is the weighted mean of its key results and the objectives contributing to it that carry a measure: each counts by its weight over the weights that count.';
}

/** A line's progress, with the overshoot where the engine keeps it: "125% — 25% beyond target". */
export function progressWords(line: Pick<BreakdownLine, 'progress' | 'overshoot'>): string {
  if (line.progress === null) return 'no measure yet';
  if (line.overshoot > 0)
    return `${percent(line.progress + line.overshoot)} — ${percent(line.overshoot)} beyond target`;
  return percent(line.progress);
}

export function weightWords(line: Pick<BreakdownLine, 'weight' | 'weightIsDefault'>): string {
  return line.weightIsDefault ? `weight ${line.weight} (the default)` : `weight ${line.weight}`;
}

/** What a line adds to the figure, or why it is listed but not counted. */
export function shareWords(line: Pick<BreakdownLine, 'share' | 'notCounted' | 'startsOn'>, now: number): string {
  if (line.share !== null) return `${percent(line.share)} of the figure`;
  switch (line.notCounted) {
    case 'weight-zero':
      return 'shown, not counted (weight 0)';
    case 'not-started':
      return line.startsOn === null
        ? 'not counted until its period begins'
        : `starts ${shortDate(line.startsOn, now)}: not counted until then`;
    case 'draft':
      return 'not counted: a draft';
    case 'cancelled':
      return 'not counted: cancelled';
    case 'key-results-only':
      return 'not counted: the rollup policy counts key results only';
    default:
      return 'not counted: no measure yet';
  }
}

/** The objectives the caller may not see: "2 objectives you cannot see". */
export function hiddenLabel(hidden: Pick<NonNullable<FigureBreakdown['hidden']>, 'count'>): string {
  return `${count(hidden.count, 'objective')} you cannot see`;
}

/** What they add to the figure: "40% of the figure", or "not counted". */
export function hiddenShareWords(hidden: Pick<NonNullable<FigureBreakdown['hidden']>, 'share'>): string {
  return hidden.share > 0 ? `${percent(hidden.share)} of the figure` : 'not counted';
}

/** Their line: "2 objectives you cannot see — 40% of the figure". */
export function hiddenWords(hidden: NonNullable<FigureBreakdown['hidden']>): string {
  return `${hiddenLabel(hidden)} — ${hiddenShareWords(hidden)}`;
}
