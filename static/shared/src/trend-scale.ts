/**
 * The trend geometry, pure: days on x (spaced by date, not by index), progress on y (0–100 %, higher when
 * a point overshoots), the progress line from the daily snapshots, the even pace from 0 at the
 * period's start to 100 % at its end, date and percent ticks, and the words a point is read with.
 * No React, no DOM: the project page's trend chart and the dashboard gadget's trend line draw
 * what this computes.
 */
import { MAX_HISTORY_DAYS } from '@contract/api/history';
import { shortDate } from '@shared/dates';
import { percent } from '@shared/percent';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day (`2026-12-03`). */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

/** The ISO day of a day number. */
export function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Where an even pace is on `day`: 0 at the start, 1 at the end, held there outside the period. */
export function paceOn(day: string, start: string, end: string): number {
  const s = dayNumber(start);
  const e = dayNumber(end);
  if (e <= s) return day >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (dayNumber(day) - s) / (e - s)));
}

export interface Box {
  width: number;
  height: number;
  /** Room left for the percent labels, and below for the dates. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Scale {
  x: (day: string) => number;
  y: (share: number) => number;
  /** The top of the y axis: 1, or the largest progress above it. */
  yMax: number;
}

/** Maps days of [start, end] across the box's inner width and shares 0..yMax up its inner height. */
export function scaleFor(start: string, end: string, yMax: number, box: Box): Scale {
  const s = dayNumber(start);
  const span = Math.max(dayNumber(end) - s, 1);
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  return {
    x: (day) => box.left + ((dayNumber(day) - s) / span) * innerW,
    y: (share) => box.top + innerH - (share / yMax) * innerH,
    yMax,
  };
}

/** The top of the y axis: 100 %, or the next 25 % step above the highest progress when it overshoots. */
export function yMaxOf(progress: readonly (number | null)[]): number {
  const highest = Math.max(1, ...progress.filter((p): p is number => p !== null));
  return Math.ceil(highest * 4 - 1e-9) / 4;
}

/** Percent ticks: every 25 % from 0 to the top. */
export function percentTicks(yMax: number): number[] {
  const ticks: number[] = [];
  for (let t = 0; t <= yMax + 1e-9; t += 0.25) ticks.push(Math.round(t * 100) / 100);
  return ticks;
}

/**
 * Date ticks inside [start, end], at most `most` of them, at dates people count by: every day or
 * every few days for a short period, Mondays for up to seven weeks, then the first of every month
 * (every second, third… when there are too many).
 */
export function dateTicks(start: string, end: string, most = 6): string[] {
  const s = dayNumber(start);
  const e = dayNumber(end);
  const span = e - s;
  if (span <= 0) return [start];
  const thin = (days: string[]) => {
    const step = Math.ceil(days.length / most);
    return days.filter((_, i) => i % step === 0);
  };
  if (span <= 13) {
    const step = Math.ceil((span + 1) / most);
    const days: string[] = [];
    for (let n = s; n <= e; n += step) days.push(dayOf(n));
    return days;
  }
  if (span <= 49) {
    const days: string[] = [];
    for (let n = s; n <= e; n++) if (new Date(n * DAY_MS).getUTCDay() === 1) days.push(dayOf(n));
    return thin(days);
  }
  const months: string[] = [];
  const first = new Date(s * DAY_MS);
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth();
  if (first.getUTCDate() !== 1) m += 1;
  for (;;) {
    const day = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    if (dayNumber(day) > e) break;
    months.push(day);
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return thin(months);
}

export interface TrendPoint {
  day: string;
  progress: number;
  /** Where an even pace is that day (the snapshot's own figure when it has one). */
  pace: number;
}

/**
 * The points the chart draws: each snapshot inside the period with a progress, in day order; the
 * pace is the snapshot's `expected` or, without one, the even pace of the period that day.
 */
export function trendPoints(
  snapshots: readonly { day: string; progress: number | null; expected: number | null }[],
  start: string,
  end: string,
): TrendPoint[] {
  return snapshots
    .filter((s): s is typeof s & { progress: number } => s.progress !== null && s.day >= start && s.day <= end)
    .map((s) => ({ day: s.day, progress: s.progress, pace: s.expected ?? paceOn(s.day, start, end) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * An SVG path through the points; a gap of more than `gapDays` days between two snapshots (a
 * month by default: the daily refresh did not run for that long) starts a new piece, so no line
 * claims a stretch nobody measured. Shorter gaps are joined: each snapshot also has its dot.
 */
export function linePath(points: readonly TrendPoint[], scale: Scale, gapDays = 31): string {
  let previous: string | null = null;
  return points
    .map((p) => {
      const move = previous === null || dayNumber(p.day) - dayNumber(previous) > gapDays;
      previous = p.day;
      return `${move ? 'M' : 'L'}${scale.x(p.day).toFixed(1)} ${scale.y(p.progress).toFixed(1)}`;
    })
    .join(' ');
}

/**
 * Where hovering picks each point: a band from halfway to the point before to halfway to the point
 * after (the first from the left edge, the last to the right edge), so the pointer need not hit a
 * dot of a few pixels.
 */
export function hoverBands(
  points: readonly TrendPoint[],
  scale: Scale,
  left: number,
  right: number,
): { x0: number; x1: number }[] {
  const xs = points.map((p) => scale.x(p.day));
  return xs.map((x, i) => ({
    x0: i === 0 ? left : ((xs[i - 1] ?? x) + x) / 2,
    x1: i === xs.length - 1 ? right : (x + (xs[i + 1] ?? x)) / 2,
  }));
}

/** The even pace: a straight line from 0 at the period's start to 100 % at its end. */
export function pacePath(start: string, end: string, scale: Scale): string {
  return `M${scale.x(start).toFixed(1)} ${scale.y(0).toFixed(1)} L${scale.x(end).toFixed(1)} ${scale.y(1).toFixed(1)}`;
}

/** What hovering or focusing a point says: "3 Dec: 44% (pace 61%)" (the year when not `now`'s). */
export function pointText(point: TrendPoint, now: number): string {
  return `${shortDate(point.day, now)}: ${percent(point.progress)} (pace ${percent(point.pace)})`;
}

/** The chart in one sentence, for its accessible name. */
export function trendSummary(label: string, points: readonly TrendPoint[], now: number): string {
  const from = points[0];
  const to = points[points.length - 1];
  if (from === undefined || to === undefined) return label;
  return `${label}: progress from ${percent(from.progress)} on ${shortDate(from.day, now)} to ${percent(to.progress)} on ${shortDate(to.day, now)}; an even pace would be at ${percent(to.pace)}`;
}

/** The point a key moves the focus to from `index` (arrows, Home, End); null for any other key. */
export function pointAfterKey(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** History always read for "what changed since last week" (and a trend of a period begun lately). */
const MIN_HISTORY_DAYS = 120;

/** How many days of history to ask for: the period so far (from its start to today), at least 120, at most 400. */
export function historyDays(periodStart: string | undefined, today: string): number {
  const sofar = periodStart === undefined ? 0 : dayNumber(today) - dayNumber(periodStart) + 1;
  return Math.min(MAX_HISTORY_DAYS, Math.max(MIN_HISTORY_DAYS, sofar));
}
