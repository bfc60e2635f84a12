/** GET, PUT and DELETE /rest/api/3/issue/{issueIdOrKey}; POST /rest/api/3/issue. */
import { z } from 'zod';
import { selectFields, splitList } from '../fields';
import { applyEdit, browsableIssue, createIssue, deleteIssue, requireEdit } from '../issue-changes';
import { resolveEdit, UpdateOps } from '../issue-edit';
import { issueSelf, renderIssue } from '../issue-json';
import { fieldErrors, JiraError } from '../jira-error';
import { JsonValue } from '../model';
import { hasProjectPermission } from '../permissions';
import { BoolParam, json, noContent, parseOr400, queryObject, type JiraResponse, type RouteContext } from './respond';
import { fieldNames } from './search-endpoint';
import { storeProperty } from './property-endpoints';

const GetIssueQuery = z.object({
  fields: z.array(z.string()).default([]),
  properties: z.array(z.string()).default([]),
  expand: z.string().optional(),
  fieldsByKeys: z.string().optional(),
  updateHistory: z.string().optional(),
  failFast: z.string().optional(),
});

export function getIssue(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { issue } = browsableIssue(jira, actor, ctx.params.issue ?? '');
  const q = parseOr400(GetIssueQuery, queryObject(ctx.query, ['fields', 'properties']));
  const selection = { ...selectFields(splitList(q.fields), '*all'), full: true };
  const expand = splitList(q.expand === undefined ? [] : [q.expand]);
  return json(200, {
    ...renderIssue(jira.store, jira.site, issue, selection, splitList(q.properties)),
    ...(expand.includes('names') ? { names: fieldNames(selection.fields) } : {}),
  });
}

const EditBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()).default({}),
  update: UpdateOps.default({}),
  properties: z.array(z.object({ key: z.string().min(1).max(255), value: JsonValue })).default([]),
});

const EditQuery = z.object({
  returnIssue: BoolParam.default(false),
  notifyUsers: z.string().optional(),
  overrideScreenSecurity: BoolParam.default(false),
  overrideEditableFlag: BoolParam.default(false),
  expand: z.string().optional(),
});

export function editIssue(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { issue, project } = browsableIssue(jira, actor, ctx.params.issue ?? '');
  const q = parseOr400(EditQuery, queryObject(ctx.query));
  if (ctx.body === undefined) throw new JiraError(400, ['The request body is missing.']);
  const body = parseOr400(EditBody, ctx.body);
  requireEdit(actor, project, [...Object.keys(body.fields), ...Object.keys(body.update)]);
  const issueType = jira.store.issueType(issue.issueTypeId);
  if (!issueType) throw fieldErrors({ issuetype: 'The issue type of this issue no longer exists.' });
  const edit = resolveEdit(jira, actor, { project, issueType, issue }, body.fields, body.update);
  applyEdit(jira, actor, issue, edit);
  for (const p of body.properties) storeProperty(jira, issue, p.key, p.value);
  if (!q.returnIssue) return noContent();
  return json(200, renderIssue(jira.store, jira.site, issue, selectFields([], '*all')));
}

const DeleteQuery = z.object({ deleteSubtasks: z.enum(['true', 'false']).default('false') });

export function removeIssue(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { issue, project } = browsableIssue(jira, actor, ctx.params.issue ?? '');
  const q = parseOr400(DeleteQuery, queryObject(ctx.query));
  deleteIssue(jira, actor, issue, project, q.deleteSubtasks === 'true');
  return noContent();
}

const Ref = z.union([
  z.object({ key: z.string().min(1) }),
  z.object({ id: z.union([z.string().min(1), z.number().int()]).transform(String) }),
]);
const NamedRef = z.union([
  z.object({ id: z.union([z.string().min(1), z.number().int()]).transform(String) }),
  z.object({ name: z.string().min(1) }),
]);

const CreateBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()),
  update: UpdateOps.default({}),
  properties: z.array(z.object({ key: z.string().min(1).max(255), value: JsonValue })).default([]),
});

export function postIssue(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const { store } = jira;
  const body = parseOr400(CreateBody, ctx.body ?? {});
  const projectRef = Ref.safeParse(body.fields.project);
  const project = projectRef.success
    ? store.project('key' in projectRef.data ? projectRef.data.key : projectRef.data.id)
    : undefined;
  if (!project || !hasProjectPermission(actor, project, 'BROWSE_PROJECTS'))
    throw fieldErrors({ project: 'valid project is required' });
  if (!hasProjectPermission(actor, project, 'CREATE_ISSUES')) {
    throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
  }
  const typeRef = NamedRef.safeParse(body.fields.issuetype);
  const issueType = typeRef.success
    ? store
        .issueTypes()
        .find((t) =>
          'id' in typeRef.data ? t.id === typeRef.data.id : t.name.toLowerCase() === typeRef.data.name.toLowerCase(),
        )
    : undefined;
  if (!issueType) throw fieldErrors({ issuetype: 'The issue type selected is invalid.' });
  const summary = body.fields.summary;
  if (typeof summary !== 'string' || summary.trim() === '')
    throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
  const edit = resolveEdit(jira, actor, { project, issueType }, body.fields, body.update, [
    'project',
    'issuetype',
    'reporter',
  ]);
  if (issueType.hierarchyLevel < 0 && !edit.parentId) throw fieldErrors({ parent: 'A sub-task must have a parent.' });
  const issue = createIssue(jira, actor, {
    project,
    issueTypeId: issueType.id,
    summary: edit.summary ?? summary.trim(),
    edit,
  });
  for (const p of body.properties) storeProperty(jira, issue, p.key, p.value);
  return json(201, { id: issue.id, key: issue.key, self: issueSelf(jira.site, issue) });
}
