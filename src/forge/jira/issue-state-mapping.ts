/**
 * A Jira issue (from a search with the rollup fields) as Tether's `IssueState`. `started` stays
 * null: it needs the changelog, which this adapter does not read.
 */
import { z } from 'zod';
import { AccountId, IssueState, type StatusCategory } from '../../contract';
import { unreadable } from './jira-errors';
import { parseJiraDateTime } from './jira-dates';
import { RollupFields, type SearchIssue } from './jira-responses';

/** Jira field ids a rollup search asks for, besides the story-points fields. */
export const ROLLUP_FIELD_IDS = [
  'summary',
  'issuetype',
  'status',
  'parent',
  'created',
  'updated',
  'resolutiondate',
  'duedate',
  'assignee',
  'reporter',
] as const;

export interface IssueMapping {
  /** The story-points fields, in order of preference: an issue's points are the first one set. */
  storyPointsFieldIds: readonly string[];
  /** Issue type ids that count as bugs, besides types named "Bug". */
  bugIssueTypeIds: ReadonlySet<string>;
}

const Points = z.number().finite().nonnegative();

/** Jira's category keys: `new`, `indeterminate`, `done`, and `undefined` ("No category"), read as not started. */
function statusCategory(key: string | undefined): StatusCategory {
  return key === 'done' || key === 'indeterminate' ? key : 'new';
}

function instant(endpoint: string, key: string, field: string, text: string): number {
  const ms = parseJiraDateTime(text);
  if (ms === null || ms < 0) throw unreadable(endpoint, `issue ${key}: ${field} '${text}' is not a date-time`);
  return ms;
}

export function toIssueState(endpoint: string, issue: SearchIssue, mapping: IssueMapping): IssueState {
  const key = issue.key ?? issue.id;
  const parsed = RollupFields.safeParse(issue.fields ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw unreadable(
      endpoint,
      `issue ${key}: ${first ? `${first.path.join('.')}: ${first.message}` : 'fields missing'}`,
    );
  }
  const f = parsed.data;
  const type = f.issuetype ?? null;
  let storyPoints: number | null = null;
  for (const id of mapping.storyPointsFieldIds) {
    const value = Points.safeParse(issue.fields?.[id]);
    if (value.success) {
      storyPoints = value.data;
      break;
    }
  }
  const state = IssueState.safeParse({
    key,
    parentKey: f.parent?.key ?? null,
    summary: (f.summary ?? '').slice(0, 1000),
    issueType: (type?.name ?? 'Task').slice(0, 120),
    isBug: type !== null && (type.name.toLowerCase() === 'bug' || mapping.bugIssueTypeIds.has(type.id)),
    statusCategory: statusCategory(f.status?.statusCategory?.key),
    storyPoints,
    created: instant(endpoint, key, 'created', f.created),
    started: null,
    resolved: f.resolutiondate ? instant(endpoint, key, 'resolutiondate', f.resolutiondate) : null,
    dueDate: f.duedate ?? null,
    updated: instant(endpoint, key, 'updated', f.updated),
    assignee: accountOf(f.assignee?.accountId),
    reporter: accountOf(f.reporter?.accountId),
  });
  if (!state.success) {
    const first = state.error.issues[0];
    throw unreadable(endpoint, `issue ${key}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return state.data;
}

/** An account id as the contract takes it; one Jira wrote otherwise (none should) counts as nobody rather than failing the issue. */
function accountOf(accountId: string | undefined): string | null {
  const parsed = AccountId.safeParse(accountId);
  return parsed.success ? parsed.data : null;
}
