import type { CheckIn, IssueState, KeyResult, Objective, ObjectiveRollup } from '../../contract';
import { targetsOf } from '../../domain/hierarchy';
import { countedLinks } from '../../domain/rollup/links';
import type { LinkCount } from '../../domain/rollup/records';
import { newRollup, noteCheckIn, redefine, retarget } from '../../domain/rollup/objective-changes';
import { recountLinked } from '../../domain/rollup/recount-linked';
import { setsOfObjective } from '../../domain/rollup/set-of-work';
import { applyIssueEvent, descendantsOf, recomputeStoredSets } from './apply-issue-event';
import { recomputeUpward } from './recompute-rollups';
import { unstored, type StoredIssue } from './stored-records';
import type { JiraPort, RollupSettings, RollupStore } from '../../ports';

export interface MaintenancePorts {
  rollups: RollupStore;
  jira: JiraPort;
  settings: RollupSettings;
  now: number;
}

/**
 * An objective was created or edited (its key results included): its rollup record takes the new
 * definition, the objectives it feeds learn its weight and progress (and the ones it left forget
 * it), and everything above moves. Returns the records that changed.
 */
export async function objectiveSaved(
  ports: Omit<MaintenancePorts, 'jira'>,
  objective: Objective,
  keyResults: readonly KeyResult[],
): Promise<ObjectiveRollup[]> {
  const { rollups: store, settings, now } = ports;
  const r =
    (await store.getRollups([objective.id])).get(objective.id) ??
    unstored(newRollup(objective, keyResults, settings, now));
  const oldTargets = r.targets;
  redefine(r, objective, keyResults, settings, now);
  const targets = await store.getRollups([...new Set([...oldTargets, ...targetsOf(objective)])]);
  retarget(r, targets);
  const { saved: above } = await recomputeUpward(store, targets, settings, now);
  await store.save({
    issues: [],
    deletedIssues: [],
    rollups: [r, ...above.filter((a) => a.objectiveId !== r.objectiveId)],
  });
  return [r.record, ...above.map((a) => a.record)];
}

/** A check-in: the objective's latest check-in (confidence, staleness) and, for a metric, its value. */
export async function checkInRecorded(ports: MaintenancePorts, checkIn: CheckIn): Promise<ObjectiveRollup[]> {
  return checkInsRecorded(ports, [checkIn]);
}

/** Check-ins on one objective (check-ins/create-many), rolled up once; noting one twice changes nothing. */
export async function checkInsRecorded(
  ports: Omit<MaintenancePorts, 'jira'>,
  checkIns: readonly CheckIn[],
): Promise<ObjectiveRollup[]> {
  const { rollups: store, settings, now } = ports;
  const objectiveId = checkIns[0]?.objectiveId;
  if (objectiveId === undefined) return [];
  const r = (await store.getRollups([objectiveId])).get(objectiveId);
  if (!r) return [];
  for (const checkIn of checkIns) if (checkIn.objectiveId === objectiveId) noteCheckIn(r, checkIn);
  const { saved } = await recomputeUpward(store, new Map([[r.objectiveId, r]]), settings, now);
  await store.save({ issues: [], deletedIssues: [], rollups: saved });
  return saved.map((s) => s.record);
}

/** A query key result was refreshed: its latest value. */
export async function queryValueRefreshed(
  ports: MaintenancePorts,
  objectiveId: string,
  keyResultId: string,
  value: number,
): Promise<ObjectiveRollup[]> {
  const { rollups: store, settings, now } = ports;
  const r = (await store.getRollups([objectiveId])).get(objectiveId);
  if (!r || r.measurements[keyResultId] === value) return [];
  r.measurements[keyResultId] = value;
  const { saved } = await recomputeUpward(store, new Map([[objectiveId, r]]), settings, now);
  await store.save({ issues: [], deletedIssues: [], rollups: saved });
  return saved.map((s) => s.record);
}

/** Depth of Jira's hierarchy below an issue that is read (epic → story → sub-task, and one more). */
const MAX_LEVELS_BELOW = 4;

/**
 * Makes sure the issue and everything below it are stored as Jira has them now: what is unknown or
 * older is applied as an issue event, parents before children, so every tree counter is right.
 * The issue itself is read by key (consistent: it may have been created a moment ago); what is
 * below comes from search. Returns what changed and the keys found below the issue.
 */
async function syncSubtree(
  ports: MaintenancePorts,
  issueKey: string,
): Promise<{ changed: ObjectiveRollup[]; below: string[] }> {
  const changed: ObjectiveRollup[] = [];
  const below: string[] = [];
  let level = [issueKey];
  for (let depth = 0; depth <= MAX_LEVELS_BELOW && level.length > 0; depth += 1) {
    const fromJira =
      depth === 0
        ? [await ports.jira.readIssue(issueKey)].filter((i): i is IssueState => i !== null && i.key === issueKey)
        : await ports.jira.childrenOf(level);
    if (depth > 0) below.push(...fromJira.map((i) => i.key));
    const stored = await ports.rollups.getIssues(fromJira.map((i) => i.key));
    for (const issue of fromJira) {
      const known = stored.get(issue.key);
      if (known && known.state.updated >= issue.updated) continue;
      changed.push(
        ...(await applyIssueEvent(ports.rollups, { type: 'upsert', issue }, ports.settings, ports.now)).changed,
      );
    }
    level = fromJira.map((i) => i.key);
  }
  return { changed, below };
}

