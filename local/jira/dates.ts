/**
 * Dates as Jira writes and reads them. The local site's time zone is UTC: JQL dates and functions
 * such as startOfDay() are UTC days (Jira uses the searching user's time zone).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2024-01-02T10:00:00.000+0000`, Jira's date-time format. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  return calendar(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0);
}

function calendar(year: number, month: number, day: number, hour: number, minute: number): number | null {
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  return ms;
}

const PERIOD_UNITS: Record<string, number> = { w: WEEK, d: DAY, h: HOUR, m: MINUTE };

/** A period such as `-7d`, `4w 2d`, `+1h`, `-30m` in milliseconds, or null. */
export function parsePeriod(text: string): number | null {
  const m = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(text.trim());
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+)\s*([wdhm])/gi)) {
    total += Number(part[1]) * (PERIOD_UNITS[(part[2] ?? '').toLowerCase()] ?? 0);
  }
  return sign * total;
}

/**
 * A JQL date value: `yyyy-MM-dd`, `yyyy/MM/dd`, either with ` HH:mm`, or a period relative to
 * `now` (`-7d`). Returns milliseconds, or null when the value is none of these.
 */
export function parseJqlDate(text: string, now: number): number | null {
  const t = text.trim();
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(t);
  if (m) return calendar(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  const period = parsePeriod(t);
  return period === null ? null : now + period;
}

export const DATE_FORMAT_HINT =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

type Anchor = 'Day' | 'Week' | 'Month' | 'Year';

/** Start (or end, the last millisecond) of the UTC day/week (Monday)/month/year containing `ms`. */
function boundary(ms: number, anchor: Anchor, end: boolean): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  let start: number;
  let next: number;
  switch (anchor) {
    case 'Day':
      start = Date.UTC(y, mo, day);
      next = start + DAY;
      break;
    case 'Week': {
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      start = Date.UTC(y, mo, day - sinceMonday);
      next = start + WEEK;
      break;
    }
    case 'Month':
      start = Date.UTC(y, mo, 1);
      next = Date.UTC(y, mo + 1, 1);
      break;
    case 'Year':
      start = Date.UTC(y, 0, 1);
      next = Date.UTC(y + 1, 0, 1);
      break;
  }
  return end ? next - 1 : start;
}

/** The JQL date functions the local Jira evaluates. */
export const DATE_FUNCTIONS = [
  'now',
  'startOfDay',
  'endOfDay',
  'startOfWeek',
  'endOfWeek',
  'startOfMonth',
  'endOfMonth',
  'startOfYear',
  'endOfYear',
] as const;

/**
 * Evaluates a date function (name matched case-insensitively). The optional argument is an
 * offset such as `-1d` (for startOfMonth(`-1`) the unit is the function's own: months).
 * Returns null for an unknown function, throws a message string for a bad argument.
 */
export function evaluateDateFunction(name: string, args: readonly string[], now: number): number | null {
  const lower = name.toLowerCase();
  if (lower === 'now') return now;
  const m = /^(start|end)of(day|week|month|year)$/.exec(lower);
  if (!m) return null;
  const end = m[1] === 'end';
  const anchorText = m[2] ?? 'day';
  const anchor: Anchor =
    anchorText === 'day' ? 'Day' : anchorText === 'week' ? 'Week' : anchorText === 'month' ? 'Month' : 'Year';
  const arg = args[0];
  let at = now;
  if (arg !== undefined && arg.trim() !== '') {
    const bare = /^([-+]?)(\d+)$/.exec(arg.trim());
    if (bare) {
      const n = (bare[1] === '-' ? -1 : 1) * Number(bare[2]);
      at = shift(now, anchor, n);
    } else {
      const monthly = /^([-+]?)(\d+)M$/.exec(arg.trim());
      if (monthly) at = shift(now, 'Month', (monthly[1] === '-' ? -1 : 1) * Number(monthly[2]));
      else {
        const period = parsePeriod(arg);
        if (period === null) throw new Error(`The argument '${arg}' of the function '${name}' is not a valid period.`);
        at = now + period;
      }
    }
  }
  return boundary(at, anchor, end);
}

function shift(ms: number, anchor: Anchor, n: number): number {
  const d = new Date(ms);
  switch (anchor) {
    case 'Day':
      return ms + n * DAY;
    case 'Week':
      return ms + n * WEEK;
    case 'Month':
      return Date.UTC(
        d.getUTCFullYear(),
        d.getUTCMonth() + n,
        Math.min(d.getUTCDate(), 28),
        d.getUTCHours(),
        d.getUTCMinutes(),
      );
    case 'Year':
      return Date.UTC(
        d.getUTCFullYear() + n,
        d.getUTCMonth(),
        Math.min(d.getUTCDate(), 28),
        d.getUTCHours(),
        d.getUTCMinutes(),
      );
  }
}
