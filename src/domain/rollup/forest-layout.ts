import type { IssueState } from '../../contract';
import { emptyUnit, leafUnit, placeUnit, SCALARS, type Histogram, type Unit, type WorkTally } from '../tally';
import { keepShapeOf } from '../kept-shapes';
import { hashOf, indexWithHash, internWithHash, keysOf, newKeyIndex, type KeyIndex } from './key-index';

/**
 * The imported functions that layOut calls for every issue (or container), bound once. Run through tsx (the
 * tests, the benchmarks: modules compiled to CommonJS), each call to an imported function reads
 * it through its module's export getter first, and V8 did not inline these: with the same calls
 * through local bindings, layOut took about 20 % less time. (Webpack's production mode, which
 * Forge's bundler uses, concatenates the modules: there the calls are direct either way.)
 */
const hashKey = hashOf;
const internKey = internWithHash;
const findKey = indexWithHash;
const leafOf = leafUnit;
const placeOf = placeUnit;

/** Integer sums per issue in `ForestLayout.sums`, in the order of SCALARS. */
const S = SCALARS.length;

/** The subtree sums of a layout (see `ForestLayout.sums`). */
export type Sums = Int32Array | Float64Array;

/** The largest sum an Int32Array holds. */
const INT32_MAX = 0x7fffffff;

/**
 * Issues laid out for counting from scratch in one pass: each issue interned to an index, its
 * parent as an index (−1: a root here), an order with children before their parents, and the
 * counters and subtree sums of the counting rule in typed arrays. The full recompute lays out
 * every issue; an event that moves an issue lays out the issue and its subtree.
 *
 * A parent link is followed when the parent is among the issues; a cycle (corrupt data: Jira
 * never makes one) is cut at the link of its smallest key.
 */
export interface ForestLayout {
  readonly keys: readonly string[];
  readonly states: readonly IssueState[];
  /** Key → index: see `indexOf` (key-index.ts). */
  readonly index: KeyIndex;
  /** The parent's index; −1 for a root. */
  readonly parent: Int32Array;
  /** Every issue once, deepest first: children before their parents. */
  readonly order: Int32Array;
  readonly childCount: Int32Array;
  /** Issues below that carry story points. */
  readonly pointsBelow: Int32Array;
  /**
   * The integer sums of each issue's subtree, S per issue (SCALARS order): an Int32Array when every
   * sum fits in one (the issues' story points add up to less than 21 million), else a Float64Array.
   * See `sumsFor`.
   */
  readonly sums: Sums;
  /** 1 where the issue adds to the histograms; then its cycle time (tenths of a day) and resolution day. */
  readonly timed: Uint8Array;
  readonly cycleTenth: Float64Array;
  readonly resolvedDay: Float64Array;
  /** Children of each issue, as ranges of one array: issue i's are list[start[i]] up to list[start[i + 1]]. */
  readonly children: { start: Int32Array; list: Int32Array };
}

/**
 * Lays out issues; a key given twice takes its later state (at its first place). `detached`: an issue whose parent
 * link is not followed (an event hangs it under its new parent itself).
 */
export function layOut(issues: readonly IssueState[], detached: string | null = null): ForestLayout {
  // Each pass is a function of its own: layOut runs once per full recompute, so V8 optimises its
  // loops on the stack (OSR), and code after a loop that had not run yet when the loop was
  // compiled made it deoptimise again on the next recomputes (one pass per function: none).
  const max = issues.length;
  let rows = rowsFor(max, new Int32Array(max * S));
  const keyHash = new Int32Array(max);
  const parentHash = new Int32Array(max);
  if (!(readLeaves(issues, rows, keyHash, parentHash) <= INT32_MAX)) {
    // story points too large for 32-bit sums (hundredths of a point add up past 2^31): read again into doubles
    rows = rowsFor(max, new Float64Array(max * S));
    readLeaves(issues, rows, keyHash, parentHash);
  }
  const index = newKeyIndex(max);
  const indexAt = new Int32Array(max);
  const copy = internKeys(issues, keyHash, index, indexAt);
  const keys = keysOf(index);
  const states = copy ?? issues;
  const n = keys.length;
  if (copy !== null) moveRows(rows, indexAt);
  const parent = new Int32Array(n).fill(-1);
  findParents(issues, copy === null ? null : states, indexAt, parentHash, index, detached, parent);
  cutCycles(parent, keys);
  const order = deepestFirst(parent);
  const children = childrenOf(parent);
  const childCount = new Int32Array(n);
  const pointsBelow = new Int32Array(n);
  sumSubtrees(order, children, rows, childCount, pointsBelow);
  const { sums, timed, cycleTenth, resolvedDay } = rows;
  return {
    keys,
    states,
    index,
    parent,
    order,
    childCount,
    pointsBelow,
    sums,
    timed,
    cycleTenth,
    resolvedDay,
    children,
  };
}

