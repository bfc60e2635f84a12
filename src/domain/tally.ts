import type { IssueState } from '../contract';
import { DAY_MS, endOfDate, epochDay } from './time';

/**
 * What a set of issues adds up to. Every field is an integer sum, so tallies add and
 * subtract exactly: an incremental update lands on the same numbers as a full recompute.
 * Story points are kept in hundredths (`centiPoints`) for the same reason.
 *
 * Only *counted* issues appear: containers (issues with children) are left out of the counts,
 * and their points count only when nothing below them carries points (docs/rollup.md).
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
  cycleTenths: Map<number, number>;
  /** Day of resolution (days since epoch) → how many issues. */
  resolvedDays: Map<number, number>;
}

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
    cycleTenths: new Map(),
    resolvedDays: new Map(),
  };
}

const SCALARS = ['issues', 'done', 'inProgress', 'centiPoints', 'centiPointsDone', 'resolved', 'withDue', 'onTime', 'bugs'] as const;

function bump(map: Map<number, number>, key: number, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** target += sign × source, in place. */
export function addInto(target: WorkTally, source: WorkTally, sign: 1 | -1 = 1): void {
  for (const field of SCALARS) target[field] += sign * source[field];
  for (const [k, v] of source.cycleTenths) bump(target.cycleTenths, k, sign * v);
  for (const [k, v] of source.resolvedDays) bump(target.resolvedDays, k, sign * v);
}

export function cloneTally(t: WorkTally): WorkTally {
  return { ...t, cycleTenths: new Map(t.cycleTenths), resolvedDays: new Map(t.resolvedDays) };
}

export function isEmptyTally(t: WorkTally): boolean {
  return SCALARS.every((f) => t[f] === 0) && t.cycleTenths.size === 0 && t.resolvedDays.size === 0;
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

/** target += sign × (the tally of one issue on its own, by the counting rule), without allocating. */
export function addUnit(target: WorkTally, issue: IssueState, hasChildren: boolean, pointsBelow: boolean, sign: 1 | -1): void {
  const done = issue.statusCategory === 'done';
  if (issue.storyPoints !== null && !pointsBelow) {
    const centi = Math.round(issue.storyPoints * 100);
    target.centiPoints += sign * centi;
    if (done) target.centiPointsDone += sign * centi;
  }
  if (hasChildren) return;
  target.issues += sign;
  if (done) target.done += sign;
  else if (issue.statusCategory === 'indeterminate') target.inProgress += sign;
  if (issue.isBug) target.bugs += sign;
  if (done && issue.resolved !== null) {
    target.resolved += sign;
    const start = issue.started ?? issue.created;
    bump(target.cycleTenths, Math.max(0, Math.round(((issue.resolved - start) / DAY_MS) * 10)), sign);
    bump(target.resolvedDays, epochDay(issue.resolved), sign);
    if (issue.dueDate !== null) {
      target.withDue += sign;
      if (issue.resolved < endOfDate(issue.dueDate)) target.onTime += sign;
    }
  }
}

/** The tally of one issue on its own, by the counting rule. */
export function unitTally(issue: IssueState, pos: TreePosition): WorkTally {
  const t = emptyTally();
  addUnit(t, issue, pos.hasChildren, pos.pointsBelow, 1);
  return t;
}
