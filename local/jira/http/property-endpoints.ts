/**
 * Issue properties: GET /rest/api/3/issue/{issue}/properties (keys), and GET, PUT, DELETE
 * /rest/api/3/issue/{issue}/properties/{propertyKey}. Reading needs Browse projects, writing
 * Edit issues (403 without it). Values are any JSON up to 32,768 characters. Setting a property
 * does not change the issue's `updated` and fires no issue event.
 */
import { browsableIssue } from '../issue-changes';
import { JiraError } from '../jira-error';
import type { LocalJira } from '../local-jira';
import { JsonValue, type JiraProject, type StoredIssue } from '../model';
import { hasProjectPermission, type Actor } from '../permissions';
import { json, noContent, parseOr400, type JiraResponse, type RouteContext } from './respond';

export const MAX_PROPERTY_VALUE_LENGTH = 32_768;
const MAX_PROPERTY_KEY_LENGTH = 255;

function propertySelf(jira: LocalJira, issue: StoredIssue, key: string): string {
  return `${jira.site.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`;
}

/** Sets a property (no permission check: callers check). Returns whether it was new. */
export function storeProperty(jira: LocalJira, issue: StoredIssue, key: string, value: JsonValue): boolean {
  const created = !(key in issue.properties);
  // indexed properties are searched: search sees the new value only after its lag
  jira.willChange(issue.id, issue);
  issue.properties[key] = structuredClone(value);
  jira.changed();
  return created;
}

function requireEditable(actor: Actor, project: JiraProject): void {
  if (!hasProjectPermission(actor, project, 'EDIT_ISSUES')) {
    throw new JiraError(403, ['You do not have permission to edit issues in this project.']);
  }
}

export function listProperties(ctx: RouteContext): JiraResponse {
  const { issue } = browsableIssue(ctx.jira, ctx.actor, ctx.params.issue ?? '');
  return json(200, {
    keys: Object.keys(issue.properties).map((key) => ({ self: propertySelf(ctx.jira, issue, key), key })),
  });
}

function notFound(key: string): JiraError {
  return new JiraError(404, [`The property with key '${key}' does not exist.`]);
}

export function getProperty(ctx: RouteContext): JiraResponse {
  const { issue } = browsableIssue(ctx.jira, ctx.actor, ctx.params.issue ?? '');
  const key = ctx.params.propertyKey ?? '';
  const value = issue.properties[key];
  if (value === undefined) throw notFound(key);
  return json(200, { key, value });
}

export function putProperty(ctx: RouteContext): JiraResponse {
  const { issue, project } = browsableIssue(ctx.jira, ctx.actor, ctx.params.issue ?? '');
  requireEditable(ctx.actor, project);
  const key = ctx.params.propertyKey ?? '';
  if (key.length > MAX_PROPERTY_KEY_LENGTH)
    throw new JiraError(400, [`The property key can't be longer than ${MAX_PROPERTY_KEY_LENGTH} characters.`]);
  if (ctx.body === undefined) throw new JiraError(400, ['The property value must not be empty.']);
  if (ctx.rawBody.length > MAX_PROPERTY_VALUE_LENGTH) {
    throw new JiraError(400, [
      `The property value is too long: the maximum length is ${MAX_PROPERTY_VALUE_LENGTH} characters.`,
    ]);
  }
  const value = parseOr400(JsonValue, ctx.body);
  return noContent(storeProperty(ctx.jira, issue, key, value) ? 201 : 200);
}

export function deleteProperty(ctx: RouteContext): JiraResponse {
  const { issue, project } = browsableIssue(ctx.jira, ctx.actor, ctx.params.issue ?? '');
  requireEditable(ctx.actor, project);
  const key = ctx.params.propertyKey ?? '';
  if (!(key in issue.properties)) throw notFound(key);
  ctx.jira.willChange(issue.id, issue);
  delete issue.properties[key];
  ctx.jira.changed();
  return noContent();
}
