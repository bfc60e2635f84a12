import type { IssueState, ObjectiveRollup } from '../../contract';
import { addInto, emptyTally, isEmptyTally, unitTally, cloneTally, type WorkTally } from '../../domain/tally';
import { recomputeUpward } from './recompute-rollups';
import { RollupConflict, type RollupSettings, type RollupStore } from './rollup-store';
import { loadTally, storeTally, type StoredIssue, type StoredRollup } from './stored-records';

export type IssueEvent = { type: 'upsert'; issue: IssueState } | { type: 'delete'; key: string };

export interface EventOutcome {
  /** The event was older than what is stored (or deleted something unknown): nothing changed. */
  ignored: boolean;
  /** Objective records that changed, for history and prompts. */
  changed: ObjectiveRollup[];
  /** The issue as stored before this event (null: first seen, or ignored). */
  previous?: IssueState | null;
  /** The objectives the issue serves after the event, directly or through an ancestor. */
  served?: string[];
  /**
   * What the issue serves changed with its place in the tree (a new parent, or first seen under a
   * linked issue): the `tether` issue property of it and its subtree is out of date.
   */
  servedChanged?: boolean;
}

function servedBy(line: readonly StoredIssue[]): string[] {
  return [...new Set(line.flatMap((n) => n.links.map((l) => l.objectiveId)))].sort();
}

/** A set of work: all work serving an objective (`keyResultId` null), or one key result's. */
export interface SetRef {
  objectiveId: string;
  keyResultId: string | null;
}
const setId = (s: SetRef) => (s.keyResultId === null ? `o:${s.objectiveId}` : `k:${s.objectiveId}:${s.keyResultId}`);

function setsOf(issue: StoredIssue): SetRef[] {
  const out: SetRef[] = [];
  for (const l of issue.links) {
    out.push({ objectiveId: l.objectiveId, keyResultId: null });
    if (l.keyResultId !== null) out.push({ objectiveId: l.objectiveId, keyResultId: l.keyResultId });
  }
  return out;
}

/** Contributions on one issue, counted per target as StoredIssue keeps them. */
export function countedLinks(links: readonly { objectiveId: string; keyResultId: string | null }[]): StoredIssue['links'] {
  const out: StoredIssue['links'] = [];
  for (const l of links) {
    const same = out.find((o) => o.objectiveId === l.objectiveId && o.keyResultId === l.keyResultId);
    if (same) same.count += 1;
    else out.push({ objectiveId: l.objectiveId, keyResultId: l.keyResultId, count: 1 });
  }
  return out;
}

export const unitOf = (n: StoredIssue): WorkTally => unitTally(n.state, { hasChildren: n.childCount > 0, pointsBelow: n.pointsBelow > 0 });
const carries = (n: StoredIssue): number => n.pointsBelow + (n.state.storyPoints !== null ? 1 : 0);

function tallyOfSet(r: StoredRollup, s: SetRef): WorkTally {
  return loadTally(s.keyResultId === null ? r.own : r.keyResultTallies[s.keyResultId]);
}
function putTallyOfSet(r: StoredRollup, s: SetRef, t: WorkTally): void {
  if (s.keyResultId === null) r.own = storeTally(t);
  else if (isEmptyTally(t)) delete r.keyResultTallies[s.keyResultId];
  else r.keyResultTallies[s.keyResultId] = storeTally(t);
}

/**
 * Applies one Jira issue event to the stored rollup and returns what changed. Every issue an
 * event names is kept (so later events find their place in the tree); an event older than the
 * stored state, by Jira's `updated`, changes nothing.
 *
 * Same parent: the change of the issue and of its ancestors' counters moves the tallies of the
 * linked issues on its line and of the sets they are in — one read of the line, one of the
 * rollups per level, one write. New parent, new issue or deletion: the issue's subtree is read,
 * the tallies on both lines are moved, and the sets involved are recomputed from their roots.
 */
