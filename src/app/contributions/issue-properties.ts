/**
 * The Jira issue property `tether` = `{objectives: ["O-3", "O-12"]}`: the objectives an issue
 * serves, directly or through an ancestor. manifest.yml indexes it (`jira:entityProperty`,
 * search alias `objective`), so JQL `objective = O-12` finds every issue that serves O-12.
 *
 * After a link changes, the issue and every stored issue below it are written (as the app). An
 * epic with hundreds of stories would not fit in one resolver invocation, so at most
 * PROPERTIES_PER_CALL are written now, CHUNK at a time; the rest are returned as pending.
 * TODO(queue): a queue consumer (@forge/events, 900 s) should take the pending issues over; it is
 * not built yet, so until then the pending issues keep their old property (JQL misses them).
 */
import { objectiveNumber } from '../objectives/stored-objective';
import type { JiraPort } from '../../ports';
import { subtreeOf } from '../rollup/apply-issue-event';
import type { RollupStore } from '../rollup/rollup-store';
import type { StoredIssue } from '../rollup/stored-records';

export const ISSUE_PROPERTY_KEY = 'tether';
/** Issues whose property is written in one invocation (the linked issue and ~50 below it). */
export const PROPERTIES_PER_CALL = 51;
/** Property writes sent together. */
const CHUNK = 10;

export interface PropertySync {
  written: number;
  pending: string[];
}

/** The objective keys each issue serves: its own links and those of every ancestor. */
function servedBy(nodes: Map<string, StoredIssue>, issue: StoredIssue, extra: readonly string[]): string[] {
  const keys = new Set(extra);
  for (const k of [issue.key, ...issue.ancestors]) for (const l of nodes.get(k)?.links ?? []) keys.add(l.objectiveId);
  return [...keys].sort((a, b) => objectiveNumber(a) - objectiveNumber(b));
}

/** Writes the property on `issueKey` and the stored issues below it (up to PROPERTIES_PER_CALL in all). */
export async function syncIssueProperties(jira: JiraPort, rollups: RollupStore, issueKey: string): Promise<PropertySync> {
  const issue = (await rollups.getIssues([issueKey])).get(issueKey);
  const writes: { key: string; objectives: string[] }[] = [];
  if (issue === undefined) {
    // not in the rollup's store (Jira did not show it): its own links are all we know
    const own = [...new Set((await rollups.linksOn(issueKey)).map((l) => l.objectiveId))];
    writes.push({ key: issueKey, objectives: own.sort((a, b) => objectiveNumber(a) - objectiveNumber(b)) });
  } else {
    const below = (await subtreeOf(rollups, issueKey)).filter((d) => d.ancestors.includes(issueKey));
    const nodes = new Map<string, StoredIssue>([issue, ...below].map((n) => [n.key, n]));
    const above = await rollups.getIssues(issue.ancestors);
    for (const [k, n] of above) nodes.set(k, n);
    for (const n of [issue, ...below]) writes.push({ key: n.key, objectives: servedBy(nodes, n, []) });
  }
  const now = writes.slice(0, PROPERTIES_PER_CALL);
  for (let i = 0; i < now.length; i += CHUNK) {
    await Promise.all(
      now.slice(i, i + CHUNK).map((w) => jira.setIssueProperty(w.key, ISSUE_PROPERTY_KEY, w.objectives.length === 0 ? null : { objectives: w.objectives })),
    );
  }
  return { written: now.length, pending: writes.slice(PROPERTIES_PER_CALL).map((w) => w.key) };
}
