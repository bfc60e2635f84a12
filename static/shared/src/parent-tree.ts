/**
 * Objectives under their primary parents, written once for the trees the surfaces draw (the
 * project page's workgroup trees, the admin page's objectives and its period reviews). Pure: no
 * DOM, no React; the caller says how to read an item and how to make its node.
 *
 * Parent chains are never trusted to end: the server refuses cycles, but a tree that followed one
 * would hide every objective on it. So an item whose parent is not among the items is a root, and
 * so is every item on a loop of parents; an item below a loop stays under its parent.
 */

/** How to read the items of a tree. */
export interface TreeShape<T> {
  id(item: T): string;
  /** The primary parent's id; null for none. */
  parentId(item: T): string | null;
  /** The order of siblings (and of the roots). */
  compare(a: T, b: T): number;
}

/**
 * The items as a forest: each item's node is made by `node(item, children)` with its children
 * already made and in order; the roots come back in order. Of items with the same id the last
 * one counts.
 */
export function buildTree<T, N>(items: Iterable<T>, shape: TreeShape<T>, node: (item: T, children: N[]) => N): N[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(shape.id(item), item);
  const parentOf = (id: string): string | null => {
    const item = byId.get(id);
    return item === undefined ? null : shape.parentId(item);
  };

  const childrenOf = new Map<string, T[]>();
  const roots: T[] = [];
  for (const [id, item] of byId) {
    const parentId = shape.parentId(item);
    if (parentId !== null && byId.has(parentId) && !chainReaches(parentId, id, parentOf)) {
      const siblings = childrenOf.get(parentId);
      if (siblings === undefined) childrenOf.set(parentId, [item]);
      else siblings.push(item);
    } else {
      roots.push(item);
    }
  }
  // no loop is left among the parent links kept, so this ends
  const make = (item: T): N => node(item, [...(childrenOf.get(shape.id(item)) ?? [])].sort(shape.compare).map(make));
  return roots.sort(shape.compare).map(make);
}

/**
 * The items above `parentId` by primary parents, nearest first, as long as `lookup` finds them;
 * the walk stops at the first id it finds again (a loop).
 */
export function ancestors<T>(
  parentId: string | null,
  lookup: (id: string) => T | undefined,
  parentOf: (item: T) => string | null,
): T[] {
  const found: T[] = [];
  const seen = new Set<string>();
  for (let at = parentId; at !== null && !seen.has(at);) {
    seen.add(at);
    const item = lookup(at);
    if (item === undefined) break;
    found.push(item);
    at = parentOf(item);
  }
  return found;
}

/** Whether the chain of parents from `from` (itself included) passes `target`; a repeat ends it. */
function chainReaches(from: string, target: string, parentOf: (id: string) => string | null): boolean {
  const seen = new Set<string>();
  for (let at: string | null = from; at !== null && !seen.has(at); at = parentOf(at)) {
    if (at === target) return true;
    seen.add(at);
  }
  return false;
}
