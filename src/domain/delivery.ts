import type { DeliveryFigures, WorkSummary } from '../contract';
import type { WorkTally } from './tally';
import { epochDay } from './time';

export function workSummary(t: WorkTally): WorkSummary {
  return {
    issues: t.issues,
    done: t.done,
    inProgress: t.inProgress,
    toDo: t.issues - t.done - t.inProgress,
    points: t.centiPoints / 100,
    pointsDone: t.centiPointsDone / 100,
  };
}

/** Median of a multiset given as value → count; the mean of the two middle values when even. */
export function medianOf(counts: Map<number, number>): number | null {
  let total = 0;
  for (const c of counts.values()) total += c;
  if (total === 0) return null;
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  for (const k of keys) {
    seen += counts.get(k) as number;
    if (low === null && seen > lowRank) low = k;
    if (seen > highRank) return ((low as number) + k) / 2;
  }
  return low;
}

/** Issues resolved in the last `weeks` weeks (today included), per week. */
export function throughputPerWeek(t: WorkTally, now: number, weeks: number): number {
  const today = epochDay(now);
  const from = today - weeks * 7;
  let n = 0;
  for (const [day, count] of t.resolvedDays) if (day > from && day <= today) n += count;
  return n / weeks;
}

export const onTimeRate = (t: WorkTally): number | null => (t.withDue === 0 ? null : t.onTime / t.withDue);
export const bugShare = (t: WorkTally): number | null => (t.issues === 0 ? null : t.bugs / t.issues);
export function medianCycleDays(t: WorkTally): number | null {
  const median = medianOf(t.cycleTenths);
  return median === null ? null : median / 10;
}

export function deliveryFigures(t: WorkTally, now: number, windowWeeks = 4): DeliveryFigures {
  return {
    onTimeRate: onTimeRate(t),
    medianCycleDays: medianCycleDays(t),
    throughputPerWeek: t.issues === 0 ? null : throughputPerWeek(t, now, windowWeeks),
    bugShare: bugShare(t),
  };
}
