/**
 * The Jira issue property `tether` = `{objectives: ["O-3", "O-12"]}`: the objectives an issue
 * serves, directly or through an ancestor. manifest.yml indexes it (`jira:entityProperty`,
 * search alias `objective`), so JQL `objective = O-12` finds every issue that serves O-12.
 *
 * After a link changes, or an issue moves under or away from a linked issue, the issue and every
 * stored issue below it are written (as the app). An epic with hundreds of stories would not fit
 * in one resolver or event invocation, so at most PROPERTIES_PER_CALL are written there, CHUNK at
 * a time; the rest go to the job queue (PropertyQueue), whose consumer (900 s) writes them —
 * from the stored records as they are when it runs, so a late job never writes stale objectives.
 *
 * Only **public** objectives go into the property: anyone who may browse the issue can read it
 * (and search it with `objective = O-n`), including people a restricted objective is hidden from.
 * A restricted objective's links stay in Tether's storage, shown through its permission-checked
 * views (the issue panel, the project page); JQL does not find the issues serving it, for anyone
 * (docs/security.md, "The tether issue property"). When an objective's visibility changes, the
 * properties of the issues serving it are written again (rewriteForObjective).
 */
import { compareObjectiveKeys } from '../../contract';
import { descendantsOf } from '../rollup/apply-issue-event';
import type { StoredIssue } from '../rollup/stored-records';
import type { ContributionStore, JiraPort, Logger, PropertyQueue, RollupStore } from '../../ports';

export const ISSUE_PROPERTY_KEY = 'tether';
/** Issues whose property is written in one resolver or event invocation (the linked issue and 50 below it). */
export const PROPERTIES_PER_CALL = 51;
/** Property writes sent together. */
const CHUNK = 10;
/** Issue keys in one queued job. */
export const KEYS_PER_JOB = 500;

export interface PropertySync {
  written: number;
  /** The issues left to the queue. */
  pending: string[];
}

/** The objective keys an issue serves: its own links and those of every ancestor. */
function servedBy(nodes: Map<string, StoredIssue>, issue: StoredIssue): string[] {
  const keys = new Set<string>();
  for (const k of [issue.key, ...issue.ancestors]) for (const l of nodes.get(k)?.links ?? []) keys.add(l.objectiveId);
  return [...keys].sort(compareObjectiveKeys);
}

/** What an issue the rollup does not store serves: its own links are all that is known. */
async function ownLinks(rollups: Pick<RollupStore, 'linksOn'>, issueKey: string): Promise<string[]> {
  return [...new Set((await rollups.linksOn(issueKey)).map((l) => l.objectiveId))].sort(compareObjectiveKeys);
}

/** The writes with only public objectives (an objective whose rollup is not stored is left out). */
async function publicOnly(
  rollups: Pick<RollupStore, 'getRollups'>,
  writes: readonly { key: string; objectives: string[] }[],
): Promise<{ key: string; objectives: string[] }[]> {
  const ids = [...new Set(writes.flatMap((w) => w.objectives))];
  if (ids.length === 0) return [...writes];
  const stored = await rollups.getRollups(ids);
  const shown = new Set(ids.filter((id) => stored.get(id)?.objective.visibility === 'public'));
  return writes.map((w) => ({ key: w.key, objectives: w.objectives.filter((id) => shown.has(id)) }));
}

async function write(
  jira: Pick<JiraPort, 'setIssueProperty'>,
  rollups: Pick<RollupStore, 'getRollups'>,
  proposed: readonly { key: string; objectives: string[] }[],
): Promise<void> {
  const writes = await publicOnly(rollups, proposed);
  for (let i = 0; i < writes.length; i += CHUNK) {
    await Promise.all(
      writes
        .slice(i, i + CHUNK)
        .map((w) =>
          jira.setIssueProperty(
            w.key,
            ISSUE_PROPERTY_KEY,
            w.objectives.length === 0 ? null : { objectives: w.objectives },
          ),
        ),
    );
  }
}

/**
 * Writes the property on `issueKey` and the stored issues below it: up to PROPERTIES_PER_CALL
 * now, the rest pushed onto `queue` (in jobs of KEYS_PER_JOB). `knownBelow`: keys the caller has
 * just stored below the issue, which the by-parent index (a query) may not list yet.
 */
