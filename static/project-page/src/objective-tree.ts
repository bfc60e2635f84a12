/**
 * The project page's tree, computed from the view without touching the DOM: per workgroup, its
 * objectives under the objectives they align to (primary parent), the aligned ones shown for
 * context above them; the filters; and the flat list of visible rows that the tree renders and
 * the keyboard moves through.
 */
import type { ProjectObjectiveRow, ProjectPageView } from '@contract/api';
import { compareObjectiveKeys } from '@contract/key-order';
import type { RollupStatus } from '@contract/rollup';
import { ancestors, buildTree } from '@shared/parent-tree';
import { shownStatus } from '@shared/status-text';

export type WorkgroupView = ProjectPageView['workgroups'][number];

export interface TreeNode {
  /** Unique on the page: an aligned objective can sit above several workgroups. */
  rowId: string;
  entry: ProjectObjectiveRow;
  /** Not this workgroup's own objective: one of its objectives aligns to it. */
  context: boolean;
  levelIndex: number;
  children: TreeNode[];
}

export interface Section {
  workgroup: WorkgroupView;
  roots: TreeNode[];
  /** How many of the workgroup's own objectives the tree holds (with a filter: how many match it). */
  own: number;
}

/** Every objective the view holds (a workgroup's own ones and the aligned ones), by key. */
export function entriesByKey(view: ProjectPageView): Map<string, ProjectObjectiveRow> {
  const all = new Map<string, ProjectObjectiveRow>();
  for (const entry of view.aligned) all.set(entry.objective.key, entry);
  for (const workgroup of view.workgroups)
    for (const entry of workgroup.objectives) all.set(entry.objective.key, entry);
  return all;
}

export function buildSections(view: ProjectPageView): Section[] {
  const levelIndex = new Map(view.levels.map((l, i) => [l.id, i]));
  const aligned = new Map(view.aligned.map((e) => [e.objective.id, e]));
  return view.workgroups.map((workgroup) => {
    const own = new Set(workgroup.objectives.map((e) => e.objective.id));
    const included = new Map<string, { entry: ProjectObjectiveRow; context: boolean }>();
    for (const entry of workgroup.objectives) included.set(entry.objective.id, { entry, context: false });
    // up each objective's primary parents through the aligned objectives the caller may see
    for (const entry of workgroup.objectives) {
      const above = ancestors(
        entry.objective.parentId,
        (id) => (own.has(id) ? undefined : aligned.get(id)),
        (e) => e.objective.parentId,
      );
      for (const parent of above) included.set(parent.objective.id, { entry: parent, context: true });
    }
    const levelOf = (entry: ProjectObjectiveRow) => levelIndex.get(entry.objective.levelId) ?? view.levels.length;
    const roots = buildTree(
      included.values(),
      {
        id: (i) => i.entry.objective.id,
        parentId: (i) => i.entry.objective.parentId,
        compare: (a, b) =>
          levelOf(a.entry) - levelOf(b.entry) || compareObjectiveKeys(a.entry.objective.key, b.entry.objective.key),
      },
      ({ entry, context }, children): TreeNode => ({
        rowId: `${workgroup.id}/${entry.objective.key}`,
        entry,
        context,
        levelIndex: levelOf(entry),
        children,
      }),
    );
    return { workgroup, roots, own: workgroup.objectives.length };
  });
}

export interface TreeFilter {
  workgroupId: string | null;
  status: RollupStatus | null;
  owner: string | null;
  text: string;
}

export const NO_FILTER: TreeFilter = { workgroupId: null, status: null, owner: null, text: '' };

/** Whether only the workgroup choice is set: the tree shows everything, folded as the user left it. */
export function narrows(filter: TreeFilter): boolean {
  return filter.status !== null || filter.owner !== null || filter.text.trim() !== '';
}

/**
 * The sections the filter keeps: a workgroup's own objective stays when it matches every filter;
 * the objectives above a kept one stay too, so that it is seen in its place.
 */
export function filterSections(
  sections: readonly Section[],
  filter: TreeFilter,
  ownerName: (accountId: string) => string,
): Section[] {
  const picked = filter.workgroupId === null ? sections : sections.filter((s) => s.workgroup.id === filter.workgroupId);
  if (!narrows(filter)) return [...picked];
  const words = filter.text
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const matches = (node: TreeNode): boolean => {
    if (node.context) return false;
    const { objective } = node.entry;
    if (filter.status !== null && shownStatus(node.entry) !== filter.status) return false;
    if (filter.owner !== null && objective.owner !== filter.owner) return false;
    if (words.length === 0) return true;
    const haystack =
      `${objective.key} ${objective.title} ${objective.description} ${ownerName(objective.owner)}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  };
  return picked.map((section) => {
    let own = 0;
    const prune = (nodes: readonly TreeNode[]): TreeNode[] =>
      nodes.flatMap((node) => {
        const children = prune(node.children);
        const match = matches(node);
        if (match) own += 1;
        return match || children.length > 0 ? [{ ...node, children }] : [];
      });
    const roots = prune(section.roots);
    return { ...section, roots, own };
  });
}

export interface TreeRow {
  node: TreeNode;
  /** 1 for a root. */
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean | null;
  parentRowId: string | null;
}

/** The rows a tree shows, top to bottom: the children of a collapsed row are left out. */
export function visibleRows(roots: readonly TreeNode[], collapsed: ReadonlySet<string>, openAll: boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly TreeNode[], level: number, parentRowId: string | null) => {
    nodes.forEach((node, i) => {
      const hasChildren = node.children.length > 0;
      const expanded = hasChildren ? openAll || !collapsed.has(node.rowId) : null;
      rows.push({ node, level, posInSet: i + 1, setSize: nodes.length, expanded, parentRowId });
      if (expanded === true) walk(node.children, level + 1, node.rowId);
    });
  };
  walk(roots, 1, null);
  return rows;
}
