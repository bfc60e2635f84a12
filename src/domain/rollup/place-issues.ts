import type { IssueState } from '../../contract';
import { keepShapeOf } from '../kept-shapes';
import type { ForestLayout } from './forest-layout';
import { EMPTY_LAYOUT, subtreeTally } from './forest-layout';
import type { IssueRecord, LinkCount } from './records';

/** Where a root of a layout hangs: its parent outside the layout and the line above (nearest first). */
export interface LineAbove {
  parent: string | null;
  ancestors: string[];
}

/** Nothing above: an issue whose parent is not known. */
export const NO_LINE: LineAbove = { parent: null, ancestors: [] };

/** The links of an issue nobody linked: one array, shared (links are replaced, never changed in place). */
export const NO_LINKS: LinkCount[] = [];

/**
 * The record of every issue laid out (`records[i]` is issue i of the layout), as the tree places
 * it (see `placedRecord`); `linksAt[i]`: issue i's links, none when absent.
 */
export function placedRecords(
  layout: ForestLayout,
  lineAbove: (rootKey: string) => LineAbove,
  linksAt: readonly (LinkCount[] | undefined)[],
): IssueRecord[] {
  const at = placement(layout, lineAbove);
  const n = layout.keys.length;
  const records = new Array<IssueRecord>(n);
  for (let i = 0; i < n; i++) records[i] = placedRecord(at, i, linksAt[i] ?? NO_LINKS);
  return records;
}

/** Issues of a layout being placed, in any order: the lines made so far, shared by the records of siblings. */
export interface Placement {
  readonly layout: ForestLayout;
  /** Where each root of the layout hangs. */
  readonly lineAbove: (rootKey: string) => LineAbove;
  /** The line each issue's children hang on, [it, ...its ancestors], once made. */
  readonly lineBelow: (string[] | undefined)[];
  readonly path: Int32Array;
}

export function placement(layout: ForestLayout, lineAbove: (rootKey: string) => LineAbove): Placement {
  const n = layout.keys.length;
  return { layout, lineAbove, lineBelow: new Array<string[] | undefined>(n), path: new Int32Array(n) };
}

// a placement of no issues keeps a placement's hidden class from one recompute to the next (kept-shapes.ts)
keepShapeOf(placement(EMPTY_LAYOUT, () => NO_LINE));

/**
 * Issue i's record as the tree places it: its parent and line of ancestors (nearest first; siblings
 * share one array), its counters, its links and, when it is linked, its subtree's tally.
 */
export function placedRecord(at: Placement, i: number, links: LinkCount[]): IssueRecord {
  const layout = at.layout;
  const p = layout.parent[i] as number;
  let parent: string | null;
  let ancestors: string[];
  if (p < 0) {
    const line = at.lineAbove(layout.keys[i] as string);
    parent = line.parent;
    ancestors = line.ancestors;
  } else {
    parent = layout.keys[p] as string;
    ancestors = at.lineBelow[p] ?? linesDown(at, p);
  }
  return {
    key: layout.keys[i] as string,
    state: layout.states[i] as IssueState,
    parent,
    ancestors,
    childCount: layout.childCount[i] as number,
    pointsBelow: layout.pointsBelow[i] as number,
    links,
    tally: links.length > 0 ? subtreeTally(layout, i) : null,
  };
}

/**
 * The line below issue p ([p, ...its ancestors]), made with the lines below those of its
 * ancestors that have none yet, from the nearest one known (or the root) down.
 */
function linesDown(at: Placement, p: number): string[] {
  const { keys, parent: parentOf } = at.layout;
  const { lineBelow, path } = at;
  let top = 0;
  let above: string[];
  for (let x = p; ;) {
    path[top++] = x;
    const up = parentOf[x] as number;
    if (up < 0) {
      above = at.lineAbove(keys[x] as string).ancestors;
      break;
    }
    const known = lineBelow[up];
    if (known !== undefined) {
      above = known;
      break;
    }
    x = up;
  }
  while (top > 0) {
    const x = path[--top] as number;
    const line = new Array<string>(above.length + 1);
    line[0] = keys[x] as string;
    for (let j = 0; j < above.length; j++) line[j + 1] = above[j] as string;
    above = lineBelow[x] = line;
  }
  return above;
}

/** Writes what the tree says into records laid out (`records[i]` is issue i of the layout), keeping their links. */
export function placeRecords(
  layout: ForestLayout,
  records: readonly IssueRecord[],
  lineAbove: (rootKey: string) => LineAbove,
): void {
  const placed = placedRecords(
    layout,
    lineAbove,
    records.map((r) => r.links),
  );
  placed.forEach((p, i) => Object.assign(records[i] as IssueRecord, p));
}