export async function applyIssueEvent(store: RollupStore, event: IssueEvent, settings: RollupSettings, now: number): Promise<EventOutcome> {
  // concurrent events may touch the same records: on a conflict, read again and start over
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyOnce(store, event, settings, now);
    } catch (e) {
      if (!(e instanceof RollupConflict) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/** Tries before a conflicting event gives up (and the reconciliation job repairs what is left). */
export const MAX_ATTEMPTS = 5;

async function applyOnce(store: RollupStore, event: IssueEvent, settings: RollupSettings, now: number): Promise<EventOutcome> {
  const key = event.type === 'upsert' ? event.issue.key : event.key;
  const x = (await store.getIssues([key])).get(key);
  if (event.type === 'upsert' && x && event.issue.updated < x.state.updated) return { ignored: true, changed: [] };
  if (event.type === 'delete' && !x) return { ignored: true, changed: [] };
  if (event.type === 'upsert' && x && x.state.parentKey === event.issue.parentKey) return inPlace(store, x, event.issue, settings, now);
  return structural(store, key, x, event, settings, now);
}

async function inPlace(store: RollupStore, x: StoredIssue, issue: IssueState, settings: RollupSettings, now: number): Promise<EventOutcome> {
  const line = await store.getIssues(x.ancestors);
  const chain = [x, ...x.ancestors.flatMap((k) => line.get(k) ?? [])];
  const before = chain.map(unitOf);
  const previous = x.state;
  const pointsChange = (issue.storyPoints !== null ? 1 : 0) - (x.state.storyPoints !== null ? 1 : 0);
  x.state = issue;
  for (const a of chain.slice(1)) a.pointsBelow += pointsChange;
  const running = emptyTally();
  const deltas = chain.map((n, i) => {
    addInto(running, unitOf(n));
    addInto(running, before[i] as WorkTally, -1);
    return cloneTally(running);
  });
  // each set holding the issue has one root on the line: the highest linked issue in it
  const highest = new Map<string, { set: SetRef; at: number }>();
  chain.forEach((n, i) => {
    if (n.tally !== null) {
      const t = loadTally(n.tally);
      addInto(t, deltas[i] as WorkTally);
      n.tally = storeTally(t);
    }
    for (const s of setsOf(n)) highest.set(setId(s), { set: s, at: i });
  });
  const moved = [...highest.values()].filter((h) => !isEmptyTally(deltas[h.at] as WorkTally));
  const rollups = await store.getRollups([...new Set(moved.map((h) => h.set.objectiveId))]);
  for (const h of moved) {
    const r = rollups.get(h.set.objectiveId);
    if (!r) continue;
    const t = tallyOfSet(r, h.set);
    addInto(t, deltas[h.at] as WorkTally);
    putTallyOfSet(r, h.set, t);
  }
  const saved = await recomputeUpward(store, rollups, settings, now);
  await store.save({ issues: pointsChange === 0 ? [x, ...chain.filter((n) => n.tally !== null && n !== x)] : chain, deletedIssues: [], rollups: saved });
  return { ignored: false, changed: saved.map((r) => r.record), previous, served: servedBy(chain) };
}

/**
 * Recomputes sets of work from their roots: each linked issue with no linked ancestor in the set
 * adds its subtree tally. `local` gives issues already in hand (null: deleted), the rest are read.
 */
export async function recomputeSets(
  store: RollupStore,
  rollups: Map<string, StoredRollup>,
  sets: readonly SetRef[],
  local: (key: string) => StoredIssue | null | undefined,
): Promise<void> {
  for (const [objectiveId, rollup] of rollups) {
    const mine = sets.filter((s) => s.objectiveId === objectiveId);
    if (mine.length === 0) continue;
    const links = await store.linkedIssues(objectiveId);
    const loaded = await store.getIssues(links.map((l) => l.issueKey).filter((k) => local(k) === undefined));
    const current = (k: string) => {
      const here = local(k);
      return here === null ? undefined : (here ?? loaded.get(k));
    };
    for (const s of mine) {
      const roots = new Set(links.filter((l) => s.keyResultId === null || l.keyResultId === s.keyResultId).map((l) => l.issueKey));
      const t = emptyTally();
      for (const k of roots) {
        const r = current(k);
        if (!r || r.tally === null || r.ancestors.some((a) => roots.has(a))) continue;
        addInto(t, loadTally(r.tally));
      }
      putTallyOfSet(rollup, s, t);
    }
  }
}

/** The stored issues below `key`, breadth first, whatever their forest parent says (waiting children included). */
export async function subtreeOf(store: RollupStore, key: string): Promise<StoredIssue[]> {
  const out: StoredIssue[] = [];
  const seen = new Set([key]);
  let frontier = [key];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const k of frontier) {
      for (const child of await store.issuesWithParent(k)) {
        if (seen.has(child.key)) continue;
        seen.add(child.key);
        out.push(child);
        next.push(child.key);
      }
    }
    frontier = next;
  }
  return out;
}

/** Moves the tallies of the linked issues on a line by `sign × subtree` plus the line's own counter changes. */
function moveLine(line: StoredIssue[], subtree: WorkTally, sign: 1 | -1, change: (line: StoredIssue[]) => void): void {
  const before = line.map(unitOf);
  change(line);
  const running = emptyTally();
  addInto(running, subtree, sign);
  line.forEach((n, i) => {
    addInto(running, unitOf(n));
    addInto(running, before[i] as WorkTally, -1);
    if (n.tally !== null) {
      const t = loadTally(n.tally);
      addInto(t, running);
      n.tally = storeTally(t);
    }
  });
}

