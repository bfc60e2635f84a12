import { retryOnConflict } from '../retry-on-conflict';
import type { IssueState, ObjectiveRollup } from '../../contract';
import { changeInPlace } from '../../domain/rollup/in-place-change';
import { countedLinks, objectivesOf, servedBy } from '../../domain/rollup/links';
import { linesAround, moveIssue, newIssueRecord, parentToAttach } from '../../domain/rollup/move-issue';
import type { LinkCount, LinkedIssue, SetRef } from '../../domain/rollup/records';
import { moveSets, recomputeSets } from '../../domain/rollup/set-of-work';
import { recomputeUpward } from './recompute-rollups';
import { unstored, type StoredIssue, type StoredLinkedKeys, type StoredRollup } from './stored-records';
import type { RollupSettings, RollupStore } from '../../ports';

export { unitOf } from '../../domain/rollup/in-place-change';
export type { SetRef } from '../../domain/rollup/records';

/**
 * An issue seen in Jira (`upsert`) or gone (`delete`). `links`: the links an issue first stored
 * under this key carries, when the caller knows them better than the contribution index (an
 * issue that moved to another project brings its links from its old key, and the index, a
 * query, may not show them yet).
 */
export type IssueEvent =
  { type: 'upsert'; issue: IssueState; links?: readonly LinkCount[] } | { type: 'delete'; key: string };

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

/**
 * Applies one Jira issue event to the stored rollup and returns what changed. Every issue an
 * event names is kept (so later events find their place in the tree); an event older than the
 * stored state, by Jira's `updated`, changes nothing.
 *
 * This is orchestration: it reads the records the event needs, lets the domain change them
 * (src/domain/rollup: changeInPlace or moveIssue, the sets, the walk up) and saves what changed.
 * Same parent: one read of the line, one of the rollups per level, one write. New parent, new
 * issue or deletion: the issue's subtree and both lines are read, and the sets involved are
 * recomputed from their roots.
 */
export async function applyIssueEvent(
  store: RollupStore,
  event: IssueEvent,
  settings: RollupSettings,
  now: number,
): Promise<EventOutcome> {
  // concurrent events may touch the same records: on a conflict, read again and start over
  return retryOnConflict(() => applyOnce(store, event, settings, now), { attempts: MAX_ATTEMPTS });
}

/** Tries before a conflicting event gives up (and the reconciliation job repairs what is left). */
export const MAX_ATTEMPTS = 5;

async function applyOnce(
  store: RollupStore,
  event: IssueEvent,
  settings: RollupSettings,
  now: number,
): Promise<EventOutcome> {
  const key = event.type === 'upsert' ? event.issue.key : event.key;
  const x = (await store.getIssues([key])).get(key);
  if (event.type === 'upsert' && x && event.issue.updated < x.state.updated) return { ignored: true, changed: [] };
  if (event.type === 'delete' && !x) return { ignored: true, changed: [] };
  if (event.type === 'upsert' && x && x.state.parentKey === event.issue.parentKey)
    return inPlace(store, x, event.issue, settings, now);
  return structural(store, key, x, event, settings, now);
}

async function inPlace(
  store: RollupStore,
  x: StoredIssue,
  issue: IssueState,
  settings: RollupSettings,
  now: number,
): Promise<EventOutcome> {
  const stored = await store.getIssues(x.ancestors);
  const line = x.ancestors.flatMap((k) => stored.get(k) ?? []);
  const previous = x.state;
  const { saved: issues, moves } = changeInPlace(x, line, issue);
  const rollups = await store.getRollups(objectivesOf(moves.map((m) => m.set)));
  moveSets(rollups, moves);
  const { saved, changed } = await recomputeUpward(store, rollups, settings, now);
  await store.save({ issues, deletedIssues: [], rollups: saved });
  return { ignored: false, changed, previous, served: servedBy([x, ...line]) };
}

