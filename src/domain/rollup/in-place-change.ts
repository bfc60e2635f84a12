import type { IssueState } from '../../contract';
import * as tallies from '../tally';
import type { Unit, WorkTally } from '../tally';
import type { IssueRecord, LinkCount, SetRef } from './records';
import type { SetMove } from './set-of-work';

/**
 * The tally functions an issue event calls, bound once. Run through tsx (the tests and `npm run
 * bench`: modules compiled to CommonJS), each call to an imported function first reads it through
 * its module's export getter, a call of its own until V8 optimises the caller (see `hashKey` in
 * forest-layout.ts); Forge's bundler concatenates the modules, so deployed code calls directly.
 */
const { addInto, cloneTally, countUnit, emptyUnit, isEmptyTally, unitDelta, unitTally } = tallies;

/** What an issue adds to a tally on its own, by the counting rule, where it sits in the tree. */
export function unitOf(n: Pick<IssueRecord, 'state' | 'childCount' | 'pointsBelow'>): WorkTally {
  return unitTally(n.state, { hasChildren: n.childCount > 0, pointsBelow: n.pointsBelow > 0 });
}

/** An issue's unit where it sits in the tree, into `into`. */
const unitAt = (n: Pick<IssueRecord, 'state' | 'childCount' | 'pointsBelow'>, into: Unit): Unit =>
  countUnit(n.state, n.childCount > 0, n.pointsBelow > 0, into);

/** What an issue adds to the "points below" counter of each issue above it. */
export const carries = (n: Pick<IssueRecord, 'state' | 'pointsBelow'>): number =>
  n.pointsBelow + (n.state.storyPoints !== null ? 1 : 0);

export interface InPlaceChange<I extends IssueRecord> {
  /** The issue records to write: the issue, and those on its line whose counters or tallies moved. */
  saved: I[];
  /** What to add to each set the issue is in: see `moveSets`. */
  moves: SetMove[];
}

/** Scratch units of `changeInPlace` (it reads each into a delta at once, so one pair serves every call). */
const unitBefore = emptyUnit();
const unitAfter = emptyUnit();

/**
 * The common event: an issue changed where it is (status, points, dates; the same parent).
 * The change of the issue's unit, and of its ancestors' units when "points below" flips, moves
 * the subtree tally of every linked issue on the line and the tally of every set the issue is
 * in — each set once, at its root on the line (the highest linked issue in it). O(depth).
 * `line` is the issue's ancestors, nearest first, as stored; the records are changed in place.
 *
 * Run on every issue event: plain loops over the chain (the issue, then its line), two scratch
 * units, and a new delta only where the running one changes.
 */
export function changeInPlace<I extends IssueRecord>(issue: I, line: readonly I[], next: IssueState): InPlaceChange<I> {
  const pointsChange = (next.storyPoints !== null ? 1 : 0) - (issue.state.storyPoints !== null ? 1 : 0);
  unitAt(issue, unitBefore);
  // the ancestors' units before, only when "points below" moves (their points may stop or start counting)
  const lineBefore = pointsChange === 0 ? null : line.map((a) => unitAt(a, emptyUnit()));
  issue.state = next;
  if (pointsChange !== 0) for (let i = 0; i < line.length; i++) (line[i] as I).pointsBelow += pointsChange;

  // deltas[i]: how much the subtree of the i-th issue on the chain (the issue, then its line) moved
  const own = unitDelta(unitAt(issue, unitAfter), unitBefore);
  const deltas: WorkTally[] = [own];
  let running = own;
  for (let i = 0; i < line.length; i++) {
    if (lineBefore !== null) {
      const moved = unitDelta(unitAt(line[i] as I, unitAfter), lineBefore[i] as Unit);
      if (!isEmptyTally(moved)) {
        running = cloneTally(running);
        addInto(running, moved);
      }
    }
    deltas.push(running);
  }

  // each set the chain's links put it in, at the highest issue of the chain in it (a line holds
  // a few links: a list, searched, rather than a map of names made for each)
  const sets: SetRef[] = [];
  const highest: number[] = [];
  for (let i = 0; i <= line.length; i++) {
    const n = i === 0 ? issue : (line[i - 1] as I);
    if (n.tally !== null) addInto(n.tally, deltas[i] as WorkTally);
    const links = n.links;
    for (let k = 0; k < links.length; k++) {
      const l = links[k] as LinkCount;
      noteHighest(sets, highest, l.objectiveId, null, i);
      if (l.keyResultId !== null) noteHighest(sets, highest, l.objectiveId, l.keyResultId, i);
    }
  }
  const moves: SetMove[] = [];
  for (let j = 0; j < sets.length; j++) {
    const delta = deltas[highest[j] as number] as WorkTally;
    if (!isEmptyTally(delta)) moves.push({ set: sets[j] as SetRef, delta });
  }
  const saved: I[] = [issue];
  for (let i = 0; i < line.length; i++) {
    const n = line[i] as I;
    if (pointsChange !== 0 || n.tally !== null) saved.push(n);
  }
  return { saved, moves };
}

/** Notes that the chain's issue `at` is in a set (the sets in the order first met, as a map of their names kept them). */
function noteHighest(
  sets: SetRef[],
  highest: number[],
  objectiveId: string,
  keyResultId: string | null,
  at: number,
): void {
  for (let j = 0; j < sets.length; j++) {
    const s = sets[j] as SetRef;
    if (s.objectiveId === objectiveId && s.keyResultId === keyResultId) {
      highest[j] = at;
      return;
    }
  }
  sets.push({ objectiveId, keyResultId });
  highest.push(at);
}
