/**
 * GET /rest/api/3/mypermissions as the invoking user: which of the asked permissions they hold on
 * the site, in a project or on an issue. Jira answers 404 for a project or issue the user cannot
 * browse (as if it did not exist); that is "none of them", not an error.
 */
import { asUser, route } from '@forge/api';
import { okJson } from './jira-answers';
import { MyPermissions } from './jira-responses';
import { JSON_HEADERS, type Send } from './send';
import type { JiraPermission, PermissionScope } from '../../ports';

export const MY_PERMISSIONS_ENDPOINT = 'GET /rest/api/3/mypermissions';

export function permissionQuery(scope: PermissionScope, permissions: readonly JiraPermission[]): URLSearchParams {
  const query = new URLSearchParams({ permissions: [...new Set(permissions)].join(',') });
  if ('projectKey' in scope) query.set('projectKey', scope.projectKey);
  else if ('issueKey' in scope) query.set('issueKey', scope.issueKey);
  return query;
}

export async function myPermissions(
  send: Send,
  scope: PermissionScope,
  permissions: readonly JiraPermission[],
): Promise<Set<JiraPermission>> {
  if (permissions.length === 0) return new Set();
  const query = permissionQuery(scope, permissions);
  const answer = await send(MY_PERMISSIONS_ENDPOINT, () =>
    asUser().requestJira(route`/rest/api/3/mypermissions?${query}`, { method: 'GET', headers: JSON_HEADERS }),
  );
  if (answer.status === 404 && !('site' in scope)) return new Set();
  const body = okJson(answer, MyPermissions);
  return new Set(permissions.filter((p) => body.permissions[p]?.havePermission === true));
}