/**
 * Recomputes sets of work from their roots (set-of-work.ts). For each objective, which issues are
 * linked to it is what their records say, read by key; the issues asked are those its linked-keys
 * record names (read by key: every issue saved linked to it, a moment ago too), those the
 * contribution index lists (a query, which may lag writes: it brings links saved before the
 * linked-keys record existed) and the issues in hand (`inHand`, the records this change writes;
 * `local` gives those in hand, null: deleted). So a link made a second ago by another call counts,
 * and one removed a second ago does not, whatever the index shows yet.
 *
 * Returns the linked-keys records to save with the change (in the same transaction as the issue
 * records, each on the version it was read at): written when an issue linked to the objective is
 * missing from it, and then without the keys whose records no longer link there.
 */
export async function recomputeStoredSets(
  store: RollupStore,
  rollups: Map<string, StoredRollup>,
  sets: readonly SetRef[],
  local: (key: string) => StoredIssue | null | undefined,
  inHand: readonly StoredIssue[] = [],
): Promise<StoredLinkedKeys[]> {
  const objectives = [...rollups.keys()].filter((id) => sets.some((s) => s.objectiveId === id));
  if (objectives.length === 0) return [];
  const kept = await store.getLinkedKeys(objectives);
  const toSave: StoredLinkedKeys[] = [];
  for (const objectiveId of objectives) {
    const rollup = rollups.get(objectiveId) as StoredRollup;
    const held = kept.get(objectiveId) ?? unstored({ objectiveId, issueKeys: [] });
    const asked = new Set(held.issueKeys);
    const indexed = new Set((await store.linkedIssues(objectiveId)).map((l) => l.issueKey));
    for (const k of indexed) asked.add(k);
    const handled = new Set(inHand.filter((issue) => local(issue.key) === issue).map((issue) => issue.key));
    for (const k of handled) asked.add(k);
    const loaded = await store.getIssues([...asked].filter((k) => local(k) === undefined));
    const recordOf = (k: string) => {
      const here = local(k);
      return here === null ? undefined : (here ?? loaded.get(k));
    };
    const links = linksTo(objectiveId, asked, recordOf);
    recomputeSets(
      rollup,
      sets.filter((s) => s.objectiveId === objectiveId),
      links,
      { get: recordOf },
    );
    // a key the index lists that this change does not touch needs no place: its link is older than the lag
    const issueKeys = keysToKeep(held.issueKeys, links, (k) => indexed.has(k) && !handled.has(k));
    if (issueKeys !== null) toSave.push({ ...held, issueKeys });
  }
  return toSave;
}

/** Keys a linked-keys record holds at most (about 60 KB): past it the oldest leave, long since in the index. */
export const LINKED_KEYS_MAX = 5_000;

/**
 * Bytes of keys (as JSON: each key, its quotes and comma) a linked-keys record holds at most, well
 * under Forge's 240 KiB a value (docs/forge-fidelity.md): a key may have a 255-character project
 * key, so 5,000 long keys would not fit; past it the oldest leave as they do past LINKED_KEYS_MAX.
 */
export const LINKED_KEYS_MAX_BYTES = 200_000;

/** The newest keys of `keys` (oldest first) within LINKED_KEYS_MAX and LINKED_KEYS_MAX_BYTES. */
function newestWithin(keys: readonly string[]): string[] {
  let from = Math.max(0, keys.length - LINKED_KEYS_MAX);
  let bytes = 0;
  for (let i = keys.length - 1; i >= from; i -= 1) {
    bytes += (keys[i] as string).length + 3;
    if (bytes > LINKED_KEYS_MAX_BYTES) {
      from = i + 1;
      break;
    }
  }
  return from === 0 ? [...keys] : keys.slice(from);
}

/** The links to an objective that the records of the issues asked hold. */
function linksTo(
  objectiveId: string,
  asked: ReadonlySet<string>,
  recordOf: (key: string) => StoredIssue | undefined,
): LinkedIssue[] {
  const out: LinkedIssue[] = [];
  for (const key of asked) {
    const record = recordOf(key);
    if (record === undefined) continue;
    for (const l of record.links)
      if (l.objectiveId === objectiveId) out.push({ issueKey: key, keyResultId: l.keyResultId });
  }
  return out;
}

/**
 * The keys a linked-keys record should hold now, or null when it holds every linked issue already
 * but those the index lists already and the change does not touch (`indexedAlready`; so, past
 * LINKED_KEYS_MAX, the keys that left it are not taken back and the record is not written again
 * with each change). Not written: a key whose link is gone may stay until the next write.
 */
