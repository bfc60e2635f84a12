import type { DeliveryFigures, WorkSummary } from '../contract';
import { bump, type Histogram, type WorkTally } from './tally';
import * as time from './time';

/** Bound once: throughputPerWeek runs for every record (see the top of rollup/in-place-change.ts). */
const { epochDay } = time;

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

/** Median of a multiset given as [value, count] pairs (a map's entries, say); the mean of the two middle values when even. */
export function medianOf(counts: Iterable<readonly [number, number]>): number | null {
  const h: Histogram = [];
  for (const [value, count] of counts) bump(h, value, count);
  return medianOfHistogram(h);
}

/** The median of a histogram; the mean of the two middle values when even. */
export function medianOfHistogram(h: Histogram): number | null {
  let total = 0;
  for (let i = 1; i < h.length; i += 2) total += h[i] as number;
  if (total === 0) return null;
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  for (let i = 0; i < h.length; i += 2) {
    const value = h[i] as number;
    seen += h[i + 1] as number;
    if (low === null && seen > lowRank) low = value;
    if (seen > highRank) return ((low as number) + value) / 2;
  }
  return low;
}

/** Issues resolved in the last `weeks` weeks (today included), per week. */
export function throughputPerWeek(t: WorkTally, now: number, weeks: number): number {
  const today = epochDay(now);
  const from = today - weeks * 7;
  let n = 0;
  const days = t.resolvedDays;
  for (let i = 0; i < days.length; i += 2) {
    const day = days[i] as number;
    if (day > from && day <= today) n += days[i + 1] as number;
  }
  return n / weeks;
}

export const onTimeRate = (t: WorkTally): number | null => (t.withDue === 0 ? null : t.onTime / t.withDue);
export const bugShare = (t: WorkTally): number | null => (t.issues === 0 ? null : t.bugs / t.issues);
export function medianCycleDays(t: WorkTally): number | null {
  const median = medianOfHistogram(t.cycleTenths);
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
