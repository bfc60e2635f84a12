import type { ObjectiveStatus, PaceStatus, Period, RollupStatus } from '../contract';
import { DAY_MS, endOfDate, startOfDate } from './time';

/** A period as instants: its first instant, and the first instant after it. */
export interface PeriodBounds {
  start: number;
  end: number;
}

export function boundsOf(period: Pick<Period, 'start' | 'end'>): PeriodBounds {
  return { start: startOfDate(period.start), end: endOfDate(period.end) };
}

/** Share of the period elapsed at `now`, in [0, 1]: where progress would be at an even pace. */
export function expectedShare(period: Pick<Period, 'start' | 'end'>, now: number): number {
  return shareElapsed(boundsOf(period), now);
}

/** expectedShare, for a period already turned into instants. */
export function shareElapsed({ start, end }: PeriodBounds, now: number): number {
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now - start) / (end - start);
}

// the pace rules are shared with the project page, which derives each row's status reason with them
export { lowerByConfidence, paceOf } from '../contract/status-reason';

/** Stale: while the period runs, nobody has checked in for longer than the cadence. */
export function isStale(
  lastLookedAt: number,
  period: Pick<Period, 'start' | 'end'> | null,
  now: number,
  cadenceDays: number,
): boolean {
  return staleWithin(lastLookedAt, period === null ? null : boundsOf(period), now, cadenceDays);
}

/** isStale, for a period already turned into instants. */
export function staleWithin(
  lastLookedAt: number,
  period: PeriodBounds | null,
  now: number,
  cadenceDays: number,
): boolean {
  if (period !== null && (now < period.start || now >= period.end)) return false;
  return now - lastLookedAt > cadenceDays * DAY_MS;
}

/** Whether the period has begun at `now` (no period: always). Before it begins an objective is "not started". */
export function hasBegun(period: Pick<PeriodBounds, 'start'> | null, now: number): boolean {
  return period === null || now >= period.start;
}

export interface StatusInput {
  objectiveStatus: ObjectiveStatus;
  /** Its period has not begun yet. */
  notStarted?: boolean;
  progress: number | null;
  pace: PaceStatus | null;
  stale: boolean;
}

/**
 * One lozenge. Precedence: done / cancelled, then not started (its period has not begun), then
 * no measure, then off track (most urgent), then stale, then the pace (lowered by confidence).
 */
export function statusOf(input: StatusInput): RollupStatus {
  if (input.objectiveStatus === 'done') return 'done';
  if (input.objectiveStatus === 'cancelled') return 'cancelled';
  if (input.notStarted === true) return 'not-started';
  if (input.progress === null || input.pace === null) return 'no-measure';
  if (input.pace === 'off-track') return 'off-track';
  if (input.stale) return 'stale';
  return input.pace;
}
