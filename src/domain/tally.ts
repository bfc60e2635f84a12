import type { IssueState } from '../contract';
import { DAY_MS, endOfDate, epochDay } from './time';

/** Bound once: leafUnit runs for every issue of a full recompute (see `hashKey` in rollup/forest-layout.ts). */
const DAY = DAY_MS;
const endOf = endOfDate;
const dayOf = epochDay;

/**
 * value → how many, flat: [value, count, value, count, …], sorted by value, with no zero counts.
 * Flat, not pairs: the full recompute makes some 400,000 entries, and a pair is an array of its own.
 */
export type Histogram = number[];

/**
 * What a set of issues adds up to. Every field is an integer sum, so tallies add and
 * subtract exactly: an incremental update lands on the same numbers as a full recompute.
 * Story points are kept in hundredths (`centiPoints`) for the same reason.
 *
 * Only *counted* issues appear: containers (issues with children) are left out of the counts,
 * and their points count only when nothing below them carries points (docs/rollup.md).
 *
 * This is also the shape stored, so an event moves a stored tally in place without converting it.
 */
export interface WorkTally {
  issues: number;
  done: number;
  inProgress: number;
  centiPoints: number;
  centiPointsDone: number;
  /** Counted issues that are done and have a resolution time. */
  resolved: number;
  /** Resolved issues that had a due date, and how many of them were resolved by it. */
  withDue: number;
  onTime: number;
  bugs: number;
  /** Cycle time of resolved issues, in tenths of a day → how many issues. */
  cycleTenths: Histogram;
  /** Day of resolution (days since epoch) → how many issues. */
  resolvedDays: Histogram;
}

/** The integer sums of a tally, in a fixed order (the compact full recompute keeps them in typed arrays). */
export const SCALARS = [
  'issues',
  'done',
  'inProgress',
  'centiPoints',
  'centiPointsDone',
  'resolved',
  'withDue',
  'onTime',
  'bugs',
] as const;
export type Scalar = (typeof SCALARS)[number];

export function emptyTally(): WorkTally {
  return {
    issues: 0,
    done: 0,
    inProgress: 0,
    centiPoints: 0,
    centiPointsDone: 0,
    resolved: 0,
    withDue: 0,
    onTime: 0,
    bugs: 0,
    cycleTenths: [],
    resolvedDays: [],
  };
}

/** histogram[key] += by, keeping it sorted and free of zero counts. */
export function bump(h: Histogram, key: number, by: number): void {
  if (by === 0) return;
  let lo = 0;
  let hi = h.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((h[mid * 2] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  const at = lo * 2;
  if (at >= h.length || h[at] !== key) insertPair(h, at, key, by);
  else if ((h[at + 1] as number) + by === 0) removePair(h, at);
  else h[at + 1] = (h[at + 1] as number) + by;
}

/** h.splice(at, 0, key, count), without the array of removed entries splice returns. */
function insertPair(h: Histogram, at: number, key: number, count: number): void {
  let i = h.length;
  h.push(key, count);
  for (; i > at; i -= 2) {
    h[i] = h[i - 2] as number;
    h[i + 1] = h[i - 1] as number;
  }
  h[at] = key;
  h[at + 1] = count;
}

/** h.splice(at, 2), without the array of removed entries splice returns. */
function removePair(h: Histogram, at: number): void {
  const n = h.length - 2;
  for (let i = at; i < n; i++) h[i] = h[i + 2] as number;
  h.pop();
  h.pop();
}

/**
 * The buffer `merged` fills before copying out what it holds (kept between calls). Grown by
 * writing at its end, never made with a length, so it and its copies are packed arrays like
 * every other histogram: one made `new Array(n)` is "holey" to V8, a different hidden class, and
 * code compiled for one kind is thrown away when the other comes (`node --trace-deopt`: "wrong map").
 */
const mergeBuffer: Histogram = [];

/** a + sign × b as a new histogram, in one pass (into `mergeBuffer`, then copied at the size it holds). */
function merged(a: Histogram, b: Histogram, sign: 1 | -1): Histogram {
  const out = mergeBuffer;
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out[k++] = x as number;
      out[k++] = a[i + 1] as number;
      i += 2;
    } else if (x === undefined || y < x) {
      out[k++] = y;
      out[k++] = sign * (b[j + 1] as number);
      j += 2;
    } else {
      const count = (a[i + 1] as number) + sign * (b[j + 1] as number);
      if (count !== 0) {
        out[k++] = x;
        out[k++] = count;
      }
      i += 2;
      j += 2;
    }
  }
  return out.slice(0, k);
}