/**
 * What the caller knows of an issue's links that the contribution index (a query) may not show
 * yet: the link it has just written or removed, or (`links`) every link the issue has now.
 */
export type LinkChange =
  | { objectiveId: string; keyResultId: string | null; linked: boolean }
  | { links: readonly { objectiveId: string; keyResultId: string | null }[] };

/**
 * A link was written (or removed) in the contributions: the issue's subtree is brought up to date
 * from Jira, the issue's links and subtree tally follow, and the sets it serves are recomputed.
 *
 * The issue's links come from the contribution index. Given the `change` just made, they are what
 * its stored record and the index say together, with the change applied: the index is a query and
 * may not show a link written a moment ago (this one, or another user's), while the record, read
 * by key, holds every link whose rollup was done. Its descendants are those the by-parent index
 * lists and those just read from Jira, read by key.
 */
export async function linksChanged(
  ports: MaintenancePorts,
  issueKey: string,
  objectiveId: string,
  change?: LinkChange,
): Promise<ObjectiveRollup[]> {
  return (await linksChangedBelow(ports, issueKey, objectiveId, change)).records;
}

/** linksChanged, also answering the keys it found below the issue in Jira (for its issue properties). */
export async function linksChangedBelow(
  ports: MaintenancePorts,
  issueKey: string,
  objectiveId: string,
  change?: LinkChange,
): Promise<{ records: ObjectiveRollup[]; below: string[] }> {
  const { rollups: store, settings, now } = ports;
  const { changed: synced, below } = await syncSubtree(ports, issueKey);
  const issue = (await store.getIssues([issueKey])).get(issueKey);
  const rollups = await store.getRollups([objectiveId]);
  const r = rollups.get(objectiveId);
  if (!r) return { records: latest(synced), below };
  if (issue) {
    issue.links =
      change !== undefined && 'links' in change ? countedLinks(change.links) : await currentLinks(store, issue, change);
    recountLinked(issue, issue.links.length === 0 ? [] : await descendantsOf(store, issueKey, below));
  }
  const linkedKeys = await recomputeStoredSets(
    store,
    rollups,
    setsOfObjective(r),
    (k) => (issue && k === issueKey ? issue : undefined),
    issue ? [issue] : [],
  );
  const { saved } = await recomputeUpward(store, rollups, settings, now);
  await store.save({ issues: issue ? [issue] : [], deletedIssues: [], rollups: saved, linkedKeys });
  return { records: latest([...synced, ...saved.map((s) => s.record)]), below };
}

/** Each objective's last record among several passes. */
function latest(records: readonly ObjectiveRollup[]): ObjectiveRollup[] {
  return [...new Map(records.map((r) => [r.objectiveId, r])).values()];
}

/**
 * The links an issue has now: those its record holds and those the index lists (a link whose
 * rollup a refusal cut short is in the index only), each read by key to see that it is still
 * stored — the index may still list a link removed a moment ago, and the record one whose removal
 * was cut short — with the change just made applied.
 */
async function currentLinks(
  store: RollupStore,
  issue: StoredIssue,
  change: Extract<LinkChange, { linked: boolean }> | undefined,
): Promise<LinkCount[]> {
  const listed = countedLinks(await store.linksOn(issue.key));
  // without a change, in the index's order (as a full recompute lists them); with one, the record's
  const candidates = change === undefined ? mergedLinks(listed, issue.links) : mergedLinks(issue.links, listed);
  const stored = await store.storedLinks(
    candidates.map((l) => ({ issueKey: issue.key, objectiveId: l.objectiveId, keyResultId: l.keyResultId })),
  );
  const links = candidates.filter((l) =>
    stored.some((s) => s.objectiveId === l.objectiveId && s.keyResultId === l.keyResultId),
  );
  return change === undefined ? links : withChange(links, change);
}

/** The links of an issue's record and of the index together (a link in either counts, once). */
function mergedLinks(stored: readonly LinkCount[], listed: readonly LinkCount[]): LinkCount[] {
  const out = [...stored];
  for (const l of listed)
    if (!out.some((o) => o.objectiveId === l.objectiveId && o.keyResultId === l.keyResultId)) out.push(l);
  return out;
}

/** The links with the change just made applied. */
function withChange(links: LinkCount[], change: Extract<LinkChange, { linked: boolean }>): LinkCount[] {
  const same = (l: LinkCount) => l.objectiveId === change.objectiveId && l.keyResultId === change.keyResultId;
  if (!change.linked) return links.filter((l) => !same(l));
  return links.some(same)
    ? links
    : [...links, { objectiveId: change.objectiveId, keyResultId: change.keyResultId, count: 1 }];
}
