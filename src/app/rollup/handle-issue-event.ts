import type { IssueState } from '../../contract';
import type { Settings } from '../../contract/api';
import { isEnabled } from '../../domain/prompts/new-prompt';
import { outcomeReviewPrompts } from '../../domain/prompts/outcome-review';
import { syncIssueProperties } from '../contributions/issue-properties';
import { escalateQuietly } from '../prompts/escalate';
import { expireForIssue } from '../prompts/expire-prompts';
import { promptAudience } from '../prompts/prompt-audience';
import { raisePrompts } from '../prompts/raise-prompts';
import { refreshFeedback } from '../prompts/refresh-feedback';
import { applyIssueEvent, type EventOutcome } from './apply-issue-event';
import { upsertFollowingMoves } from './follow-move';
import type {
  Clock,
  JiraPort,
  Logger,
  PropertyQueue,
  ContributionStore,
  ObjectiveStore,
  PromptStores,
  WorkgroupStore,
  RollupStore,
} from '../../ports';

/** What a Jira issue event says, once parsed. */
export interface IssueEventNotice {
  /** Jira's issue id: it stays when the issue moves to another project (null: the event had none). */
  issueId: string | null;
  /** The issue's key when the event was sent. */
  issueKey: string;
  deleted: boolean;
  /** The key the issue had before this event, when the event moved it (its changelog's `Key` item). */
  movedFrom: string | null;
}

export interface IssueEventPorts {
  jira: JiraPort;
  rollups: RollupStore;
  prompting: PromptStores;
  objectiveStore: Pick<ObjectiveStore, 'getMany' | 'withParent'>;
  workgroups: Pick<WorkgroupStore, 'getMany'>;
  settings: () => Promise<Settings>;
  clock: Clock;
  /** Where the issue properties that do not fit in the event's invocation go (more than 50 below a moved issue). */
  propertyQueue: PropertyQueue;
  /** The links of an issue, which follow it when it moves to another project. */
  contributions: Pick<ContributionStore, 'onIssue' | 'get' | 'add' | 'remove'>;
  log: Logger;
}

/**
 * Keeps the rollup current when Jira says an issue changed. Forge's event carries only a few
 * fields, so the issue is read again with exactly the fields rollups need, in one GET by id — the
 * consistent read (search may not show a just-created or just-changed issue yet, so "not found in
 * search" is never taken for a deletion). Only a deletion event removes an issue, and only once
 * Jira confirms it is gone; an update of an issue Jira no longer shows changes nothing (its
 * deletion event removes it). Replayed and reordered events change nothing: the stored state is
 * newer (Jira's `updated`). An issue moved to another project is followed by id: its record,
 * links and place in the tree leave the old key for the new one. When the objectives the issue
 * serves through its ancestors change (it moved under or away from a linked issue), its `tether`
 * issue property and its stored descendants' are rewritten (the first 51 now, the rest queued).
 */
export async function handleIssueEvent(ports: IssueEventPorts, notice: IssueEventNotice): Promise<EventOutcome> {
  const settings = await ports.settings();
  const rollupSettings = { policy: settings.rollupPolicy, periods: settings.periods };
  const now = ports.clock.now();
  const escalation = {
    stores: ports.prompting,
    objectiveStore: ports.objectiveStore,
    workgroups: ports.workgroups,
    log: ports.log,
    jira: ports.jira,
  };
  const issue = await ports.jira.readIssue(notice.issueId ?? notice.issueKey);
  if (notice.deleted && issue !== null) {
    ports.log.warn('ignored a deletion event for an issue Jira still shows', {
      issue: notice.issueKey,
      shownAs: issue.key,
    });
    return { ignored: true, changed: [] };
  }
  if (!notice.deleted && issue === null) {
    ports.log.info('an update of an issue Jira no longer shows changed nothing: its deletion event removes it', {
      issue: notice.issueKey,
    });
    return { ignored: true, changed: [] };
  }
  if (issue === null) {
    const outcome = await applyIssueEvent(ports.rollups, { type: 'delete', key: notice.issueKey }, rollupSettings, now);
    // the outcome reviews about a deleted issue are moot
    await expireForIssue({ stores: ports.prompting, objectiveStore: ports.objectiveStore }, notice.issueKey, now);
    await escalateQuietly(escalation, outcome.changed, settings.promptPolicy, now);
    return outcome;
  }
  const formerKeys = [notice.movedFrom, notice.issueKey].filter(
    (k, i, all): k is string => k !== null && k !== issue.key && all.indexOf(k) === i,
  );
  const outcome = await upsertFollowingMoves(ports, formerKeys, issue, rollupSettings, now);
  // moved under or away from a linked issue: JQL `objective = O-n` must follow it and its subtree
  if (outcome.servedChanged === true)
    await syncIssueProperties(ports.jira, ports.rollups, ports.propertyQueue, issue.key);
  await askForOutcomeReviews(ports, settings, issue, outcome, now);
  await escalateQuietly(escalation, outcome.changed, settings.promptPolicy, now);
  return outcome;
}

/**
 * An issue serving objectives has just been finished: its assignee (else reporter) is asked whether
 * it delivered, about each objective they may see — the reporter when the assignee may not see it.
 */
async function askForOutcomeReviews(
  ports: IssueEventPorts,
  settings: Settings,
  issue: IssueState,
  outcome: EventOutcome,
  now: number,
): Promise<void> {
  if (outcome.ignored || issue.statusCategory !== 'done' || outcome.previous?.statusCategory === 'done') return;
  // nobody to ask, or outcome reviews switched off: the served objectives need not be read
  if (!isEnabled(settings.promptPolicy, 'outcome-review') || (issue.assignee ?? issue.reporter) === null) return;
  const served = outcome.served ?? [];
  if (served.length === 0) return;
  const objectives = await ports.rollups.getRollups(served);
  const ask = (next: IssueState) =>
    outcomeReviewPrompts({
      previous: outcome.previous ?? null,
      next,
      served: [...objectives.values()].map((r) => ({
        objectiveId: r.objectiveId,
        status: r.objective.status,
        title: r.objective.title,
      })),
      policy: settings.promptPolicy,
      now,
    });
  // the assignee, else the reporter: the first of them who may see the objective; nobody when neither may
  const audience = promptAudience(
    ports,
    [...objectives.values()].map((r) => r.objective),
  );
  const toAssignee = await audience.mayReceive(ask(issue));
  const asked = new Set(toAssignee.map((p) => p.id));
  const toReporter =
    issue.assignee !== null && issue.reporter !== null && issue.reporter !== issue.assignee
      ? (await audience.mayReceive(ask({ ...issue, assignee: null }))).filter((p) => !asked.has(p.id))
      : [];
  const { opened } = await raisePrompts(
    ports.prompting.prompts,
    [...toAssignee, ...toReporter],
    settings.promptPolicy,
    now,
    audience,
  );
  await refreshFeedback({ stores: ports.prompting, objectiveStore: ports.objectiveStore }, opened);
}
