/** The organisation's objectives as a tree by primary parent, for the admin page. */
import type { ObjectiveView } from '@contract/api';
import { compareObjectiveKeys } from '@contract/key-order';
import { buildTree as parentTree } from '@shared/parent-tree';

export interface TreeNode {
  objective: ObjectiveView;
  /** An ancestor from another period, shown for context. */
  outside: boolean;
  children: TreeNode[];
}

/**
 * Roots are objectives without a parent, whose parent is in neither list, or on a loop of parents
 * (static/shared/src/parent-tree.ts); children by key. An objective in both lists is the period's own.
 */
export function buildTree(objectives: readonly ObjectiveView[], ancestors: readonly ObjectiveView[]): TreeNode[] {
  const items = [
    ...ancestors.map((objective) => ({ objective, outside: true })),
    ...objectives.map((objective) => ({ objective, outside: false })),
  ];
  return parentTree(
    items,
    {
      id: (i) => i.objective.key,
      parentId: (i) => i.objective.parentId,
      compare: (a, b) => compareObjectiveKeys(a.objective.key, b.objective.key),
    },
    (i, children): TreeNode => ({ ...i, children }),
  );
}

/** The keys of an objective and everything below it by primary parents. */
export function subtreeKeys(objectives: readonly ObjectiveView[], key: string): Set<string> {
  const out = new Set([key]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of objectives) {
      if (o.parentId !== null && out.has(o.parentId) && !out.has(o.key)) {
        out.add(o.key);
        grew = true;
      }
    }
  }
  return out;
}