function keysToKeep(
  held: readonly string[],
  links: readonly LinkedIssue[],
  indexedAlready: (key: string) => boolean,
): string[] | null {
  const linked = new Set(links.map((l) => l.issueKey));
  const heldSet = new Set(held);
  const added = [...linked].filter((k) => !heldSet.has(k) && !indexedAlready(k));
  if (added.length === 0) return null;
  const next = [...held.filter((k) => linked.has(k)), ...added];
  return newestWithin(next);
}

/**
 * The stored issues below `key`, breadth first, whatever their forest parent says (waiting
 * children included). Who is below comes from the by-parent index, a query, which may lag
 * writes; what they are is read by key (consistent), level by level, so that the records this
 * event changes carry their current version, and a child that has left since is not taken along.
 */
export async function subtreeOf(store: RollupStore, key: string): Promise<StoredIssue[]> {
  const out: StoredIssue[] = [];
  const seen = new Set([key]);
  let frontier = [key];
  while (frontier.length > 0) {
    const listed: { key: string; parent: string }[] = [];
    for (const k of frontier) {
      for (const child of await store.issuesWithParent(k)) {
        if (seen.has(child.key)) continue;
        seen.add(child.key);
        listed.push({ key: child.key, parent: k });
      }
    }
    const current = await store.getIssues(listed.map((c) => c.key));
    const next: string[] = [];
    for (const c of listed) {
      const child = current.get(c.key);
      if (child === undefined || child.state.parentKey !== c.parent) continue;
      out.push(child);
      next.push(child.key);
    }
    frontier = next;
  }
  return out;
}

async function structural(
  store: RollupStore,
  key: string,
  x: StoredIssue | undefined,
  event: IssueEvent,
  settings: RollupSettings,
  now: number,
): Promise<EventOutcome> {
  const next = event.type === 'upsert' ? event.issue : null;
  const below = await subtreeOf(store, key);
  const parentKey = parentToAttach(key, next, below);
  const fetchedParent = parentKey === null ? undefined : (await store.getIssues([parentKey])).get(parentKey);
  const nodes = await store.getIssues([...(x?.ancestors ?? []), ...(fetchedParent?.ancestors ?? [])]);
  const { oldLine, newLine } = linesAround(x, fetchedParent, nodes);
  const previous = x?.state ?? null;
  const fresh =
    next !== null && x === undefined
      ? unstored(
          newIssueRecord(
            next,
            event.type === 'upsert' && event.links !== undefined
              ? [...event.links]
              : countedLinks(await store.linksOn(key)),
          ),
        )
      : undefined;
  const moved = moveIssue({ key, existing: x, next, fresh, below, oldLine, newLine });

  const touched = new Map(moved.saved.map((n) => [n.key, n]));
  const rollups = await store.getRollups(objectivesOf(moved.sets));
  const linkedKeys = await recomputeStoredSets(
    store,
    rollups,
    moved.sets,
    (k) => (moved.deleted.includes(k) ? null : touched.get(k)),
    moved.saved,
  );
  const { saved, changed } = await recomputeUpward(store, rollups, settings, now);
  await store.save({ issues: moved.saved, deletedIssues: moved.deleted, rollups: saved, linkedKeys });
  return {
    ignored: false,
    changed,
    previous,
    served: moved.served,
    servedChanged: moved.node !== undefined && moved.servedBefore.join(' ') !== moved.served.join(' '),
  };
}

/**
 * The stored issues below `issueKey` (their ancestors name it): those the by-parent index lists
 * and those in `known` (keys just read from Jira, which the index may not show yet), read by key.
 */
export async function descendantsOf(
  store: RollupStore,
  issueKey: string,
  known: readonly string[] = [],
): Promise<StoredIssue[]> {
  const indexed = await subtreeOf(store, issueKey);
  const missing = known.filter((k) => !indexed.some((d) => d.key === k));
  const more = missing.length === 0 ? new Map<string, StoredIssue>() : await store.getIssues(missing);
  return [...indexed, ...more.values()].filter((d) => d.ancestors.includes(issueKey));
}
