import type { ObjectiveRollup } from '../contract';
import { bottomUpOrder } from './hierarchy';
import { ancestors, removeIssue, subtree, subtreeTally, upsertIssue, unitOf, type IssueNode } from './issue-forest';
import { objectiveRecord } from './objective-record';
import {
  countsUpward,
  indexModel,
  keyResultSet,
  linkInto,
  objectiveSet,
  setsOfContribution,
  type RollupInput,
  type RollupModel,
} from './rollup-model';
import { addInto, cloneTally, emptyTally, isEmptyTally, type WorkTally } from './tally';
import type { IssueState, Contribution } from '../contract';
import { sameData } from './same-data';

const EMPTY = emptyTally();

/** The record of one objective, from the model's indexes. */
export function computeRecord(model: RollupModel, objectiveId: string): ObjectiveRollup {
  const o = model.objectives.get(objectiveId);
  if (!o) throw new Error(`unknown objective ${objectiveId}`);
  return objectiveRecord({
    objective: o,
    keyResults: model.keyResultsOf.get(o.id) ?? [],
    ownTally: model.setTally.get(objectiveSet(o.id)) ?? EMPTY,
    keyResultTally: (id) => model.setTally.get(keyResultSet(id)) ?? EMPTY,
    measurement: (id) => model.measurements.get(id) ?? null,
    contributors: (model.contributorsOf.get(o.id) ?? []).map((c) => {
      const child = model.objectives.get(c.id);
      return { weight: c.weight, progress: model.records.get(c.id)?.progress ?? null, counts: child !== undefined && countsUpward(child) };
    }),
    period: model.periods.get(o.periodId) ?? null,
    lastCheckIn: model.lastCheckIn.get(o.id) ?? null,
    policy: model.policy,
    now: model.now,
  });
}

/** Is `key` the highest issue linked into `set` on its own line of ancestors? */
function isMinimalRoot(model: RollupModel, set: Map<string, number>, key: string): boolean {
  for (let at = model.forest.nodes.get(key)?.parent ?? null; at !== null; at = at.parent) if (set.has(at.issue.key)) return false;
  return true;
}

/** Recomputes a set's tally from its roots: each known linked issue that has no linked ancestor. */
function recomputeSet(model: RollupModel, set: string): void {
  const members = model.roots.get(set);
  if (!members) {
    model.setTally.delete(set);
    return;
  }
  const tally = emptyTally();
  for (const key of members.keys()) {
    const root = model.rootTally.get(key);
    if (root && isMinimalRoot(model, members, key)) addInto(tally, root);
  }
  model.setTally.set(set, tally);
}

function recomputeRootTally(model: RollupModel, key: string): void {
  if (model.linksOf.has(key) && model.forest.nodes.has(key)) model.rootTally.set(key, subtreeTally(model.forest, key));
  else model.rootTally.delete(key);
}

/** Full rollup: every index, tally and record computed from scratch. */
export function fullRollup(input: RollupInput): RollupModel {
  const model = indexModel(input);
  for (const key of model.linksOf.keys()) recomputeRootTally(model, key);
  for (const set of model.roots.keys()) recomputeSet(model, set);
  for (const id of bottomUpOrder([...model.objectives.values()])) model.records.set(id, computeRecord(model, id));
  return model;
}

/**
 * Recomputes the records of `seeds` and of every objective they contribute to (transitively),
 * each once, contributors before the objectives they feed. Returns the records that changed.
 */
export function refreshObjectives(model: RollupModel, seeds: Iterable<string>): ObjectiveRollup[] {
  const affected = new Set<string>();
  const stack = [...seeds].filter((id) => model.objectives.has(id));
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (affected.has(id)) continue;
    affected.add(id);
    const o = model.objectives.get(id);
    if (!o) continue;
    if (o.parentId !== null && model.objectives.has(o.parentId)) stack.push(o.parentId);
    for (const a of o.alignments) if (model.objectives.has(a.objectiveId)) stack.push(a.objectiveId);
  }
  const subset = [...affected].map((id) => model.objectives.get(id)!).map((o) => ({
    ...o,
    parentId: o.parentId !== null && affected.has(o.parentId) ? o.parentId : null,
    alignments: o.alignments.filter((a) => affected.has(a.objectiveId)),
  }));
  const changed: ObjectiveRollup[] = [];
  for (const id of bottomUpOrder(subset)) {
    const next = computeRecord(model, id);
    if (!sameData(model.records.get(id), next)) {
      model.records.set(id, next);
      changed.push(next);
    }
  }
  return changed.sort((a, b) => (a.objectiveId < b.objectiveId ? -1 : 1));
}

