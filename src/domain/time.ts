import type { Instant, IsoDate } from '../contract';

export const DAY_MS = 86_400_000;

/** Midnight UTC at the start of a calendar date. */
export function startOfDate(date: IsoDate): Instant {
  return Date.parse(`${date}T00:00:00.000Z`);
}

/** The first instant after a calendar date (dates are inclusive, so this is where it ends). */
export function endOfDate(date: IsoDate): Instant {
  return startOfDate(date) + DAY_MS;
}

/** Whole days since 1970-01-01 (UTC). */
export function epochDay(at: Instant): number {
  return Math.floor(at / DAY_MS);
}
