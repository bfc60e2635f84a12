import type { ServiceBusy } from '../app-failure';
import { KEYS_PER_JOB } from '../contributions/issue-properties';
import { applyIssueEvent, descendantsOf } from './apply-issue-event';
import { walkStoredIssues } from './reconcile';
import type { StoredIssue } from './stored-records';
import type { JiraPort, PropertyQueue, RollupSettings, RollupStore } from '../../ports';

export interface DiscoverPorts {
  rollups: RollupStore;
  /** Stored issues with a key after `afterKey` (in storage order), at most `limit`. */
  issuesAfter(afterKey: string, limit: number): Promise<StoredIssue[]>;
  jira: JiraPort;
  /** Where the `tether` issue property of the issues brought in (and of what hangs below them) is written. */
  properties: PropertyQueue;
  settings: RollupSettings;
  now: number;
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
}

export interface DiscoverResult {
  /** The stored issue key to continue after; null when every linked issue was searched under. */
  next: string | null;
  /** Linked issues (the roots of a set of work) searched under. */
  roots: number;
  /** Issues Jira showed below them, stored or not. */
  seen: number;
  /** Issues Jira has below a linked issue that Tether had never stored, now brought in. */
  found: number;
  /** Set when a busy service stopped the run: continue from `next` once it has waited. */
  stoppedBy: ServiceBusy | null;
}

/**
 * Levels searched below a linked issue. Jira Cloud's hierarchy has sub-tasks, the standard level
 * (stories, tasks, bugs), epics and up to a few levels above epics on Premium: no issue sits 8
 * levels below another.
 */
export const MAX_LEVELS_BELOW = 8;

/**
 * The part of the nightly reconciliation that looks for what Tether never stored (an issue whose
 * creation event was lost: a trigger that failed past its retries): under every linked issue,
 * Jira is asked for its children, level by level (`parent in (…)`, 100 parents a query, as the
 * app), and each child that is not stored is applied as the issue event it should have been
 * (applyIssueEvent: the one rollup engine), parents before children. Stored children are
 * searched under too: their own children may be the missing ones.
 *
 * The linked issues are found in the stored issues (their record holds their links), 100 stored
 * issues a batch in key order: the cursor is the last key of a batch done. Idempotent: an issue
 * brought in is stored, so a second run, or the same batch again after a stop, finds nothing to
 * bring. Resumable and paced like the issue walk (reconcile.ts): it returns where to continue when
 * the invocation's time runs low, when Jira's points run low (`X-RateLimit-NearLimit`), or when a
 * busy service refused (`stoppedBy`); a batch a refusal cut short is searched again from its start.
 * Issues the app may not browse are not shown to it by Jira, and are not an error.
 */
export async function discoverMissing(ports: DiscoverPorts, from: string): Promise<DiscoverResult> {
  const result: DiscoverResult = { next: null, roots: 0, seen: 0, found: 0, stoppedBy: null };
  const end = await walkStoredIssues(ports, from, async (batch) => {
    const roots = batch.filter((i) => i.links.length > 0).map((i) => i.key);
    // a batch without a linked issue asks Jira nothing
    if (roots.length === 0) return false;
    const { seen, found } = await bringInBelow(ports, roots);
    result.roots += roots.length;
    result.seen += seen;
    result.found += found;
    return true;
  });
  return { ...result, ...end };
}

/** Searches below the roots, level by level, and applies every child Tether does not store. */
async function bringInBelow(ports: DiscoverPorts, roots: readonly string[]): Promise<{ seen: number; found: number }> {
  const visited = new Set(roots);
  const brought: string[] = [];
  let seen = 0;
  let level = [...roots];
  for (let depth = 0; depth < MAX_LEVELS_BELOW && level.length > 0; depth += 1) {
    const children = (await ports.jira.childrenOf(level))
      .filter((c) => !visited.has(c.key))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const c of children) visited.add(c.key);
    seen += children.length;
    const stored = await ports.rollups.getIssues(children.map((c) => c.key));
    for (const issue of children) {
      if (stored.has(issue.key)) continue;
      await applyIssueEvent(ports.rollups, { type: 'upsert', issue }, ports.settings, ports.now);
      brought.push(issue.key);
    }
    level = children.map((c) => c.key);
  }
  if (brought.length > 0) await queueProperties(ports, brought);
  return { seen, found: brought.length };
}

/**
 * What an issue brought in serves changed (it was served by nothing): its `tether` issue property,
 * and those of the stored issues that waited below it, are written by the job queue, from the
 * stored records as they are when it runs.
 */
async function queueProperties(ports: DiscoverPorts, brought: readonly string[]): Promise<void> {
  const keys = new Set(brought);
  for (const key of brought) for (const d of await descendantsOf(ports.rollups, key)) keys.add(d.key);
  const all = [...keys];
  for (let i = 0; i < all.length; i += KEYS_PER_JOB) await ports.properties.push(all.slice(i, i + KEYS_PER_JOB));
}