export async function syncIssueProperties(
  jira: Pick<JiraPort, 'setIssueProperty'>,
  rollups: RollupStore,
  queue: PropertyQueue,
  issueKey: string,
  knownBelow: readonly string[] = [],
): Promise<PropertySync> {
  const issue = (await rollups.getIssues([issueKey])).get(issueKey);
  const writes: { key: string; objectives: string[] }[] = [];
  if (issue === undefined) {
    // not in the rollup's store (Jira did not show it): its own links are all we know
    writes.push({ key: issueKey, objectives: await ownLinks(rollups, issueKey) });
  } else {
    const below = await descendantsOf(rollups, issueKey, knownBelow);
    const nodes = new Map<string, StoredIssue>([issue, ...below].map((n) => [n.key, n]));
    const above = await rollups.getIssues(issue.ancestors);
    for (const [k, n] of above) nodes.set(k, n);
    for (const n of [issue, ...below]) writes.push({ key: n.key, objectives: servedBy(nodes, n) });
  }
  await write(jira, rollups, writes.slice(0, PROPERTIES_PER_CALL));
  const pending = writes.slice(PROPERTIES_PER_CALL).map((w) => w.key);
  for (let i = 0; i < pending.length; i += KEYS_PER_JOB) await queue.push(pending.slice(i, i + KEYS_PER_JOB));
  return { written: Math.min(writes.length, PROPERTIES_PER_CALL), pending };
}

/** Issue keys whose property is written per step of a queued job (one read of them and their ancestors). */
const KEYS_PER_STEP = 100;

/**
 * The queue consumer's work: writes the property of each issue from the stored records as they
 * are now (an issue no longer stored serves what its own links say). Stops when `timeLeft` runs
 * low and returns the keys not written yet, for another job; the first step always runs, so every
 * job makes progress.
 */
export async function writeQueuedProperties(
  jira: Pick<JiraPort, 'setIssueProperty'>,
  rollups: RollupStore,
  issueKeys: readonly string[],
  timeLeft: () => number,
  reserveMs = 15_000,
): Promise<{ written: number; rest: string[] }> {
  let written = 0;
  for (let i = 0; i < issueKeys.length; i += KEYS_PER_STEP) {
    if (i > 0 && timeLeft() < reserveMs) return { written, rest: issueKeys.slice(i) };
    const keys = issueKeys.slice(i, i + KEYS_PER_STEP);
    const stored = await rollups.getIssues(keys);
    const nodes = new Map(stored);
    const above = await rollups.getIssues(
      [...new Set([...stored.values()].flatMap((n) => n.ancestors))].filter((k) => !nodes.has(k)),
    );
    for (const [k, n] of above) nodes.set(k, n);
    const writes = [];
    for (const key of keys) {
      const n = stored.get(key);
      if (n !== undefined) writes.push({ key, objectives: servedBy(nodes, n) });
      else writes.push({ key, objectives: await ownLinks(rollups, key) });
    }
    await write(jira, rollups, writes);
    written += writes.length;
  }
  return { written, rest: [] };
}

/**
 * After an objective's visibility changed: the property of every issue serving it — each issue
 * linked to it and the stored issues below — is written again, as after a link (up to
 * PROPERTIES_PER_CALL of each now, the rest queued).
 */
export async function rewriteForObjective(
  jira: Pick<JiraPort, 'setIssueProperty'>,
  rollups: RollupStore,
  queue: PropertyQueue,
  contributions: Pick<ContributionStore, 'ofObjective'>,
  objectiveId: string,
): Promise<number> {
  const linked = [...new Set((await contributions.ofObjective(objectiveId)).map((c) => c.issueKey))].sort();
  let written = 0;
  for (const key of linked) written += (await syncIssueProperties(jira, rollups, queue, key)).written;
  return written;
}

/**
 * rewriteForObjective now, or — when Jira or storage refuses part-way — all of it again later from
 * the job queue (Forge retries the job while they are busy): a property naming an objective just
 * made restricted is read by whoever browses the issue, so it is never left as it is. Answers
 * whether it was written now. Only a queue that refuses too is passed on.
 */
export async function rewriteNowOrLater(
  jira: Pick<JiraPort, 'setIssueProperty'>,
  rollups: RollupStore,
  queue: PropertyQueue,
  contributions: Pick<ContributionStore, 'ofObjective'>,
  objectiveId: string,
  log: Pick<Logger, 'warn'>,
): Promise<boolean> {
  try {
    await rewriteForObjective(jira, rollups, queue, contributions, objectiveId);
    return true;
  } catch (error) {
    log.warn('the issue properties of an objective could not all be written: they are written again later', {
      objective: objectiveId,
      error: error instanceof Error ? error.message : String(error),
    });
    await queue.pushObjective(objectiveId);
    return false;
  }
}
