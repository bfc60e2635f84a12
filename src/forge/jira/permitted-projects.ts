/**
 * POST /rest/api/3/permissions/project ("Get permitted projects",
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/) as the
 * invoking user: every project in which they hold all the project permissions asked, in one call
 * however many projects the site has (GET mypermissions answers for one project a call).
 */
import { asUser, route } from '@forge/api';
import { okJson } from './jira-answers';
import { PermittedProjects } from './jira-responses';
import { JSON_HEADERS, type Send } from './send';
import type { JiraPermission } from '../../ports';

export const PERMITTED_PROJECTS_ENDPOINT = 'POST /rest/api/3/permissions/project';

export async function permittedProjects(send: Send, permissions: readonly JiraPermission[]): Promise<Set<string>> {
  const answer = await send(PERMITTED_PROJECTS_ENDPOINT, () =>
    asUser().requestJira(route`/rest/api/3/permissions/project`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ permissions: [...new Set(permissions)] }),
    }),
  );
  return new Set((okJson(answer, PermittedProjects).projects ?? []).map((p) => p.key));
}
