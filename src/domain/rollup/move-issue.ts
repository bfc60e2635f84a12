import type { IssueState } from '../../contract';
import { addInto, emptyTally, type WorkTally } from '../tally';
import { layOut, subtreeTally } from './forest-layout';
import { carries, unitOf } from './in-place-change';
import { servedBy, setId, setsOf } from './links';
import { NO_LINE, placeRecords, type LineAbove } from './place-issues';
import type { IssueRecord, LinkCount, SetRef } from './records';

/**
 * The structural event: an issue seen for the first time, given a new parent, or deleted. The
 * caller reads the issue's stored subtree and the lines above its old and new place; the
 * subtree is counted afresh with the same layout as the full recompute (so drift in it is
 * repaired), taken off the old line as it was stored there and hung on the new one, and the
 * sets around it are then recomputed from their roots (set-of-work.ts). A deleted issue's
 * children stay, as roots, until Jira says where they went.
 */

/** The record of an issue seen for the first time, with the links already made on it (placed by `moveIssue`). */
export function newIssueRecord(state: IssueState, links: LinkCount[]): IssueRecord {
  return { key: state.key, state, parent: null, ancestors: [], childCount: 0, pointsBelow: 0, links, tally: null };
}

/** The parent to hang an issue under: its Jira parent, unless that would close a cycle (the issue itself or one below it). */
export function parentToAttach(
  key: string,
  next: IssueState | null,
  below: readonly Pick<IssueRecord, 'key'>[],
): string | null {
  const parentKey = next?.parentKey ?? null;
  if (parentKey === null || parentKey === key || below.some((n) => n.key === parentKey)) return null;
  return parentKey;
}

/** The issue's old line (its stored ancestors) and new line (the new parent and its ancestors), one record per issue where they meet. */
export function linesAround<I extends IssueRecord>(
  existing: I | undefined,
  newParent: I | undefined,
  stored: ReadonlyMap<string, I>,
): { oldLine: I[]; newLine: I[] } {
  const parent = newParent === undefined ? undefined : (stored.get(newParent.key) ?? newParent);
  const lineOf = (keys: readonly string[]) => keys.flatMap((k) => stored.get(k) ?? []);
  return {
    oldLine: lineOf(existing?.ancestors ?? []),
    newLine: parent === undefined ? [] : [parent, ...lineOf(parent.ancestors)],
  };
}

export interface IssueMove<I extends IssueRecord> {
  key: string;
  /** The issue as stored; undefined when first seen. */
  existing: I | undefined;
  /** Its new state; null when it was deleted. */
  next: IssueState | null;
  /** For an issue first seen: its record (newIssueRecord). */
  fresh: I | undefined;
  /** The stored issues below it, by Jira parent (children waiting for it included). */
  below: I[];
  oldLine: I[];
  newLine: I[];
}

export interface MoveOutcome<I extends IssueRecord> {
  /** The issue records to write. */
  saved: I[];
  deleted: string[];
  /** The sets to recompute from their roots. */
  sets: SetRef[];
  /** The issue's record after the event (undefined: deleted). */
  node: I | undefined;
  /** The objectives the issue served through its line before, and serves now. */
  servedBefore: string[];
  served: string[];
}

/** Moves the subtree tallies of a line's linked issues by `sign × subtree` plus the change of the line's own counters. */
function moveLine(line: readonly IssueRecord[], subtree: WorkTally, sign: 1 | -1, change: () => void): void {
  const before = line.map(unitOf);
  change();
  const running = emptyTally();
  addInto(running, subtree, sign);
  line.forEach((n, i) => {
    addInto(running, unitOf(n));
    addInto(running, before[i] as WorkTally, -1);
    if (n.tally !== null) addInto(n.tally, running);
  });
}

export function moveIssue<I extends IssueRecord>(m: IssueMove<I>): MoveOutcome<I> {
  const { key, existing: x, below, oldLine, newLine } = m;

  // 1. the issue as it was, with what hung under it, leaves its old line
  const oldParent = oldLine[0];
  if (x !== undefined && x.parent !== null && oldParent !== undefined) {
    const was = emptyTally();
    for (const n of [x, ...below.filter((d) => d.ancestors.includes(key))]) addInto(was, unitOf(n));
    const carried = carries(x);
    moveLine(oldLine, was, -1, () => {
      oldParent.childCount -= 1;
      for (const a of oldLine) a.pointsBelow -= carried;
    });
  }

  // 2. the subtree is counted afresh; 3. it hangs on the new line
  const touched = new Map<string, I>([...oldLine, ...newLine].map((n) => [n.key, n]));
  const deleted: string[] = [];
  let node: I | undefined;
  if (m.next === null) {
    deleted.push(key);
    placeRecords(layOut(below.map((n) => n.state)), below, () => NO_LINE);
    for (const n of below) touched.set(n.key, n);
  } else {
    node = x ?? m.fresh;
    if (node === undefined) throw new Error(`moveIssue: ${key} is new and has no record`);
    node.state = m.next;
    const records = [node, ...below];
    const layout = layOut(
      records.map((n) => n.state),
      key,
    );
    const newParent = newLine[0];
    const above: LineAbove =
      newParent === undefined ? NO_LINE : { parent: newParent.key, ancestors: [newParent.key, ...newParent.ancestors] };
    placeRecords(layout, records, (root) => (root === key ? above : NO_LINE));
    for (const n of records) touched.set(n.key, n);
    if (newParent !== undefined) {
      const carried = carries(node);
      moveLine(newLine, node.tally ?? subtreeTally(layout, 0), 1, () => {
        newParent.childCount += 1;
        for (const a of newLine) a.pointsBelow += carried;
      });
    }
  }

  // 4. every set around it is to be recomputed
  const sets = new Map<string, SetRef>();
  for (const n of [...touched.values(), ...(x === undefined ? [] : [x])])
    for (const s of setsOf(n)) sets.set(setId(s), s);
  return {
    saved: [...touched.values()].filter((n) => !deleted.includes(n.key)),
    deleted,
    sets: [...sets.values()],
    node,
    servedBefore: x === undefined ? [] : servedBy([x, ...oldLine]),
    served: node === undefined ? [] : servedBy([node, ...newLine]),
  };
}