/** histogram + sign × source: an entry is bumped in place, more are merged in one pass. */
function addHistogram(target: Histogram, source: Histogram, sign: 1 | -1): Histogram {
  if (target.length === 0 && sign === 1) return source.slice();
  if (source.length > 2) return merged(target, source, sign);
  if (source.length === 2) bump(target, source[0] as number, sign * (source[1] as number));
  return target;
}

/** target += sign × source, in place (a histogram of the target may be replaced by a new array). */
export function addInto(target: WorkTally, source: WorkTally, sign: 1 | -1 = 1): void {
  target.issues += sign * source.issues;
  target.done += sign * source.done;
  target.inProgress += sign * source.inProgress;
  target.centiPoints += sign * source.centiPoints;
  target.centiPointsDone += sign * source.centiPointsDone;
  target.resolved += sign * source.resolved;
  target.withDue += sign * source.withDue;
  target.onTime += sign * source.onTime;
  target.bugs += sign * source.bugs;
  if (source.cycleTenths.length > 0) target.cycleTenths = addHistogram(target.cycleTenths, source.cycleTenths, sign);
  if (source.resolvedDays.length > 0)
    target.resolvedDays = addHistogram(target.resolvedDays, source.resolvedDays, sign);
}

export function cloneTally(t: WorkTally): WorkTally {
  return {
    issues: t.issues,
    done: t.done,
    inProgress: t.inProgress,
    centiPoints: t.centiPoints,
    centiPointsDone: t.centiPointsDone,
    resolved: t.resolved,
    withDue: t.withDue,
    onTime: t.onTime,
    bugs: t.bugs,
    cycleTenths: t.cycleTenths.slice(),
    resolvedDays: t.resolvedDays.slice(),
  };
}

export function isEmptyTally(t: WorkTally): boolean {
  return (
    t.issues === 0 &&
    t.done === 0 &&
    t.inProgress === 0 &&
    t.centiPoints === 0 &&
    t.centiPointsDone === 0 &&
    t.resolved === 0 &&
    t.withDue === 0 &&
    t.onTime === 0 &&
    t.bugs === 0 &&
    t.cycleTenths.length === 0 &&
    t.resolvedDays.length === 0
  );
}

export function tallyEquals(a: WorkTally, b: WorkTally): boolean {
  const diff = cloneTally(a);
  addInto(diff, b, -1);
  return isEmptyTally(diff);
}

/** Where an issue sits in its tree: what the counting rule needs besides the issue itself. */
export interface TreePosition {
  /** It has at least one child: a container. */
  hasChildren: boolean;
  /** Some issue below it carries story points. */
  pointsBelow: boolean;
}

/** What one issue adds to a tally by the counting rule: the integer sums, and at most one cycle time and one resolution day. */
export type Unit = Record<Scalar, number> & {
  /** Whether it adds to the histograms (a counted issue, done, with a resolution time). */
  timed: boolean;
  cycleTenth: number;
  resolvedDay: number;
};

export function emptyUnit(): Unit {
  return {
    issues: 0,
    done: 0,
    inProgress: 0,
    centiPoints: 0,
    centiPointsDone: 0,
    resolved: 0,
    withDue: 0,
    onTime: 0,
    bugs: 0,
    timed: false,
    cycleTenth: 0,
    resolvedDay: 0,
  };
}

/**
 * The counting rule, the one place it is written: what one issue adds, given whether it has
 * children and whether anything below it carries points. Fills `into` (no allocation) and returns it.
 * In two steps, so that the full recompute can take the first while it reads each issue once
 * and the second when the tree is known: `leafUnit`, then `placeUnit`.
 */
