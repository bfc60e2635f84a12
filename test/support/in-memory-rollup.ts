import type { IssueState, ObjectiveRollup } from '../../src/contract';
import * as inPlace from '../../src/domain/rollup/in-place-change';
import type { IssueRecord, RollupRecord, RollupSettings } from '../../src/domain/rollup/records';
import * as setsOfWork from '../../src/domain/rollup/set-of-work';
import type { SetMove } from '../../src/domain/rollup/set-of-work';
import * as upward from '../../src/domain/rollup/upward';

/** No rollup read: the objectives above are all in hand already. */
const NONE_READ: ReadonlyMap<string, never> = new Map<string, never>();

/** Bound once, as the domain's hot paths bind theirs (see the top of src/domain/rollup/in-place-change.ts). */
const { changeInPlace } = inPlace;
const { moveSets } = setsOfWork;
const { changedRecords, climb, settle, startUpward } = upward;

/**
 * The rollup's records held in memory, changed by the domain's in-place event path the way
 * src/app/rollup/apply-issue-event.ts changes stored ones — each read a map lookup, nothing to
 * save (the records are changed where they are). Used by the rollup benchmark and domain tests.
 */
export class InMemoryRollup<I extends IssueRecord = IssueRecord, R extends RollupRecord = RollupRecord> {
  readonly issues: Map<string, I>;
  readonly rollups: Map<string, R>;

  constructor(
    records: { issues: Iterable<I>; rollups: readonly R[] },
    private readonly settings: RollupSettings,
    private readonly now: number,
  ) {
    this.issues = new Map(Array.from(records.issues, (i): [string, I] => [i.key, i]));
    this.rollups = new Map(records.rollups.map((r) => [r.objectiveId, r]));
  }

  /** An issue changed where it is (same parent): returns the objective records that changed. */
  changeInPlace(next: IssueState): ObjectiveRollup[] {
    const issue = this.issues.get(next.key);
    if (issue === undefined || issue.state.parentKey !== next.parentKey)
      throw new Error(`${next.key} is not an in-place change`);
    if (next.updated < issue.state.updated) return [];
    const line: I[] = [];
    const ancestors = issue.ancestors;
    for (let i = 0; i < ancestors.length; i++) {
      const a = this.issues.get(ancestors[i] as string);
      if (a !== undefined) line.push(a);
    }
    const { moves } = changeInPlace(issue, line, next);
    // the rollups of the objectives the moves name, each once (objectivesOf, without the list of sets)
    const touched = new Map<string, R>();
    let level: R[] = [];
    for (let i = 0; i < moves.length; i++) {
      const id = (moves[i] as SetMove).set.objectiveId;
      if (touched.has(id)) continue;
      const r = this.rollups.get(id);
      if (r === undefined) continue;
      touched.set(id, r);
      level.push(r);
    }
    moveSets(touched, moves);
    const walk = startUpward<R>(this.settings, this.now);
    while (level.length > 0) {
      const wanted = settle(walk, level);
      if (walk.pending.size === 0) break;
      // the next level is `wanted` read from storage; here every rollup is in hand, so climb looks
      // each up in the map of them all (no map of the ones read made per level: a map's clear()
      // allocates its table again, and a new one more)
      level = climb(walk, wanted.length === 0 ? NONE_READ : this.rollups);
    }
    return changedRecords(walk);
  }
}