export type IssueChange = { type: 'upsert'; issue: IssueState } | { type: 'delete'; key: string };

function objectivesOfSets(model: RollupModel, sets: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const set of sets) {
    const id = set.startsWith('o:') ? set.slice(2) : model.objectiveOfKeyResult.get(set.slice(2));
    if (id !== undefined) out.add(id);
  }
  return out;
}

/**
 * Applies one changed issue and returns exactly the objective records that change: the objectives
 * the issue serves (directly or through an ancestor) and the objectives above them.
 * An update older than the state already held (by Jira's `updated`) changes nothing.
 */
export function applyIssueChange(model: RollupModel, change: IssueChange): ObjectiveRollup[] {
  const key = change.type === 'upsert' ? change.issue.key : change.key;
  const existing = model.forest.nodes.get(key);
  if (change.type === 'upsert' && existing && change.issue.updated < existing.issue.updated) return [];
  if (change.type === 'delete' && !existing) return [];
  const structural = change.type === 'delete' || !existing || existing.issue.parentKey !== change.issue.parentKey;
  const sets = structural ? applyStructural(model, key, change) : applyInPlace(model, change.issue);
  return refreshObjectives(model, objectivesOfSets(model, sets));
}

/** Same place in the tree: the deltas of the issue and its ancestors move the tallies, O(depth). */
function applyInPlace(model: RollupModel, issue: IssueState): Set<string> {
  const chain = [issue.key, ...ancestors(model.forest, issue.key)];
  const nodes = chain.map((k) => model.forest.nodes.get(k) as IssueNode);
  const before = nodes.map(unitOf);
  upsertIssue(model.forest, issue);
  const delta = emptyTally();
  const deltas: WorkTally[] = nodes.map((n, i) => {
    addInto(delta, unitOf(n));
    addInto(delta, before[i] as WorkTally, -1);
    return cloneTally(delta);
  });
  const touched = new Set<string>();
  // each set containing the issue has exactly one minimal root on the chain: the highest linked one
  const highest = new Map<string, number>();
  chain.forEach((k, i) => {
    const rootTally = model.rootTally.get(k);
    if (rootTally) addInto(rootTally, deltas[i] as WorkTally);
    for (const set of model.linksOf.get(k) ?? []) highest.set(set, i);
  });
  for (const [set, i] of highest) {
    if (isEmptyTally(deltas[i] as WorkTally)) continue;
    let tally = model.setTally.get(set);
    if (!tally) model.setTally.set(set, (tally = emptyTally()));
    addInto(tally, deltas[i] as WorkTally);
    touched.add(set);
  }
  return touched;
}

/** A new issue, a new parent or a deletion: rewire, then recompute the tallies around it. */
function applyStructural(model: RollupModel, key: string, change: IssueChange): Set<string> {
  // the issue's ancestors and subtree, before and after: every tally that can change is linked there
  const around = (): string[] => (model.forest.nodes.has(key) ? [...ancestors(model.forest, key), ...subtree(model.forest, key)] : [key]);
  const beforeKeys = around();
  if (change.type === 'delete') removeIssue(model.forest, key);
  else upsertIssue(model.forest, change.issue);
  const afterKeys = around();

  const keys = new Set([...beforeKeys, ...afterKeys]);
  const sets = new Set<string>();
  for (const k of keys) {
    if (model.linksOf.has(k)) recomputeRootTally(model, k);
    for (const set of model.linksOf.get(k) ?? []) sets.add(set);
  }
  for (const set of sets) recomputeSet(model, set);
  return sets;
}

export type ContributionChange = { type: 'link' | 'unlink'; contribution: Pick<Contribution, 'issueKey' | 'objectiveId' | 'keyResultId'> };

/** Links or unlinks an issue; returns the records that change. */
export function applyContributionChange(model: RollupModel, change: ContributionChange): ObjectiveRollup[] {
  const c = change.contribution;
  if (!model.objectives.has(c.objectiveId)) return [];
  if (c.keyResultId !== null && model.objectiveOfKeyResult.get(c.keyResultId) !== c.objectiveId) return [];
  const sets = setsOfContribution(c);
  for (const set of sets) linkInto(model.roots, model.linksOf, set, c.issueKey, change.type === 'link' ? 1 : -1);
  recomputeRootTally(model, c.issueKey);
  for (const set of sets) recomputeSet(model, set);
  return refreshObjectives(model, [c.objectiveId]);
}

/** Recomputes every record at a new time (pace and staleness move with the calendar). */
export function refreshAt(model: RollupModel, now: number): ObjectiveRollup[] {
  model.now = now;
  return refreshObjectives(model, model.objectives.keys());
}