export function countUnit(issue: IssueState, hasChildren: boolean, pointsBelow: boolean, into: Unit): Unit {
  return placeUnit(leafUnit(issue, into), hasChildren, pointsBelow);
}

/** What an issue adds as a leaf with nothing estimated below it: counted, with its own points. */
export function leafUnit(issue: IssueState, into: Unit): Unit {
  const done = issue.statusCategory === 'done';
  const centi = issue.storyPoints !== null ? Math.round(issue.storyPoints * 100) : 0;
  into.centiPoints = centi;
  into.centiPointsDone = done ? centi : 0;
  into.issues = 1;
  into.done = done ? 1 : 0;
  into.inProgress = !done && issue.statusCategory === 'indeterminate' ? 1 : 0;
  into.bugs = issue.isBug ? 1 : 0;
  const timed = done && issue.resolved !== null;
  into.timed = timed;
  into.resolved = timed ? 1 : 0;
  into.withDue = 0;
  into.onTime = 0;
  into.cycleTenth = 0;
  into.resolvedDay = 0;
  if (timed && issue.resolved !== null) {
    const start = issue.started ?? issue.created;
    into.cycleTenth = Math.max(0, Math.round(((issue.resolved - start) / DAY) * 10));
    into.resolvedDay = dayOf(issue.resolved);
    if (issue.dueDate !== null) {
      into.withDue = 1;
      into.onTime = issue.resolved < endOf(issue.dueDate) ? 1 : 0;
    }
  }
  return into;
}

/**
 * Where the issue sits: a container (an issue with children) is represented by its children and
 * not counted itself, and its points count only when nothing below it carries points.
 */
export function placeUnit(unit: Unit, hasChildren: boolean, pointsBelow: boolean): Unit {
  if (pointsBelow) {
    unit.centiPoints = 0;
    unit.centiPointsDone = 0;
  }
  if (hasChildren) {
    unit.issues = 0;
    unit.done = 0;
    unit.inProgress = 0;
    unit.bugs = 0;
    unit.timed = false;
    unit.resolved = 0;
    unit.withDue = 0;
    unit.onTime = 0;
    unit.cycleTenth = 0;
    unit.resolvedDay = 0;
  }
  return unit;
}

/** target += sign × unit, in place. */
export function addUnit(target: WorkTally, unit: Unit, sign: 1 | -1 = 1): void {
  for (const field of SCALARS) target[field] += sign * unit[field];
  if (!unit.timed) return;
  bump(target.cycleTenths, unit.cycleTenth, sign);
  bump(target.resolvedDays, unit.resolvedDay, sign);
}

/** What an issue's change adds to a tally: after − before, by the counting rule. */
export function unitDelta(after: Unit, before: Unit): WorkTally {
  return {
    issues: after.issues - before.issues,
    done: after.done - before.done,
    inProgress: after.inProgress - before.inProgress,
    centiPoints: after.centiPoints - before.centiPoints,
    centiPointsDone: after.centiPointsDone - before.centiPointsDone,
    resolved: after.resolved - before.resolved,
    withDue: after.withDue - before.withDue,
    onTime: after.onTime - before.onTime,
    bugs: after.bugs - before.bugs,
    cycleTenths: pairDelta(after.timed, after.cycleTenth, before.timed, before.cycleTenth),
    resolvedDays: pairDelta(after.timed, after.resolvedDay, before.timed, before.resolvedDay),
  };
}

/**
 * An empty histogram bumped by +1 at `plus` (when `added`), then by −1 at `minus` (when `taken`):
 * written out at its size, as an event computes one per histogram of every delta.
 */
function pairDelta(added: boolean, plus: number, taken: boolean, minus: number): Histogram {
  if (!added) return taken ? [minus, -1] : [];
  if (!taken) return [plus, 1];
  if (plus === minus) return [];
  return plus < minus ? [plus, 1, minus, -1] : [minus, -1, plus, 1];
}

/** The tally of one issue on its own, by the counting rule. */
export function unitTally(issue: IssueState, pos: TreePosition): WorkTally {
  const t = emptyTally();
  addUnit(t, countUnit(issue, pos.hasChildren, pos.pointsBelow, emptyUnit()));
  return t;
}
