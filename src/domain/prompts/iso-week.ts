import { DAY_MS, epochDay } from '../time';

/**
 * The ISO-8601 week of an instant (UTC), written `2026-W47`.
 * Weeks start on Monday; week 1 is the week holding the year's first Thursday, so the last days
 * of December can belong to week 1 of the next year and the first days of January to week 52 or
 * 53 of the year before (2021-01-03 is in 2020-W53).
 */
export function isoWeek(at: number): string {
  const day = epochDay(at);
  // 1970-01-01 was a Thursday: Monday = 0 … Sunday = 6.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstDay = epochDay(Date.UTC(year, 0, 1));
  const week = Math.floor((thursday - firstDay) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
