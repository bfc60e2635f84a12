import { addInto, cloneTally, emptyTally, isEmptyTally, type Histogram, type WorkTally } from '../tally';
import type { IssueRecord, LinkedIssue, RollupRecord, SetRef } from './records';

/**
 * Which work a set holds (docs/rollup.md, "Which work counts"): every issue linked into it brings
 * its subtree, and an issue reached twice counts once. So a set's tally is the sum of the subtree
 * tallies of its *roots*: the linked issues none of whose ancestors is linked into the same set.
 * The event path, link changes and the full recompute all count a set with these functions.
 */

/**
 * Where a set's members are looked up: a `Map` of records by key, or any object with `get`. An
 * object, not a closure: V8 compiles the loops that count sets against the function they call, and
 * a closure made for one recompute dies with it, throwing that compiled code away every time
 * (docs/benchmarks.md, "Compiled code that lasts"); a `Map`'s `get` is the same function every time.
 */
export interface IssueLookup {
  get(key: string): Pick<IssueRecord, 'ancestors' | 'tally'> | undefined;
}

/** The issues linked into a set, each once: for an objective's set every link to it or to one of its key results, for a key result's its own. */
export function membersOf(links: readonly LinkedIssue[], set: Pick<SetRef, 'keyResultId'>): string[] {
  const out: string[] = [];
  for (const l of links)
    if ((set.keyResultId === null || l.keyResultId === set.keyResultId) && !out.includes(l.issueKey))
      out.push(l.issueKey);
  return out;
}

/** Whether a linked issue is a root of the set: no ancestor of it is linked into the set too (`index`: the members as a set, for a large one). */
export function isRootIn(
  issue: Pick<IssueRecord, 'ancestors'>,
  members: readonly string[],
  index: ReadonlySet<string> | null = null,
): boolean {
  for (const a of issue.ancestors) if (index === null ? members.includes(a) : index.has(a)) return false;
  return true;
}

/** Members beyond which a set is looked up through a Set rather than the list. */
const LIST_LOOKUP = 16;

/** A set's tally: each known root adds its subtree tally, once. */
export function setTally(members: readonly string[], issues: IssueLookup): WorkTally {
  const index = members.length > LIST_LOOKUP ? new Set(members) : null;
  let count = 0;
  for (const key of members) {
    const issue = issues.get(key);
    if (issue === undefined || issue.tally === null || !isRootIn(issue, members, index)) continue;
    roots[count++] = issue.tally;
  }
  const tally = count === 0 ? emptyTally() : count === 1 ? cloneTally(roots[0] as WorkTally) : sumOf(count);
  for (let i = 0; i < count; i++) roots[i] = NO_TALLY;
  return tally;
}

/** The roots' tallies of the set being counted (kept between calls; emptied after each). */
const roots: WorkTally[] = [];
const NO_TALLY = emptyTally();

/** The sum of the first `count` tallies of `roots` (at least two): as adding each in turn (addInto), with each histogram merged once. */
function sumOf(count: number): WorkTally {
  const t = cloneScalars(roots[0] as WorkTally);
  for (let i = 1; i < count; i++) {
    const r = roots[i] as WorkTally;
    t.issues += r.issues;
    t.done += r.done;
    t.inProgress += r.inProgress;
    t.centiPoints += r.centiPoints;
    t.centiPointsDone += r.centiPointsDone;
    t.resolved += r.resolved;
    t.withDue += r.withDue;
    t.onTime += r.onTime;
    t.bugs += r.bugs;
  }
  t.cycleTenths = mergedHistograms(count, 'cycleTenths');
  t.resolvedDays = mergedHistograms(count, 'resolvedDays');
  return t;
}

function cloneScalars(r: WorkTally): WorkTally {
  return {
    issues: r.issues,
    done: r.done,
    inProgress: r.inProgress,
    centiPoints: r.centiPoints,
    centiPointsDone: r.centiPointsDone,
    resolved: r.resolved,
    withDue: r.withDue,
    onTime: r.onTime,
    bugs: r.bugs,
    cycleTenths: [],
    resolvedDays: [],
  };
}

/** Two buffers the histograms are merged in, in turn (kept between calls). */
let mergeFrom: number[] = [];
let mergeTo: number[] = [];

