/**
 * POST /rest/api/3/permissions/project ("Get permitted projects", Jira Cloud REST API v3, group
 * Permissions: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/):
 * every project in which the caller holds all the project permissions named in `permissions`
 * (required), as `{projects: [{id, key}]}` with numeric ids. Jira says the operation "can be
 * accessed anonymously" and needs no permission: an anonymous caller gets the projects anonymous
 * users hold them in. One call however many projects the site has, where `mypermissions` takes one
 * per project. A key that is not a project permission is a 400, as in the other permission endpoints.
 */
import { z } from 'zod';
import { JiraError } from '../jira-error';
import { hasProjectPermission, PERMISSION_BY_KEY } from '../permissions';
import { json, parseOr400, type JiraResponse, type RouteContext } from './respond';

const Body = z.object({ permissions: z.array(z.string()) });

export function permittedProjects(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const body = parseOr400(Body, ctx.body ?? {});
  for (const key of body.permissions) {
    const d = PERMISSION_BY_KEY.get(key);
    if (d === undefined || d.type !== 'PROJECT')
      throw new JiraError(400, [`The project permission key '${key}' is not valid.`]);
  }
  const projects = jira.store
    .projects()
    .filter((p) => body.permissions.every((key) => hasProjectPermission(actor, p, key)))
    .map((p) => ({ id: Number(p.id), key: p.key }));
  return json(200, { projects });
}
