import type { Settings } from '../../contract/api';
import type { Clock, JiraPort } from '../../ports';
import { applyIssueEvent, type EventOutcome } from './apply-issue-event';
import type { RollupStore } from './rollup-store';

/** What a Jira issue event says, once parsed: which issue, and whether it was deleted. */
export interface IssueEventNotice {
  issueKey: string;
  deleted: boolean;
}

export interface IssueEventPorts {
  jira: JiraPort;
  rollups: RollupStore;
  settings: () => Promise<Settings>;
  clock: Clock;
}

/**
 * Keeps the rollup current when Jira says an issue changed. Forge's event carries only a few
 * fields, so the issue is read again from Jira with exactly the fields rollups need (one call);
 * an issue Jira no longer shows us counts as deleted. Replayed and reordered events change
 * nothing: the stored state is newer (Jira's `updated`).
 */
export async function handleIssueEvent(ports: IssueEventPorts, notice: IssueEventNotice): Promise<EventOutcome> {
  const settings = await ports.settings();
  const rollupSettings = { policy: settings.rollupPolicy, periods: settings.periods };
  const now = ports.clock.now();
  if (notice.deleted) return applyIssueEvent(ports.rollups, { type: 'delete', key: notice.issueKey }, rollupSettings, now);
  const [issue] = await ports.jira.getIssues([notice.issueKey]);
  if (!issue) return applyIssueEvent(ports.rollups, { type: 'delete', key: notice.issueKey }, rollupSettings, now);
  return applyIssueEvent(ports.rollups, { type: 'upsert', issue }, rollupSettings, now);
}
