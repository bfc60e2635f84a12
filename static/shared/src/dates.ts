/**
 * How every surface writes a date, one rule (in UTC, as Tether stores every date):
 * - `shortDate`: "3 Dec" within the current year, "3 Dec 2025" in any other — running text, lists,
 *   axes, cells;
 * - `fullDate`: "3 Dec 2026", always with the year — tooltips and titles, where a date stands alone;
 * - `weekdayDate`: "Mon 14 Dec" (the year added as in `shortDate`) — when something arrives within days.
 * A date is epoch milliseconds or an ISO day ("2026-12-03"). "The current year" is the year of
 * `now`, which callers pass (a component passes `Date.now()`; a test, a pinned time).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Epoch milliseconds, or an ISO day such as "2026-12-03" (read as its midnight UTC). */
export type DateLike = number | string;

function asDate(when: DateLike): Date {
  return new Date(typeof when === 'number' ? when : Date.parse(when.length === 10 ? `${when}T00:00:00Z` : when));
}

function dayMonth(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

function yearUnlessCurrent(d: Date, now: number): string {
  const year = d.getUTCFullYear();
  return year === new Date(now).getUTCFullYear() ? '' : ` ${year}`;
}

/** "3 Dec" within the year of `now`, "3 Dec 2025" otherwise. */
export function shortDate(when: DateLike, now: number): string {
  const d = asDate(when);
  return `${dayMonth(d)}${yearUnlessCurrent(d, now)}`;
}

/** "3 Dec 2026": always with the year, for tooltips and titles. */
export function fullDate(when: DateLike): string {
  const d = asDate(when);
  return `${dayMonth(d)} ${d.getUTCFullYear()}`;
}

/** "Mon 14 Dec" within the year of `now`, "Fri 1 Jan 2027" otherwise. */
export function weekdayDate(when: DateLike, now: number): string {
  const d = asDate(when);
  return `${WEEKDAYS[d.getUTCDay()] ?? ''} ${shortDate(d.getTime(), now)}`;
}