/** The unit each issue's counts pass through while a layout is made (layOut runs to the end before it runs again). */
const scratchUnit = emptyUnit();

/**
 * The per-issue arrays of a layout being made, by row (input position, then index), with `sums`
 * given. The sums are 32-bit integers whenever they fit: a number read from a Float64Array comes
 * out as a heap number wherever it is not used at once as a double, and summing the subtrees
 * made one for each field of every container read back (4.8 MB of garbage a full recompute, and
 * its time); a number read from an Int32Array is a small integer.
 */
function rowsFor(max: number, sums: Sums): Rows {
  return {
    pointed: new Uint8Array(max),
    sums,
    timed: new Uint8Array(max),
    cycleTenth: new Float64Array(max),
    resolvedDay: new Float64Array(max),
  };
}

/** The per-issue arrays of a layout being made, by row (input position, then index). */
interface Rows {
  /** 1 where the issue carries story points. */
  readonly pointed: Uint8Array;
  readonly sums: Sums;
  readonly timed: Uint8Array;
  readonly cycleTenth: Float64Array;
  readonly resolvedDay: Float64Array;
}

/**
 * One read of each issue: the hashes of its key and parent, and what it adds as a leaf, in row k
 * (its place in the input: its index too, unless a key came twice). Returns the sum of every
 * issue's story points in hundredths, the largest any subtree sum can reach (the other sums count
 * issues): above INT32_MAX, 32-bit sums would not hold them.
 */
function readLeaves(issues: readonly IssueState[], rows: Rows, keyHash: Int32Array, parentHash: Int32Array): number {
  const { pointed, sums, timed, cycleTenth, resolvedDay } = rows;
  const unit = scratchUnit;
  // siblings often come one after another: their parent's key is hashed once
  let lastParent: string | null = null;
  let lastHash = 0;
  let points = 0;
  for (let k = 0; k < issues.length; k++) {
    const issue = issues[k] as IssueState;
    keyHash[k] = hashKey(issue.key);
    const parentKey = issue.parentKey;
    if (parentKey !== null) {
      if (parentKey !== lastParent) {
        lastParent = parentKey;
        lastHash = hashKey(parentKey);
      }
      parentHash[k] = lastHash;
    }
    pointed[k] = issue.storyPoints !== null ? 1 : 0;
    writeUnit(leafOf(issue, unit), k, sums, timed, cycleTenth, resolvedDay);
    points += Math.abs(unit.centiPoints);
  }
  return points;
}

/**
 * The keys interned, in a loop of their own (see indexWithHash); `indexAt[k]`: the index of input
 * k. Returns the issues by index when a key comes twice (a copy, with the later states), else null.
 */
function internKeys(
  issues: readonly IssueState[],
  keyHash: Int32Array,
  index: KeyIndex,
  indexAt: Int32Array,
): IssueState[] | null {
  let copy: IssueState[] | null = null;
  for (let k = 0; k < issues.length; k++) {
    const issue = issues[k] as IssueState;
    const i = internKey(index, issue.key, keyHash[k] as number);
    indexAt[k] = i;
    if (i !== k || copy !== null) {
      copy ??= issues.slice(0, k);
      copy[i] = issue;
    }
  }
  return copy;
}

/**
 * A key given twice: each row moves to its index, the later state last (an index is never above
 * its row, so no row is overwritten before it moves).
 */
function moveRows(rows: Rows, indexAt: Int32Array): void {
  const { pointed, sums, timed, cycleTenth, resolvedDay } = rows;
  for (let k = 0; k < indexAt.length; k++) {
    const i = indexAt[k] as number;
    if (i === k) continue;
    pointed[i] = pointed[k] as number;
    timed[i] = timed[k] as number;
    cycleTenth[i] = cycleTenth[k] as number;
    resolvedDay[i] = resolvedDay[k] as number;
    sums.copyWithin(i * S, k * S, k * S + S);
  }
}

/** Every parent's index, every key being known (`states`: the issues by index when a key came twice). */
function findParents(
  issues: readonly IssueState[],
  states: readonly IssueState[] | null,
  indexAt: Int32Array,
  parentHash: Int32Array,
  index: KeyIndex,
  detached: string | null,
  parent: Int32Array,
): void {
  let lastParent: string | null = null;
  let lastIndex = -1;
  for (let k = 0; k < issues.length; k++) {
    const issue = issues[k] as IssueState;
    const parentKey = issue.parentKey;
    if (parentKey === null) continue;
    const i = indexAt[k] as number;
    if (states !== null && states[i] !== issue) continue; // a later state of the key took its place
    if (detached !== null && issue.key === detached) continue;
    if (parentKey !== lastParent) {
      lastParent = parentKey;
      lastIndex = findKey(index, parentKey, parentHash[k] as number);
    }
    if (lastIndex !== i) parent[i] = lastIndex;
  }
}

