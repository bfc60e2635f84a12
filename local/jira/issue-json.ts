/** An issue as Jira Cloud v3 writes it (GET issue, search results, event payloads). */
import { formatDateTime } from './dates';
import { numberField, type FieldSelection } from './fields';
import type { JsonValue, StoredIssue } from './model';
import {
  renderIssueType,
  renderPriority,
  renderProjectRef,
  renderResolution,
  renderStatus,
  renderUser,
  toAdf,
  type Site,
} from './render';
import type { JiraStore } from './store';

export function issueSelf(site: Site, issue: StoredIssue): string {
  return `${site.baseUrl}/rest/api/3/issue/${issue.id}`;
}

function userField(store: JiraStore, site: Site, accountId: string | null) {
  if (accountId === null) return null;
  const user = store.user(accountId);
  return user ? renderUser(site, user) : null;
}

/** The short form of a linked issue (parent, sub-tasks). */
function issueLink(store: JiraStore, site: Site, issue: StoredIssue) {
  const fields: Record<string, unknown> = { summary: issue.summary };
  const status = store.status(issue.statusId);
  if (status) fields.status = renderStatus(site, status);
  const priority = issue.priorityId === null ? undefined : store.priority(issue.priorityId);
  if (priority) fields.priority = renderPriority(site, priority);
  const type = store.issueType(issue.issueTypeId);
  if (type) fields.issuetype = renderIssueType(site, type);
  return { id: issue.id, key: issue.key, self: issueSelf(site, issue), fields };
}

/** One field's value; `undefined` when the field does not exist (then it is left out). */
export function fieldValue(store: JiraStore, site: Site, issue: StoredIssue, fieldId: string): unknown {
  switch (fieldId) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description === null ? null : toAdf(issue.description);
    case 'issuetype': {
      const type = store.issueType(issue.issueTypeId);
      return type ? renderIssueType(site, type) : null;
    }
    case 'status': {
      const status = store.status(issue.statusId);
      return status ? renderStatus(site, status) : null;
    }
    case 'project': {
      const project = store.projectById(issue.projectId);
      return project ? renderProjectRef(site, project) : null;
    }
    case 'parent': {
      const parent = issue.parentId === null ? undefined : store.issueById(issue.parentId);
      // Jira leaves `parent` out of `fields` when there is none
      return parent ? issueLink(store, site, parent) : undefined;
    }
    case 'priority': {
      const priority = issue.priorityId === null ? undefined : store.priority(issue.priorityId);
      return priority ? renderPriority(site, priority) : null;
    }
    case 'labels':
      return [...issue.labels];
    case 'assignee':
      return userField(store, site, issue.assigneeId);
    case 'reporter':
      return userField(store, site, issue.reporterId);
    case 'creator':
      return userField(store, site, issue.creatorId);
    case 'created':
      return formatDateTime(issue.created);
    case 'updated':
      return formatDateTime(issue.updated);
    case 'resolution': {
      const resolution = issue.resolutionId === null ? undefined : store.resolution(issue.resolutionId);
      return resolution ? renderResolution(site, resolution) : null;
    }
    case 'resolutiondate':
      return issue.resolutiondate === null ? null : formatDateTime(issue.resolutiondate);
    case 'duedate':
      return issue.duedate;
    case 'statuscategorychangedate':
      return formatDateTime(issue.statusCategoryChanged);
    case 'subtasks':
      return store
        .children(issue.id)
        .filter((c) => (store.issueType(c.issueTypeId)?.hierarchyLevel ?? 0) < 0)
        .map((c) => issueLink(store, site, c));
    default:
      return numberField(fieldId) ? (issue.numbers[fieldId] ?? null) : undefined;
  }
}

export function renderFields(
  store: JiraStore,
  site: Site,
  issue: StoredIssue,
  fieldIds: readonly string[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const id of fieldIds) {
    const value = fieldValue(store, site, issue, id);
    if (value !== undefined) fields[id] = value;
  }
  return fields;
}

export interface IssueJson {
  expand?: string;
  id: string;
  key?: string;
  self?: string;
  fields?: Record<string, unknown>;
  properties?: Record<string, JsonValue>;
}

const EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

/**
 * An issue bean. With `selection.full` false only the id is written (search's default, `fields=id`).
 * `propertyKeys` adds the named issue properties that exist.
 */
export function renderIssue(
  store: JiraStore,
  site: Site,
  issue: StoredIssue,
  selection: FieldSelection,
  propertyKeys: readonly string[] = [],
): IssueJson {
  const out: IssueJson = selection.full
    ? {
        expand: EXPAND,
        id: issue.id,
        self: issueSelf(site, issue),
        key: issue.key,
        fields: renderFields(store, site, issue, selection.fields),
      }
    : { id: issue.id };
  if (propertyKeys.length > 0) {
    const properties: Record<string, JsonValue> = {};
    const wanted = propertyKeys.includes('*all') ? Object.keys(issue.properties) : propertyKeys;
    for (const key of wanted) {
      const value = issue.properties[key];
      if (value !== undefined) properties[key] = structuredClone(value);
    }
    out.properties = properties;
  }
  return out;
}
