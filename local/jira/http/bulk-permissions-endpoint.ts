/**
 * POST /rest/api/3/permissions/check ("Get bulk permissions"): which global permissions an account
 * holds, and for each project permission, which of the given projects and issues (by id) it holds
 * it in. Without `accountId` the caller's own; with one, only a caller with Administer Jira (or the
 * app: Forge's `authorize()` asks this as the app) may ask about someone else. As in Jira: ids of
 * projects and issues that do not exist are ignored, nulls in the lists are ignored, at most 1,000
 * projects and 1,000 issues are checked, and a deactivated or unknown account holds nothing.
 */
import { z } from 'zod';
import { JiraError } from '../jira-error';
import { actorAccountId, hasGlobalPermission, havePermission, PERMISSION_BY_KEY, type Actor } from '../permissions';
import { json, parseOr400, type JiraResponse, type RouteContext } from './respond';

const MAX_IDS = 1000;

const Ids = z.array(z.union([z.number().int(), z.null()])).optional();

const Body = z.object({
  accountId: z.string().max(128).optional(),
  globalPermissions: z.array(z.union([z.string(), z.null()])).optional(),
  projectPermissions: z.array(z.object({ permissions: z.array(z.string()), projects: Ids, issues: Ids })).optional(),
});

function permissionKeys(keys: readonly (string | null)[], type: 'GLOBAL' | 'PROJECT'): string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (key === null || key === '') continue;
    const d = PERMISSION_BY_KEY.get(key);
    if (d === undefined || d.type !== type)
      throw new JiraError(400, [
        `The ${type === 'GLOBAL' ? 'global' : 'project'} permission key '${key}' is not valid.`,
      ]);
    out.push(key);
  }
  return out;
}

export function bulkPermissions(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const body = parseOr400(Body, ctx.body ?? {});
  const projectPermissions = body.projectPermissions ?? [];
  const projectIds = projectPermissions.flatMap((p) => p.projects ?? []).filter((id) => id !== null);
  const issueIds = projectPermissions.flatMap((p) => p.issues ?? []).filter((id) => id !== null);
  if (projectIds.length > MAX_IDS || issueIds.length > MAX_IDS)
    throw new JiraError(400, [`A maximum of ${MAX_IDS} projects and ${MAX_IDS} issues can be checked.`]);

  let subject: Actor | null = actor;
  if (body.accountId !== undefined && body.accountId !== actorAccountId(actor)) {
    if (!hasGlobalPermission(actor, 'ADMINISTER'))
      throw new JiraError(403, ['You do not have permission to check the permissions of other users.']);
    const user = jira.store.user(body.accountId);
    subject = user !== undefined && user.active ? { kind: 'user', user } : null;
  }

  const globals = permissionKeys(body.globalPermissions ?? [], 'GLOBAL');
  const grantedGlobal =
    subject === null ? [] : globals.filter((k) => havePermission(jira.store, subject, PERMISSION_BY_KEY.get(k)!, null));

  const grants: { permission: string; projects: number[]; issues: number[] }[] = [];
  for (const asked of projectPermissions) {
    const projects = (asked.projects ?? []).filter((id): id is number => id !== null);
    const issues = (asked.issues ?? []).filter((id): id is number => id !== null);
    for (const key of permissionKeys(asked.permissions, 'PROJECT')) {
      const d = PERMISSION_BY_KEY.get(key)!;
      const grantedProjects: number[] = [];
      const grantedIssues: number[] = [];
      if (subject !== null) {
        for (const id of projects) {
          const project = jira.store.projectById(String(id));
          if (project !== undefined && havePermission(jira.store, subject, d, project)) grantedProjects.push(id);
        }
        for (const id of issues) {
          const issue = jira.store.issueById(String(id));
          const project = issue === undefined ? undefined : jira.store.projectById(issue.projectId);
          if (project !== undefined && havePermission(jira.store, subject, d, project)) grantedIssues.push(id);
        }
      }
      const known = grants.find((g) => g.permission === key);
      if (known === undefined) grants.push({ permission: key, projects: grantedProjects, issues: grantedIssues });
      else {
        known.projects = [...new Set([...known.projects, ...grantedProjects])];
        known.issues = [...new Set([...known.issues, ...grantedIssues])];
      }
    }
  }
  return json(200, { globalPermissions: grantedGlobal, projectPermissions: grants });
}