/**
 * Deepest first: when an issue is reached, everything below it is counted, so where it sits is
 * known (containers, points below: what it adds changes); then it takes its children's sums.
 */
function sumSubtrees(
  order: Int32Array,
  children: { start: Int32Array; list: Int32Array },
  rows: Rows,
  childCount: Int32Array,
  pointsBelow: Int32Array,
): void {
  const { start, list } = children;
  const { pointed, sums, timed, cycleTenth, resolvedDay } = rows;
  const unit = scratchUnit;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const first = start[i] as number;
    const end = start[i + 1] as number;
    if (first === end) continue;
    let below = 0;
    for (let c = first; c < end; c++) {
      const child = list[c] as number;
      below += (pointsBelow[child] as number) + (pointed[child] as number);
    }
    childCount[i] = end - first;
    pointsBelow[i] = below;
    writeUnit(
      placeOf(readUnit(i, sums, timed, cycleTenth, resolvedDay, unit), true, below > 0),
      i,
      sums,
      timed,
      cycleTenth,
      resolvedDay,
    );
    const to = i * S;
    for (let c = first; c < end; c++) {
      const from = (list[c] as number) * S;
      for (let f = 0; f < S; f++) sums[to + f] = (sums[to + f] as number) + (sums[from + f] as number);
    }
  }
}

/** Stores issue i's unit in the layout's arrays (the integer sums in SCALARS order). */
function writeUnit(
  unit: Unit,
  i: number,
  sums: Sums,
  timed: Uint8Array,
  cycleTenth: Float64Array,
  resolvedDay: Float64Array,
): void {
  const at = i * S;
  sums[at] = unit.issues;
  sums[at + 1] = unit.done;
  sums[at + 2] = unit.inProgress;
  sums[at + 3] = unit.centiPoints;
  sums[at + 4] = unit.centiPointsDone;
  sums[at + 5] = unit.resolved;
  sums[at + 6] = unit.withDue;
  sums[at + 7] = unit.onTime;
  sums[at + 8] = unit.bugs;
  timed[i] = unit.timed ? 1 : 0;
  cycleTenth[i] = unit.cycleTenth;
  resolvedDay[i] = unit.resolvedDay;
}

function readUnit(
  i: number,
  sums: Sums,
  timed: Uint8Array,
  cycleTenth: Float64Array,
  resolvedDay: Float64Array,
  into: Unit,
): Unit {
  const at = i * S;
  into.issues = int(sums[at] as number);
  into.done = int(sums[at + 1] as number);
  into.inProgress = int(sums[at + 2] as number);
  into.centiPoints = int(sums[at + 3] as number);
  into.centiPointsDone = int(sums[at + 4] as number);
  into.resolved = int(sums[at + 5] as number);
  into.withDue = int(sums[at + 6] as number);
  into.onTime = int(sums[at + 7] as number);
  into.bugs = int(sums[at + 8] as number);
  into.timed = timed[i] === 1;
  into.cycleTenth = int(cycleTenth[i] as number);
  into.resolvedDay = int(resolvedDay[i] as number);
  return into;
}

/**
 * A number read from a Float64Array (the cycle times and resolution days, and the sums of a layout
 * whose points need doubles), as a small integer when it is one. A Float64Array element always
 * comes out as a heap number, and an object field that once holds one is kept as a boxed double in
 * every object of its shape: each of the 25,000 tallies of a full recompute then made nine more
 * objects, and every later addition to a tally a new box.
 */
export function int(x: number): number {
  const i = x | 0;
  return i === x && (i !== 0 || 1 / x > 0) ? i : x;
}

/**
 * Parent links form a functional graph: walk each line once, stamping issues with the walk's
 * number, to find its cycles; each is cut at its smallest key.
 */
function cutCycles(parent: Int32Array, keys: readonly string[]): void {
  const stamp = new Int32Array(parent.length);
  for (let start = 0; start < parent.length; start++) {
    if (stamp[start] !== 0) continue;
    const walk = start + 1;
    let at = start;
    while (at >= 0 && stamp[at] === 0) {
      stamp[at] = walk;
      at = parent[at] as number;
    }
    if (at < 0 || stamp[at] !== walk) continue;
    let smallest = at;
    for (let c = parent[at] as number; c !== at; c = parent[c] as number)
      if ((keys[c] as string) < (keys[smallest] as string)) smallest = c;
    parent[smallest] = -1;
  }
}

