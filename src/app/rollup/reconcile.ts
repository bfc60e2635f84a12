import type { IssueState } from '../../contract';
import { serviceBusy, type ServiceBusy } from '../app-failure';
import { applyIssueEvent } from './apply-issue-event';
import { upsertFollowingMoves, type MovePorts } from './follow-move';
import type { StoredIssue } from './stored-records';
import type { JiraPort, RollupSettings, RollupStore } from '../../ports';

export interface ReconcilePorts extends MovePorts {
  rollups: RollupStore;
  /** Stored issues with a key after `afterKey` (in storage order), at most `limit`. */
  issuesAfter(afterKey: string, limit: number): Promise<StoredIssue[]>;
  jira: JiraPort;
  settings: RollupSettings;
  now: number;
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
}

export interface ReconcileResult {
  /** Where the next run starts; null when every stored issue was checked. */
  next: string | null;
  checked: number;
  /** Stored issues with links of their own (the roots the search for missed issues looks under). */
  linked: number;
  /** Issues Jira had changed without the app hearing of it (a missed or failed event). */
  repaired: number;
  /** Issues Jira no longer shows (search left them out, and a read by key confirmed it). */
  removed: number;
  /** Issues that had moved to another project, now stored under their new key. */
  moved: number;
  /**
   * Set when a busy service stopped the run before its time was up (Jira's points for the hour
   * spent, storage over its quota): continue from `next` once it has waited.
   */
  stoppedBy: ServiceBusy | null;
}

/** Jira answers up to 100 issues per search page: one call per batch. */
export const RECONCILE_BATCH = 100;
/** Time left for the invocation's last batch and its save: below it, a step returns where to go on. */
export const RESERVE_MS = 60_000;

/**
 * Jira said with its latest answer that the app's points for the hour run low (fewer than a
 * fifth left, `X-RateLimit-NearLimit`): background work stops and leaves the rest to people and
 * issue events, until the reset Jira named (null: it named none).
 */
export function jiraLow(jira: Pick<JiraPort, 'budgetLow'>): ServiceBusy | null {
  const low = jira.budgetLow?.() ?? null;
  return low === null ? null : { service: 'jira', waitMs: low.waitMs };
}

/**
 * Re-reads the stored issues from Jira in batches of 100 — one Jira call each — and applies what
 * drifted (an event the app missed, or one that failed) as the event it should have been. Search
 * is not consistent and finds a moved issue under its new key, so an issue it leaves out is read
 * by key (GET issue): gone, it leaves the rollup; moved, it is followed to its new key; there
 * after all (search had not caught up), it is compared like the others. Idempotent: an issue
 * already current is left alone, and running it twice, or two at once, repairs nothing twice.
 * Resumable: it returns where to continue when the invocation's time runs low, and when a busy
 * service stops it (`stoppedBy`): Jira's points for the hour spent (429 with `Retry-After`), or
 * running low (fewer than a fifth left, `X-RateLimit-NearLimit`: the rest is left to people and
 * issue events), or storage over its quota. The caller queues the rest for after the wait.
 */
export async function reconcile(ports: ReconcilePorts, from: string): Promise<ReconcileResult> {
  const result: ReconcileResult = {
    next: null,
    checked: 0,
    linked: 0,
    repaired: 0,
    removed: 0,
    moved: 0,
    stoppedBy: null,
  };
  const end = await walkStoredIssues(ports, from, async (batch) => {
    await reconcileBatch(ports, batch, result);
    result.checked += batch.length;
    result.linked += batch.filter((i) => i.links.length > 0).length;
    return true;
  });
  return { ...result, ...end };
}

/** Where a walk over the stored issues stopped (walkStoredIssues). */
export interface WalkEnd {
  /** The stored issue key to continue after; null when every stored issue was walked. */
  next: string | null;
  /** Set when a busy service stopped the walk: continue from `next` once it has waited. */
  stoppedBy: ServiceBusy | null;
}

/**
 * The walk over the stored issues that the nightly passes share (reconcile above, and the search
 * for missed issues, discover-missing.ts): RECONCILE_BATCH stored issues at a time in key order
 * after `from`, each batch given to `work`, until every stored issue was given, the invocation's
 * time runs low, Jira's points run low (looked at after a batch that asked Jira: `work` answers
 * whether it did), or a busy service refuses. A batch a refusal cut short is given again from its
 * start next time: what it repaired already is current and is left alone.
 */
export async function walkStoredIssues(
  ports: Pick<ReconcilePorts, 'issuesAfter' | 'jira' | 'timeLeft'>,
  from: string,
  work: (batch: StoredIssue[]) => Promise<boolean>,
): Promise<WalkEnd> {
  let at = from;
  try {
    while (ports.timeLeft() > RESERVE_MS) {
      const batch = await ports.issuesAfter(at, RECONCILE_BATCH);
      if (batch.length === 0) return { next: null, stoppedBy: null };
      const askedJira = await work(batch);
      at = (batch[batch.length - 1] as StoredIssue).key;
      if (batch.length < RECONCILE_BATCH) return { next: null, stoppedBy: null };
      // Jira says the app's points run low: the rest of the hour's are left to people and issue events
      const low = askedJira ? jiraLow(ports.jira) : null;
      if (low !== null) return { next: at, stoppedBy: low };
    }
  } catch (error) {
    const busy = serviceBusy(error);
    if (busy === null) throw error;
    return { next: at, stoppedBy: busy };
  }
  return { next: at, stoppedBy: null };
}

async function reconcileBatch(ports: ReconcilePorts, batch: readonly StoredIssue[], result: ReconcileResult) {
  const fresh = new Map((await ports.jira.getIssues(batch.map((i) => i.key))).map((i) => [i.key, i]));
  for (const stored of batch) {
    const now: IssueState | null = fresh.get(stored.key) ?? (await ports.jira.readIssue(stored.key));
    if (now === null) {
      await applyIssueEvent(ports.rollups, { type: 'delete', key: stored.key }, ports.settings, ports.now);
      result.removed += 1;
    } else if (now.key !== stored.key) {
      await upsertFollowingMoves(ports, [stored.key], now, ports.settings, ports.now);
      result.moved += 1;
    } else if (now.updated > stored.state.updated) {
      await applyIssueEvent(ports.rollups, { type: 'upsert', issue: now }, ports.settings, ports.now);
      result.repaired += 1;
    }
  }
}