async function structural(store: RollupStore, key: string, x: StoredIssue | undefined, event: IssueEvent, settings: RollupSettings, now: number): Promise<EventOutcome> {
  const previousState = x?.state ?? null;
  const below = await subtreeOf(store, key);
  const byKey = new Map<string, StoredIssue>(below.map((n) => [n.key, n]));
  // only the part attached under the issue counts in its subtree today
  const attachedBelow = (n: StoredIssue) => x !== undefined && n.ancestors.includes(key);
  const subtreeTally = (nodes: StoredIssue[]) => {
    const t = emptyTally();
    for (const n of nodes) addInto(t, unitOf(n));
    return t;
  };

  let newParentKey = event.type === 'upsert' ? event.issue.parentKey : null;
  if (newParentKey !== null && (newParentKey === key || byKey.has(newParentKey))) newParentKey = null; // would close a cycle
  // one instance per stored issue, shared by both lines (they may meet higher up)
  const fetchedParent = newParentKey === null ? undefined : (await store.getIssues([newParentKey])).get(newParentKey);
  const nodes = await store.getIssues([...(x?.ancestors ?? []), ...(fetchedParent?.ancestors ?? [])]);
  const newParent = fetchedParent ? (nodes.get(fetchedParent.key) ?? fetchedParent) : undefined;
  if (newParent) nodes.set(newParent.key, newParent);
  const oldLine = (x?.ancestors ?? []).flatMap((k) => nodes.get(k) ?? []);
  const newLine = newParent ? [newParent, ...newParent.ancestors.flatMap((k) => nodes.get(k) ?? [])] : [];

  // 1. take the issue (as it was) and its attached subtree off its old line
  if (x && x.parent !== null) {
    const carried = carries(x);
    moveLine(oldLine, subtreeTally([x, ...below.filter(attachedBelow)]), -1, (line) => {
      (line[0] as StoredIssue).childCount -= 1;
      for (const a of line) a.pointsBelow -= carried;
    });
  }

  // 2. the issue itself: new state, or gone; children waiting for it attach now
  const touched = new Map<string, StoredIssue>([...oldLine, ...newLine].map((n) => [n.key, n]));
  const deleted: string[] = [];
  let node: StoredIssue | undefined;
  if (event.type === 'delete') {
    deleted.push(key);
    for (const child of below) {
      if (child.state.parentKey === key) {
        child.parent = null;
      }
      child.ancestors = child.ancestors.slice(0, Math.max(0, child.ancestors.indexOf(key)));
      touched.set(child.key, child);
    }
  } else {
    node = x ?? { key, state: event.issue, parent: null, ancestors: [], childCount: 0, pointsBelow: 0, links: countedLinks(await store.linksOn(key)), tally: null, version: 0 };
    node.state = event.issue;
    if (!x) {
      for (const child of below) {
        if (child.state.parentKey !== key || child.parent !== null) continue;
        child.parent = key;
        node.childCount += 1;
        node.pointsBelow += carries(child);
      }
    }
    node.parent = newParent ? newParent.key : null;
    node.ancestors = newParent ? [newParent.key, ...newParent.ancestors] : [];
    // everything below learns its new line
    for (const n of below) {
      const path: string[] = [];
      for (let at = n.parent; at !== null && at !== key; at = byKey.get(at)?.parent ?? null) path.push(at);
      n.ancestors = [...path, key, ...node.ancestors];
      touched.set(n.key, n);
    }
    touched.set(key, node);
    const subtreeNow = subtreeTally([node, ...below]);
    if (node.links.length > 0) node.tally = storeTally(subtreeNow);
    // 3. hang it (and its subtree) on the new line
    if (newLine.length > 0) {
      const carried = carries(node);
      moveLine(newLine, subtreeNow, 1, (line) => {
        (line[0] as StoredIssue).childCount += 1;
        for (const a of line) a.pointsBelow += carried;
      });
    }
  }

  // 4. the sets around it are recomputed from their roots
  const sets = new Map<string, SetRef>();
  for (const n of [...touched.values(), ...(x ? [x] : [])]) for (const s of setsOf(n)) sets.set(setId(s), s);
  const rollups = await store.getRollups([...new Set([...sets.values()].map((s) => s.objectiveId))]);
  await recomputeSets(store, rollups, [...sets.values()], (k) => (deleted.includes(k) ? null : touched.get(k)));
  const saved = await recomputeUpward(store, rollups, settings, now);
  await store.save({ issues: [...touched.values()].filter((n) => !deleted.includes(n.key)), deletedIssues: deleted, rollups: saved });
  const servedBefore = x ? servedBy([x, ...oldLine]) : [];
  const served = node ? servedBy([node, ...newLine]) : [];
  const servedChanged = node !== undefined && servedBefore.join(' ') !== served.join(' ');
  return { ignored: false, changed: saved.map((r) => r.record), previous: previousState, served, servedChanged };
}
