import type { IssueState } from '../contract';
import { addUnit, emptyTally, unitTally, type TreePosition, type WorkTally } from './tally';

/**
 * The known issues as a forest (epic → story → sub-task, whatever the parent link), with the
 * counters the counting rule needs kept current on every change. An issue whose parent is not
 * known yet is a root until the parent arrives. A parent link that would close a cycle is
 * ignored (Jira never produces one; imported data might).
 *
 * Nodes point at each other directly, so walking a subtree or a line of ancestors costs no
 * lookups: a full rollup walks 200,000 issues.
 */
export interface IssueNode {
  issue: IssueState;
  /** The parent in the forest: `issue.parentKey` when that issue is known and no cycle results. */
  parent: IssueNode | null;
  /** Created on the first child: most issues have none. An array: cheaper than a set at this size. */
  children: IssueNode[] | null;
  /** Issues below this one that carry story points. */
  pointsBelow: number;
}

export interface IssueForest {
  nodes: Map<string, IssueNode>;
  /** Children waiting for a parent that is not known yet: parent key → child keys. */
  waiting: Map<string, Set<string>>;
}

export function hasChildren(node: IssueNode): boolean {
  return node.children !== null && node.children.length > 0;
}

export function position(node: IssueNode): TreePosition {
  return { hasChildren: hasChildren(node), pointsBelow: node.pointsBelow > 0 };
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
  for (let at = forest.nodes.get(key)?.parent ?? null; at !== null; at = at.parent) out.push(at.issue.key);
  return out;
}

/** The issue and everything below it. */
export function subtree(forest: IssueForest, key: string): string[] {
  const start = forest.nodes.get(key);
  if (!start) return [];
  const out: string[] = [];
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop() as IssueNode;
    out.push(node.issue.key);
    if (node.children !== null) for (const child of node.children) stack.push(child);
  }
  return out;
}

/** Sum of the unit tallies of an issue and everything below it. */
export function subtreeTally(forest: IssueForest, key: string, into: WorkTally = emptyTally()): WorkTally {
  const start = forest.nodes.get(key);
  if (!start) return into;
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop() as IssueNode;
    addUnit(into, node.issue, hasChildren(node), node.pointsBelow > 0, 1);
    if (node.children !== null) for (const child of node.children) stack.push(child);
  }
  return into;
}

function addPointsUp(from: IssueNode | null, by: number): void {
  if (by === 0) return;
  for (let at = from; at !== null; at = at.parent) at.pointsBelow += by;
}

function link(child: IssueNode, parent: IssueNode): void {
  child.parent = parent;
  (parent.children ??= []).push(child);
}

/** Hang a known node under its parent, if that parent is known and no cycle results. */
function attach(forest: IssueForest, node: IssueNode): void {
  const parentKey = node.issue.parentKey;
  if (parentKey === null) return;
  const parent = forest.nodes.get(parentKey);
  if (!parent) {
    let set = forest.waiting.get(parentKey);
    if (!set) forest.waiting.set(parentKey, (set = new Set()));
    set.add(node.issue.key);
    return;
  }
  for (let at: IssueNode | null = parent; at !== null; at = at.parent) if (at === node) return; // would close a cycle
  link(node, parent);
  addPointsUp(parent, carries(node));
}

function detach(forest: IssueForest, node: IssueNode): void {
  const parentKey = node.issue.parentKey;
  const waiting = parentKey === null ? undefined : forest.waiting.get(parentKey);
  if (waiting) {
    waiting.delete(node.issue.key);
    if (waiting.size === 0) forest.waiting.delete(parentKey as string);
  }
  if (node.parent === null) return;
  addPointsUp(node.parent, -carries(node));
  const siblings = node.parent.children as IssueNode[];
  siblings.splice(siblings.indexOf(node), 1);
  node.parent = null;
}

/** Adds or replaces an issue. Structural changes (new issue, new parent) rewire the forest. */
export function upsertIssue(forest: IssueForest, issue: IssueState): void {
  const existing = forest.nodes.get(issue.key);
  if (existing) {
    if (existing.issue.parentKey !== issue.parentKey) {
      detach(forest, existing);
      existing.issue = issue;
      attach(forest, existing);
      return;
    }
    const before = existing.issue.storyPoints !== null ? 1 : 0;
    const after = issue.storyPoints !== null ? 1 : 0;
    existing.issue = issue;
    addPointsUp(existing.parent, after - before);
    return;
  }
  const node: IssueNode = { issue, parent: null, children: null, pointsBelow: 0 };
  forest.nodes.set(issue.key, node);
  attach(forest, node);
  const waiting = forest.waiting.get(issue.key);
  if (waiting) {
    forest.waiting.delete(issue.key);
    for (const child of [...waiting].sort()) attach(forest, forest.nodes.get(child) as IssueNode);
  }
}

/** Removes an issue. Its children stay, as roots waiting in case the key comes back. */
export function removeIssue(forest: IssueForest, key: string): void {
  const node = forest.nodes.get(key);
  if (!node) return;
  detach(forest, node);
  forest.nodes.delete(key);
  if (node.children === null || node.children.length === 0) return;
  const waiting = new Set<string>();
  for (const child of node.children) {
    child.parent = null;
    waiting.add(child.issue.key);
  }
  forest.waiting.set(key, waiting);
}

/**
 * Builds the forest from scratch in linear time: link every issue to its parent, cut each
 * cycle (corrupt data) at the link of its smallest key, then count the points below each issue.
 * Insertion order does not change the result.
 */
export function buildForest(issues: Iterable<IssueState>): IssueForest {
  const forest = emptyForest();
  const all: IssueNode[] = [];
  for (const issue of issues) {
    const node: IssueNode = { issue, parent: null, children: null, pointsBelow: 0 };
    forest.nodes.set(issue.key, node);
    all.push(node);
  }
  for (const node of all) {
    const parentKey = node.issue.parentKey;
    if (parentKey === null) continue;
    const parent = forest.nodes.get(parentKey);
    if (parent) node.parent = parent;
    else {
      let set = forest.waiting.get(parentKey);
      if (!set) forest.waiting.set(parentKey, (set = new Set()));
      set.add(node.issue.key);
    }
  }
  cutCycles(all);
  for (const node of all) if (node.parent !== null) (node.parent.children ??= []).push(node);
  for (const node of all) if (node.issue.storyPoints !== null) addPointsUp(node.parent, 1);
  return forest;
}

/**
 * Parent links form a functional graph: walk each line once, stamping nodes with the walk's
 * number (kept in `pointsBelow`, which is counted afterwards), to find its cycles.
 */
function cutCycles(all: IssueNode[]): void {
  all.forEach((start, i) => {
    const walk = -(i + 1);
    let at: IssueNode | null = start;
    while (at !== null && at.pointsBelow === 0) {
      at.pointsBelow = walk;
      at = at.parent;
    }
    if (at === null || at.pointsBelow !== walk) return;
    // `at` is on a cycle found by this walk: cut it at its smallest key
    let smallest = at;
    for (let c = at.parent as IssueNode; c !== at; c = c.parent as IssueNode) if (c.issue.key < smallest.issue.key) smallest = c;
    smallest.parent = null;
  });
  for (const node of all) node.pointsBelow = 0;
}