/** Every index once, by depth, deepest first (a counting sort). */
function deepestFirst(parent: Int32Array): Int32Array {
  const n = parent.length;
  const depth = new Int32Array(n).fill(-1);
  const path = new Int32Array(n);
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    if ((depth[i] as number) >= 0) continue;
    let top = 0;
    let at = i;
    while (at >= 0 && (depth[at] as number) < 0) {
      path[top++] = at;
      at = parent[at] as number;
    }
    let d = at < 0 ? -1 : (depth[at] as number);
    while (top > 0) {
      const x = path[--top] as number;
      depth[x] = ++d;
    }
    if (d > deepest) deepest = d;
  }
  const start = new Int32Array(deepest + 2);
  for (let i = 0; i < n; i++) {
    const at = deepest - (depth[i] as number) + 1;
    start[at] = (start[at] as number) + 1;
  }
  for (let d = 1; d < start.length; d++) start[d] = (start[d] as number) + (start[d - 1] as number);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const at = deepest - (depth[i] as number);
    const to = start[at] as number;
    order[to] = i;
    start[at] = to + 1;
  }
  return order;
}

function childrenOf(parent: Int32Array): { start: Int32Array; list: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p >= 0) start[p + 1] = (start[p + 1] as number) + 1;
  }
  for (let i = 1; i <= n; i++) start[i] = (start[i] as number) + (start[i - 1] as number);
  const next = start.slice(0, n);
  const list = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p < 0) continue;
    const to = next[p] as number;
    list[to] = i;
    next[p] = to + 1;
  }
  return { start, list };
}

/** The tally of one issue's subtree: the sums from the layout, the histograms from a walk of the subtree. */
export function subtreeTally(layout: ForestLayout, i: number): WorkTally {
  const at = i * S;
  const s = layout.sums;
  const resolved = int(s[at + 5] as number);
  const m = resolved === 0 ? 0 : timedValues(layout, i, resolved);
  return {
    issues: int(s[at] as number),
    done: int(s[at + 1] as number),
    inProgress: int(s[at + 2] as number),
    centiPoints: int(s[at + 3] as number),
    centiPointsDone: int(s[at + 4] as number),
    resolved,
    withDue: int(s[at + 6] as number),
    onTime: int(s[at + 7] as number),
    bugs: int(s[at + 8] as number),
    cycleTenths: m === 0 ? [] : histogramOf(values, 0, m),
    resolvedDays: m === 0 ? [] : histogramOf(values, resolved, resolved + m),
  };
}

/**
 * Scratch arrays of the subtree walks, kept between calls (the full recompute walks the subtree of
 * every linked issue: a stack and two value arrays per walk were most of its garbage).
 */
let stack = new Int32Array(256);
let values = new Float64Array(512);

/**
 * Walks i's subtree and puts the cycle time of each issue that adds to the histograms in
 * `values` from 0, its resolution day from `count` (at most `count` of them); returns how many.
 */
function timedValues(layout: ForestLayout, i: number, count: number): number {
  if (stack.length < layout.order.length) stack = new Int32Array(Math.max(layout.order.length, stack.length * 2));
  if (values.length < 2 * count) values = new Float64Array(Math.max(2 * count, values.length * 2));
  const { start, list } = layout.children;
  const { timed, cycleTenth, resolvedDay } = layout;
  let m = 0;
  let top = 0;
  stack[top++] = i;
  while (top > 0) {
    const x = stack[--top] as number;
    if (timed[x] === 1) {
      values[m] = cycleTenth[x] as number;
      values[count + m] = resolvedDay[x] as number;
      m++;
    }
    for (let c = start[x] as number; c < (start[x + 1] as number); c++) stack[top++] = list[c] as number;
  }
  return m;
}

/** Values from..to of `values` (sorted there), run-length coded, in an array of exactly the size needed (25,000 tallies are kept). */
function histogramOf(values: Float64Array, from: number, to: number): Histogram {
  sortRange(values, from, to);
  let runs = 0;
  for (let i = from; i < to; i++) if (i === from || values[i] !== values[i - 1]) runs++;
  const out: Histogram = new Array<number>(runs * 2);
  let at = -2;
  for (let i = from; i < to; i++) {
    const v = int(values[i] as number);
    if (i === from || v !== values[i - 1]) {
      at += 2;
      out[at] = v;
      out[at + 1] = 1;
    } else out[at + 1] = (out[at + 1] as number) + 1;
  }
  return out;
}

/** Sorts values from..to in place: by insertion when few (most subtrees), else by the typed array's sort. */
function sortRange(values: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= from && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}

/**
 * A layout of no issues, and its rows, kept: a layout's hidden classes last from one recompute to
 * the next (kept-shapes.ts). place-issues.ts places it to keep a placement's.
 */
export const EMPTY_LAYOUT: ForestLayout = keepShapeOf(layOut([]));
keepShapeOf(rowsFor(0, new Int32Array(0)));
