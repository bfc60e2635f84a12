/** The organisation's objectives as a tree by primary parent, for the admin page. */
import type { ObjectiveView } from '@contract/api';
import { compareObjectiveKeys } from '@contract/key-order';

export interface TreeNode {
  objective: ObjectiveView;
  /** An ancestor from another period, shown for context. */
  outside: boolean;
  children: TreeNode[];
}

/** Roots are objectives without a parent or whose parent is not in the lists; children by key. */
export function buildTree(objectives: readonly ObjectiveView[], ancestors: readonly ObjectiveView[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const o of ancestors) nodes.set(o.key, { objective: o, outside: true, children: [] });
  for (const o of objectives) nodes.set(o.key, { objective: o, outside: false, children: [] });
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.objective.parentId === null ? undefined : nodes.get(node.objective.parentId);
    // A parent chain that loops (never stored, but never trusted) would hide objectives: treat them as roots.
    if (parent && !isBelow(nodes, parent.objective.key, node.objective.key)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => compareObjectiveKeys(a.objective.key, b.objective.key));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Whether `key` is `ancestorKey` or lies below it by primary parents. */
function isBelow(nodes: ReadonlyMap<string, TreeNode>, key: string, ancestorKey: string): boolean {
  const seen = new Set<string>();
  for (let at: string | null = key; at !== null && !seen.has(at); at = nodes.get(at)?.objective.parentId ?? null) {
    if (at === ancestorKey) return true;
    seen.add(at);
  }
  return false;
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
