import type { IssueState } from '../contract';
import { addUnit, emptyTally, unitTally, type TreePosition, type WorkTally } from './tally';

/**
 * The known issues as a forest (epic → story → sub-task, whatever the parent link), with the
 * counters the counting rule needs kept current on every change. An issue whose parent is not
 * known yet is a root until the parent arrives. A parent link that would close a cycle is
 * ignored (Jira never produces one; imported data might).
 */
export interface IssueNode {
  issue: IssueState;
  /** The parent in the forest: `issue.parentKey` when that issue is known and no cycle results. */
  parent: string | null;
  children: Set<string>;
  /** Issues below this one that carry story points. */
  pointsBelow: number;
}

export interface IssueForest {
  nodes: Map<string, IssueNode>;
  /** Children waiting for a parent that is not known yet: parent key → child keys. */
  waiting: Map<string, Set<string>>;
}

export function position(node: IssueNode): TreePosition {
  return { hasChildren: node.children.size > 0, pointsBelow: node.pointsBelow > 0 };
}

export function unitOf(node: IssueNode): WorkTally {
  return unitTally(node.issue, position(node));
}

const carries = (node: IssueNode): number => node.pointsBelow + (node.issue.storyPoints !== null ? 1 : 0);

export function emptyForest(): IssueForest {
  return { nodes: new Map(), waiting: new Map() };
}

/** Proper ancestors of an issue, nearest first. */
export function ancestors(forest: IssueForest, key: string): string[] {
  const out: string[] = [];
  let at = forest.nodes.get(key)?.parent ?? null;
  while (at !== null) {
    out.push(at);
    at = forest.nodes.get(at)?.parent ?? null;
  }
  return out;
}

/** The issue and everything below it. */
export function subtree(forest: IssueForest, key: string): string[] {
  const out: string[] = [];
  const stack = [key];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    const node = forest.nodes.get(at);
    if (!node) continue;
    out.push(at);
    for (const child of node.children) stack.push(child);
  }
  return out;
}

/** Sum of the unit tallies of an issue and everything below it. */
export function subtreeTally(forest: IssueForest, key: string, into: WorkTally = emptyTally()): WorkTally {
  for (const k of subtree(forest, key)) {
    const node = forest.nodes.get(k) as IssueNode;
    addUnit(into, node.issue, position(node), 1);
  }
  return into;
}

function isAncestorOrSelf(forest: IssueForest, candidate: string, of: string): boolean {
  let at: string | null = of;
  while (at !== null) {
    if (at === candidate) return true;
    at = forest.nodes.get(at)?.parent ?? null;
  }
  return false;
}

function addPointsUp(forest: IssueForest, from: string | null, by: number): void {
  if (by === 0) return;
  let at = from;
  while (at !== null) {
    const node = forest.nodes.get(at) as IssueNode;
    node.pointsBelow += by;
    at = node.parent;
  }
}

/** Hang a known node under its parent, if that parent is known and no cycle results. */
function attach(forest: IssueForest, key: string): void {
  const node = forest.nodes.get(key) as IssueNode;
  const parentKey = node.issue.parentKey;
  if (parentKey === null) return;
  const parent = forest.nodes.get(parentKey);
  if (!parent) {
    let set = forest.waiting.get(parentKey);
    if (!set) forest.waiting.set(parentKey, (set = new Set()));
    set.add(key);
    return;
  }
  if (isAncestorOrSelf(forest, key, parentKey)) return; // would close a cycle
  node.parent = parentKey;
  parent.children.add(key);
  addPointsUp(forest, parentKey, carries(node));
}

function detach(forest: IssueForest, key: string): void {
  const node = forest.nodes.get(key) as IssueNode;
  const parentKey = node.issue.parentKey;
  if (parentKey !== null) forest.waiting.get(parentKey)?.delete(key);
  if (parentKey !== null && forest.waiting.get(parentKey)?.size === 0) forest.waiting.delete(parentKey);
  if (node.parent === null) return;
  addPointsUp(forest, node.parent, -carries(node));
  (forest.nodes.get(node.parent) as IssueNode).children.delete(key);
  node.parent = null;
}

/** Adds or replaces an issue. Structural changes (new issue, new parent) rewire the forest. */
export function upsertIssue(forest: IssueForest, issue: IssueState): void {
  const existing = forest.nodes.get(issue.key);
  if (existing) {
    if (existing.issue.parentKey !== issue.parentKey) {
      detach(forest, issue.key);
      existing.issue = issue;
      attach(forest, issue.key);
      return;
    }
    const before = existing.issue.storyPoints !== null ? 1 : 0;
    const after = issue.storyPoints !== null ? 1 : 0;
    existing.issue = issue;
    addPointsUp(forest, existing.parent, after - before);
    return;
  }
  forest.nodes.set(issue.key, { issue, parent: null, children: new Set(), pointsBelow: 0 });
  attach(forest, issue.key);
  const waiting = forest.waiting.get(issue.key);
  if (waiting) {
    forest.waiting.delete(issue.key);
    for (const child of [...waiting].sort()) attach(forest, child);
  }
}

/** Removes an issue. Its children stay, as roots waiting in case the key comes back. */
export function removeIssue(forest: IssueForest, key: string): void {
  const node = forest.nodes.get(key);
  if (!node) return;
  detach(forest, key);
  forest.nodes.delete(key);
  if (node.children.size === 0) return;
  const waiting = new Set<string>();
  for (const child of node.children) {
    (forest.nodes.get(child) as IssueNode).parent = null;
    waiting.add(child);
  }
  forest.waiting.set(key, waiting);
}

/** Builds the forest from scratch. Insertion order does not change the result. */
export function buildForest(issues: Iterable<IssueState>): IssueForest {
  const forest = emptyForest();
  const sorted = [...issues].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const issue of sorted) {
    forest.nodes.set(issue.key, { issue, parent: null, children: new Set(), pointsBelow: 0 });
  }
  for (const issue of sorted) attach(forest, issue.key);
  return forest;
}
