/**
 * GET /rest/api/3/mypermissions?permissions=…&projectKey|projectId|issueKey|issueId=…
 * A project permission without a project is "in any project", as Jira reports it. A project or
 * issue the user cannot browse answers 404, as in Jira.
 */
import { z } from 'zod';
import { browsableIssue } from '../issue-changes';
import { JiraError } from '../jira-error';
import type { JiraProject } from '../model';
import { canBrowse, havePermission, PERMISSION_BY_KEY, type PermissionDefinition } from '../permissions';
import { json, parseOr400, queryObject, type JiraResponse, type RouteContext } from './respond';

const Query = z.object({
  permissions: z.string().optional(),
  projectKey: z.string().optional(),
  projectId: z.string().optional(),
  issueKey: z.string().optional(),
  issueId: z.string().optional(),
  projectUuid: z.string().optional(),
  projectConfigurationUuid: z.string().optional(),
  commentId: z.string().optional(),
});

export function myPermissions(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const q = parseOr400(Query, queryObject(ctx.query));
  const keys = (q.permissions ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0)
    throw new JiraError(400, [
      "The 'permissions' query parameter is required: a comma-separated list of permission keys.",
    ]);
  const definitions: PermissionDefinition[] = [];
  for (const key of keys) {
    const d = PERMISSION_BY_KEY.get(key);
    if (!d) throw new JiraError(400, [`The permission key '${key}' is not valid.`]);
    definitions.push(d);
  }
  let project: JiraProject | null = null;
  const issueRef = q.issueId ?? q.issueKey;
  if (issueRef !== undefined) {
    project = browsableIssue(jira, actor, issueRef).project;
  } else if (q.projectId !== undefined || q.projectKey !== undefined) {
    const found =
      q.projectId !== undefined ? jira.store.projectById(q.projectId) : jira.store.project(q.projectKey ?? '');
    if (!found || !canBrowse(actor, found)) {
      throw new JiraError(404, [
        q.projectId !== undefined
          ? `No project could be found with id '${q.projectId}'.`
          : `No project could be found with key '${q.projectKey ?? ''}'.`,
      ]);
    }
    project = found;
  }
  const permissions: Record<string, PermissionDefinition & { havePermission: boolean }> = {};
  for (const d of definitions)
    permissions[d.key] = { ...d, havePermission: havePermission(jira.store, actor, d, project) };
  return json(200, { permissions });
}
