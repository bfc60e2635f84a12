import type { IssueState } from '../../contract';
import type { ForestLayout } from './forest-layout';
import { subtreeTally } from './forest-layout';
import type { IssueRecord, LinkCount } from './records';

/** Where a root of a layout hangs: its parent outside the layout and the line above (nearest first). */
export interface LineAbove {
  parent: string | null;
  ancestors: string[];
}

/** Nothing above: an issue whose parent is not known. */
export const NO_LINE: LineAbove = { parent: null, ancestors: [] };

/**
 * Walks the issues laid out, parents first, and hands `place` each one's parent and line of
 * ancestors (nearest first); `lineAbove` says where each root of the layout hangs. Siblings
 * share one ancestors array.
 */
export function placeIssues(
  layout: ForestLayout,
  lineAbove: (rootKey: string) => LineAbove,
  place: (i: number, parent: string | null, ancestors: string[]) => void,
): void {
  const n = layout.order.length;
  // the line each issue's children hang on: [it, ...its ancestors], made once per parent
  const lineBelow: (string[] | undefined)[] = new Array<string[] | undefined>(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = layout.order[k] as number;
    const p = layout.parent[i] as number;
    if (p < 0) {
      const line = lineAbove(layout.keys[i] as string);
      place(i, line.parent, line.ancestors);
      continue;
    }
    let ancestors = lineBelow[p];
    if (ancestors === undefined) {
      const grandparent = layout.parent[p] as number;
      const above =
        grandparent < 0 ? lineAbove(layout.keys[p] as string).ancestors : (lineBelow[grandparent] as string[]);
      ancestors = lineBelow[p] = [layout.keys[p] as string, ...above];
    }
    place(i, layout.keys[p] as string, ancestors);
  }
}

/** Issue i's record as the tree places it: with its subtree's tally when it is linked. */
export function placedRecord(
  layout: ForestLayout,
  i: number,
  parent: string | null,
  ancestors: string[],
  links: LinkCount[],
): IssueRecord {
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

/** Writes what the tree says into records laid out (`records[i]` is issue i of the layout). */
export function placeRecords(
  layout: ForestLayout,
  records: readonly IssueRecord[],
  lineAbove: (rootKey: string) => LineAbove,
): void {
  placeIssues(layout, lineAbove, (i, parent, ancestors) => {
    const record = records[i] as IssueRecord;
    Object.assign(record, placedRecord(layout, i, parent, ancestors, record.links));
  });
}
