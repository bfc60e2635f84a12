import type { DeliveryQualityKeyResult, KeyResult, KeyResultRollup } from '../contract';
import * as contract from '../contract';
import * as delivery from './delivery';
import type { WorkTally } from './tally';

/** Called for every key result of a record, bound once (see the top of rollup/in-place-change.ts). */
const { bugShare, medianCycleDays, onTimeRate, throughputPerWeek, workSummary } = delivery;
const { LOWER_IS_BETTER } = contract;

/** Progress split into the part shown on a bar ([0, 1]) and what lies beyond the target. */
export interface Measured {
  progress: number | null;
  overshoot: number;
}

/** Clamps a raw ratio into [0, 1], keeping what lies past 1 as overshoot. null stays null. */
export function clampProgress(raw: number | null): Measured {
  if (raw === null || Number.isNaN(raw)) return { progress: null, overshoot: 0 };
  if (raw === Infinity) return { progress: 1, overshoot: 0 };
  return { progress: Math.min(1, Math.max(0, raw)), overshoot: Math.max(0, raw - 1) };
}

/** From baseline toward target, in either direction: 0 at the baseline, 1 at the target. */
export function linearRaw(value: number, baseline: number, target: number): number | null {
  if (target === baseline) return null;
  return (value - baseline) / (target - baseline);
}

/**
 * Staying within [min, max]: 1 inside; outside, falls linearly to 0 at one band-width away
 * (for a band of zero width, the tolerance is 10 % of its value, at least 1).
 */
export function bandRaw(value: number, min: number, max: number): number {
  if (value >= min && value <= max) return 1;
  const tolerance = max > min ? max - min : Math.max(Math.abs(min) * 0.1, 1);
  const distance = value < min ? min - value : value - max;
  return Math.max(0, 1 - distance / tolerance);
}

/** Baselines used when a delivery key result sets none. Cycle time has none: it is measured as target ÷ value. */
const NATURAL_BASELINE: Record<DeliveryQualityKeyResult['measure'], number | null> = {
  'on-time-rate': 0,
  'throughput-per-week': 0,
  'bug-share': 1,
  'median-cycle-time': null,
};

function deliveryValue(kr: DeliveryQualityKeyResult, tally: WorkTally, now: number): number | null {
  switch (kr.measure) {
    case 'on-time-rate':
      return onTimeRate(tally);
    case 'median-cycle-time':
      return medianCycleDays(tally);
    case 'throughput-per-week':
      return tally.issues === 0 ? null : throughputPerWeek(tally, now, kr.windowWeeks);
    case 'bug-share':
      return bugShare(tally);
  }
}

function deliveryRaw(kr: DeliveryQualityKeyResult, value: number): number | null {
  const baseline = kr.baseline ?? NATURAL_BASELINE[kr.measure];
  if (baseline !== null) return linearRaw(value, baseline, kr.target);
  // lower is better with no baseline: at the target → 1, twice the target → 0.5
  if (value === 0) return 1;
  return LOWER_IS_BETTER[kr.measure] ? kr.target / value : value / kr.target;
}

export interface KeyResultInputs {
  /** The tally of the work this key result measures (by its scope); used by computed kinds. */
  tally: WorkTally;
  /** Latest value: a metric's latest check-in, a query's latest refresh; null if none yet. */
  measurement: number | null;
  now: number;
}

/** One key result's figures, built in one object literal (records are computed on every event). */
function rolled(
  keyResultId: string,
  m: Measured,
  value: number | null,
  target: number | null,
  work: KeyResultRollup['work'],
): KeyResultRollup {
  return { keyResultId, progress: m.progress, overshoot: m.overshoot, value, target, work };
}

const NOTHING: Measured = { progress: null, overshoot: 0 };

/** Progress, value and target of one key result, direction-aware, clamped, never 0 for "no data". */
export function keyResultRollup(kr: KeyResult, input: KeyResultInputs): KeyResultRollup {
  switch (kr.kind) {
    case 'completion': {
      const work = workSummary(input.tally);
      const byPoints = kr.measure === 'story-points';
      const total = byPoints ? input.tally.centiPoints : input.tally.issues;
      const done = byPoints ? input.tally.centiPointsDone : input.tally.done;
      return rolled(
        kr.id,
        clampProgress(total === 0 ? null : done / total),
        byPoints ? work.pointsDone : work.done,
        byPoints ? work.points : work.issues,
        work,
      );
    }
    case 'metric':
    case 'query': {
      const value = input.measurement;
      const target = kr.direction === 'band' ? null : kr.target;
      if (value === null) return rolled(kr.id, NOTHING, value, target, null);
      const raw =
        kr.direction === 'band'
          ? bandRaw(value, kr.bandMin as number, kr.bandMax as number)
          : linearRaw(value, kr.baseline as number, kr.target as number);
      return rolled(kr.id, clampProgress(raw), value, target, null);
    }
    case 'delivery-quality': {
      const value = deliveryValue(kr, input.tally, input.now);
      const work = workSummary(input.tally);
      if (value === null) return rolled(kr.id, NOTHING, value, kr.target, work);
      return rolled(kr.id, clampProgress(deliveryRaw(kr, value)), value, kr.target, work);
    }
    case 'milestone':
      return rolled(kr.id, { progress: kr.done ? 1 : 0, overshoot: 0 }, kr.done ? 1 : 0, 1, null);
  }
}