/**
 * One histogram of each of the first `count` roots (`cycleTenths` or `resolvedDays`), added up:
 * values in order, counts summed, a value whose counts sum to zero left out (as `addInto` does),
 * in an array of exactly the size needed.
 */
function mergedHistograms(count: number, field: 'cycleTenths' | 'resolvedDays'): Histogram {
  let total = 0;
  for (let r = 0; r < count; r++) total += (roots[r] as WorkTally)[field].length;
  if (total === 0) return [];
  if (mergeFrom.length < total) {
    mergeFrom = new Array<number>(total * 2).fill(0);
    mergeTo = new Array<number>(total * 2).fill(0);
  }
  let length = 0;
  for (let r = 0; r < count; r++) {
    const b = (roots[r] as WorkTally)[field];
    if (b.length === 0) continue;
    const a = mergeFrom;
    const out = mergeTo;
    let k = 0;
    let i = 0;
    let j = 0;
    while (i < length && j < b.length) {
      const x = a[i] as number;
      const y = b[j] as number;
      if (x < y) {
        out[k++] = x;
        out[k++] = a[i + 1] as number;
        i += 2;
      } else if (y < x) {
        out[k++] = y;
        out[k++] = b[j + 1] as number;
        j += 2;
      } else {
        const c = (a[i + 1] as number) + (b[j + 1] as number);
        if (c !== 0) {
          out[k++] = x;
          out[k++] = c;
        }
        i += 2;
        j += 2;
      }
    }
    while (i < length) out[k++] = a[i++] as number;
    while (j < b.length) out[k++] = b[j++] as number;
    mergeTo = a;
    mergeFrom = out;
    length = k;
  }
  return mergeFrom.slice(0, length);
}

/** The tally a rollup holds for one of its sets (a new empty one when it holds none). */
export function tallyOfSet(r: RollupRecord, set: SetRef): WorkTally {
  if (set.keyResultId === null) return r.own;
  return r.keyResultTallies[set.keyResultId] ?? emptyTally();
}

/** Keeps a set's tally in its rollup; a key result's empty tally is left out. */
export function putTallyOfSet(r: RollupRecord, set: SetRef, t: WorkTally): void {
  if (set.keyResultId === null) r.own = t;
  else if (isEmptyTally(t)) delete r.keyResultTallies[set.keyResultId];
  else r.keyResultTallies[set.keyResultId] = t;
}

/** Every set of an objective: its own and one per key result. */
export function setsOfObjective(r: Pick<RollupRecord, 'objectiveId' | 'keyResults'>): SetRef[] {
  return [
    { objectiveId: r.objectiveId, keyResultId: null },
    ...r.keyResults.map((kr) => ({ objectiveId: r.objectiveId, keyResultId: kr.id })),
  ];
}

/** Recomputes some of an objective's sets from their roots, given the links made to the objective and its issues. */
export function recomputeSets(
  rollup: RollupRecord,
  sets: readonly SetRef[],
  links: readonly LinkedIssue[],
  issues: IssueLookup,
): void {
  for (const set of sets) {
    if (set.objectiveId !== rollup.objectiveId) continue;
    putTallyOfSet(rollup, set, setTally(membersOf(links, set), issues));
  }
}

/** Recomputes every set of an objective from their roots: `recomputeSets` with `setsOfObjective`, without making the set references. */
export function recomputeAllSets(rollup: RollupRecord, links: readonly LinkedIssue[], issues: IssueLookup): void {
  rollup.own = setTally(membersOf(links, OWN_SET), issues);
  for (const kr of rollup.keyResults) {
    const t = setTally(membersOf(links, { keyResultId: kr.id }), issues);
    if (isEmptyTally(t)) delete rollup.keyResultTallies[kr.id];
    else rollup.keyResultTallies[kr.id] = t;
  }
}

const OWN_SET = { keyResultId: null };

/** A change to one set's tally: what an in-place issue change adds there. */
export interface SetMove {
  set: SetRef;
  delta: WorkTally;
}

/** Adds in-place changes to the sets they move (rollups not in hand are left). */
export function moveSets(rollups: ReadonlyMap<string, RollupRecord>, moves: readonly SetMove[]): void {
  for (const m of moves) {
    const r = rollups.get(m.set.objectiveId);
    if (r === undefined) continue;
    const t = tallyOfSet(r, m.set);
    addInto(t, m.delta);
    putTallyOfSet(r, m.set, t);
  }
}
