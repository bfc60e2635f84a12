/**
 * Issues that moved to another project (Jira's bulk move: same id, new key). Used by the issue
 * events (the changelog names the old key) and by the reconciliation (an old key read by GET
 * answers the issue under its new key).
 */
import type { IssueState, ObjectiveRollup } from '../../contract';
import type { LinkCount } from '../../domain/rollup/records';
import type { ContributionStore, Logger, RollupSettings, RollupStore } from '../../ports';
import { applyIssueEvent, type EventOutcome } from './apply-issue-event';
import type { StoredIssue } from './stored-records';

export interface MovePorts {
  rollups: RollupStore;
  /** The links of an issue, which follow it to its new key. */
  contributions: Pick<ContributionStore, 'onIssue' | 'get' | 'add' | 'remove'>;
  log: Logger;
}

/**
 * Stores `issue` as Jira shows it now; when it is stored under one of `formerKeys` (it moved),
 * that record leaves first, and the new one starts with its links and takes its children along.
 */
export async function upsertFollowingMoves(
  ports: MovePorts,
  formerKeys: readonly string[],
  issue: IssueState,
  settings: RollupSettings,
  now: number,
): Promise<EventOutcome> {
  const moved = await followMove(ports, formerKeys, issue, settings, now);
  const upserted = await applyIssueEvent(
    ports.rollups,
    { type: 'upsert', issue, ...(moved === null ? {} : { links: moved.links }) },
    settings,
    now,
  );
  if (moved === null) return upserted;
  await reattachChildren(ports, moved.children, issue.key, settings, now);
  return { ...upserted, changed: [...moved.changed, ...upserted.changed] };
}

/**
 * An issue moved to another project keeps its id and gets a new key. When it is stored under a
 * former key, that record leaves (the sets and objectives above it are counted without it), its
 * links are made again on the new key, and what it carried is returned so the new record starts
 * with it. The links are those the contribution index lists (a query) and, read by key, those the
 * stored record counts that the index does not show yet (a link made a moment before the move).
 */
async function followMove(
  ports: MovePorts,
  formerKeys: readonly string[],
  issue: IssueState,
  settings: RollupSettings,
  now: number,
): Promise<{ links: LinkCount[]; children: StoredIssue[]; changed: ObjectiveRollup[] } | null> {
  if (formerKeys.length === 0) return null;
  const stored = await ports.rollups.getIssues(formerKeys);
  const former = formerKeys.flatMap((k) => stored.get(k) ?? []);
  if (former.length === 0) return null;
  const links: LinkCount[] = [];
  const children: StoredIssue[] = [];
  const changed: ObjectiveRollup[] = [];
  for (const old of former) {
    const listed = await ports.contributions.onIssue(old.key);
    const shown = new Set(listed.map((c) => `${c.objectiveId}|${c.keyResultId ?? ''}`));
    const behind = await Promise.all(
      old.links
        .filter((l) => !shown.has(`${l.objectiveId}|${l.keyResultId ?? ''}`))
        .map((l) =>
          ports.contributions.get({ issueKey: old.key, objectiveId: l.objectiveId, keyResultId: l.keyResultId }),
        ),
    );
    for (const c of [...listed, ...behind.filter((b) => b !== null)]) {
      await ports.contributions.add({ ...c, issueKey: issue.key });
      await ports.contributions.remove({ issueKey: old.key, objectiveId: c.objectiveId, keyResultId: c.keyResultId });
    }
    links.push(...old.links);
    children.push(...(await ports.rollups.issuesWithParent(old.key)));
    const gone = await applyIssueEvent(ports.rollups, { type: 'delete', key: old.key }, settings, now);
    changed.push(...gone.changed);
    ports.log.info('followed an issue moved to another project', { from: old.key, to: issue.key });
  }
  return { links, children, changed };
}

/** The stored children of a moved issue, placed under its new key (Jira keeps their parent by id). */
async function reattachChildren(
  ports: MovePorts,
  children: readonly StoredIssue[],
  parentKey: string,
  settings: RollupSettings,
  now: number,
): Promise<void> {
  if (children.length === 0) return;
  // as they are now, read together (the by-parent index that listed them may lag)
  const current = await ports.rollups.getIssues(children.map((c) => c.key));
  for (const child of current.values()) {
    if (child.state.parentKey === parentKey) continue;
    await applyIssueEvent(ports.rollups, { type: 'upsert', issue: { ...child.state, parentKey } }, settings, now);
  }
}
