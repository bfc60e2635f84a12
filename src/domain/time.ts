import type { Instant, IsoDate } from '../contract';

export const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil),
 * by arithmetic: rollups read due dates of thousands of issues, and Date.parse is slow.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The digit at `i` (dates are read as digits: no strings are cut, records are computed on every event). */
function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** Midnight UTC at the start of a calendar date `YYYY-MM-DD`. */
export function startOfDate(date: IsoDate): Instant {
  const y = digitAt(date, 0) * 1000 + digitAt(date, 1) * 100 + digitAt(date, 2) * 10 + digitAt(date, 3);
  const m = digitAt(date, 5) * 10 + digitAt(date, 6);
  const d = digitAt(date, 8) * 10 + digitAt(date, 9);
  return daysFromCivil(y, m, d) * DAY_MS;
}

/** The first instant after a calendar date (dates are inclusive, so this is where it ends). */
export function endOfDate(date: IsoDate): Instant {
  return startOfDate(date) + DAY_MS;
}

/** Whole days since 1970-01-01 (UTC). */
export function epochDay(at: Instant): number {
  return Math.floor(at / DAY_MS);
}
