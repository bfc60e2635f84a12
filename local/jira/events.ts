/**
 * Issue events shaped like the payloads Forge delivers to product-event triggers
 * (`avi:jira:created:issue`, `avi:jira:updated:issue`, `avi:jira:deleted:issue`): the issue with
 * the fields Forge documents for these events, the actor, and for updates the changelog.
 * Other fields are not in the payload (the app reads them through REST, as on Forge).
 */
import { renderFields } from './issue-json';
import type { StoredIssue } from './model';
import type { Site } from './render';
import type { JiraStore } from './store';

export type IssueEventType = 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';

/** One changed field, as Jira's changelog writes it. */
export interface ChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueEvent {
  eventType: IssueEventType;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  /** The account that caused the event (the app's own account for `asApp()` changes). */
  atlassianId: string;
  associatedUsers: Array<{ accountId: string }>;
  changelog?: { id: string; items: ChangelogItem[] };
}

export interface EventOrigin {
  /** The change was made by the app itself (`asApp()`), for `filter.ignoreSelf`. */
  causedByApp: boolean;
}

export type IssueEventListener = (event: IssueEvent, origin: EventOrigin) => void;

/** The issue fields Forge documents for issue events. */
export const EVENT_FIELDS: readonly string[] = [
  'summary',
  'issuetype',
  'creator',
  'created',
  'project',
  'reporter',
  'assignee',
  'updated',
  'status',
];

export function issueEvent(
  store: JiraStore,
  site: Site,
  eventType: IssueEventType,
  issue: StoredIssue,
  actorAccountId: string,
  changelog?: { id: string; items: ChangelogItem[] },
): IssueEvent {
  return {
    eventType,
    issue: {
      id: issue.id,
      key: issue.key,
      fields: renderFields(store, site, issue, EVENT_FIELDS),
    },
    atlassianId: actorAccountId,
    associatedUsers: [{ accountId: actorAccountId }],
    ...(changelog ? { changelog } : {}),
  };
}
