/**
 * What another account may do, asked as the app: POST /rest/api/3/permissions/check ("Get bulk
 * permissions", the call Forge's `authorize()` helper makes) with the account's id. Jira lets the
 * app ask about any account; an account Jira no longer knows holds nothing. Used where no user
 * invokes the app — a trigger deciding who may receive a prompt about an objective, the daily job
 * measuring a query key result as its owner sees Jira (docs/security.md, classes 1 and 2).
 *
 * Jira takes projects and issues by id: a project key is turned into its id with
 * GET /rest/api/3/project/{key} (as the app; a project that does not exist grants nothing).
 */
import { asApp, route } from '@forge/api';
import { z } from 'zod';
import { okJson } from './jira-answers';
import { failureForResponse, jiraMessagesOf } from './jira-errors';
import { SearchPage } from './jira-responses';
import { distinctKeys, keyListJql, keysJiraDoesNotKnow, KEYS_PER_SEARCH } from './search-issues';
import { MAX_PAGE_WITH_FIELDS, searchAsApp } from './search-requests';
import { JSON_HEADERS, type Send } from './send';
import type { JiraPermission, PermissionScope } from '../../ports';

export const BULK_PERMISSIONS_ENDPOINT = 'POST /rest/api/3/permissions/check';
export const PROJECT_ID_ENDPOINT = 'GET /rest/api/3/project/{projectIdOrKey}';
export const ISSUE_ID_ENDPOINT = 'GET /rest/api/3/issue/{issueIdOrKey}';

/** Jira checks at most this many projects and this many issues in one request. */
export const IDS_PER_CHECK = 1000;

const GLOBAL: ReadonlySet<JiraPermission> = new Set(['ADMINISTER']);

const BulkPermissionGrants = z.object({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(
      z.object({
        permission: z.string(),
        projects: z.array(z.number()).default([]),
        issues: z.array(z.number()).default([]),
      }),
    )
    .default([]),
});
type BulkPermissionGrants = z.infer<typeof BulkPermissionGrants>;

const IdOnly = z.object({ id: z.string() });

async function check(
  send: Send,
  body: {
    accountId: string;
    globalPermissions?: string[];
    projectPermissions?: { permissions: string[]; projects?: number[]; issues?: number[] }[];
  },
): Promise<BulkPermissionGrants> {
  return okJson(
    await send(BULK_PERMISSIONS_ENDPOINT, () =>
      asApp().requestJira(route`/rest/api/3/permissions/check`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      }),
    ),
    BulkPermissionGrants,
  );
}

/** The numeric id of the project or issue the scope names; null when Jira shows the app none. */
async function scopeId(send: Send, scope: PermissionScope): Promise<number | null> {
  const answer =
    'projectKey' in scope
      ? await send(PROJECT_ID_ENDPOINT, () =>
          asApp().requestJira(route`/rest/api/3/project/${scope.projectKey}`, { method: 'GET', headers: JSON_HEADERS }),
        )
      : 'issueKey' in scope
        ? await send(ISSUE_ID_ENDPOINT, () =>
            asApp().requestJira(route`/rest/api/3/issue/${scope.issueKey}?fields=project`, {
              method: 'GET',
              headers: JSON_HEADERS,
            }),
          )
        : null;
  if (answer === null || answer.status === 404) return null;
  const id = Number(okJson(answer, IdOnly).id);
  return Number.isSafeInteger(id) ? id : null;
}

/** Which of `permissions` the account holds in the scope (site, project or issue), as Jira answers the app. */
export async function accountPermissions(
  send: Send,
  accountId: string,
  scope: PermissionScope,
  permissions: readonly JiraPermission[],
): Promise<Set<JiraPermission>> {
  const globals = [...new Set(permissions.filter((p) => GLOBAL.has(p)))];
  const inProjects = [...new Set(permissions.filter((p) => !GLOBAL.has(p)))];
  const id = inProjects.length === 0 || 'site' in scope ? null : await scopeId(send, scope);
  const asked = id === null ? [] : inProjects;
  if (globals.length === 0 && asked.length === 0) return new Set();
  const grants = await check(send, {
    accountId,
    ...(globals.length > 0 ? { globalPermissions: globals } : {}),
    ...(asked.length > 0 && id !== null
      ? {
          projectPermissions: [
            { permissions: asked, ...('issueKey' in scope ? { issues: [id] } : { projects: [id] }) },
          ],
        }
      : {}),
  });
  const granted = new Set<JiraPermission>(globals.filter((p) => grants.globalPermissions.includes(p)));
  for (const g of grants.projectPermissions) {
    const p = asked.find((a) => a === g.permission);
    if (p !== undefined && (g.projects.includes(id ?? -1) || g.issues.includes(id ?? -1))) granted.add(p);
  }
  return granted;
}

/** The ids among `issueIds` the account may browse (BROWSE_PROJECTS on the issue: its project and its security level). */
export async function browsableIssueIds(
  send: Send,
  accountId: string,
  issueIds: readonly string[],
): Promise<Set<string>> {
  const ids = [...new Set(issueIds)].map(Number).filter((n) => Number.isSafeInteger(n));
  const granted = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_CHECK) {
    const grants = await check(send, {
      accountId,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: ids.slice(i, i + IDS_PER_CHECK) }],
    });
    for (const g of grants.projectPermissions)
      if (g.permission === 'BROWSE_PROJECTS') for (const id of g.issues) granted.add(String(id));
  }
  return granted;
}

/**
 * The keys among `issueKeys` the account may browse: their ids found as the app (`key in (…)`,
 * 100 keys a search; keys Jira does not know are dropped and it is asked again), then Jira's bulk
 * permission check. A key Jira does not show the app is not browsable.
 */
export async function browsableIssueKeys(
  send: Send,
  accountId: string,
  issueKeys: readonly string[],
): Promise<Set<string>> {
  const wanted = distinctKeys(issueKeys);
  const idOf = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += KEYS_PER_SEARCH) {
    let keys = wanted.slice(i, i + KEYS_PER_SEARCH);
    while (keys.length > 0) {
      const answer = await searchAsApp(send, {
        jql: keyListJql(keys),
        nextPageToken: null,
        maxResults: MAX_PAGE_WITH_FIELDS,
        fields: ['key'],
      });
      if (answer.status === 400) {
        const unknown = keysJiraDoesNotKnow(jiraMessagesOf(answer.body).messages);
        if (!keys.some((k) => unknown.has(k))) throw failureForResponse(answer.endpoint, answer.status, answer.body);
        keys = keys.filter((k) => !unknown.has(k));
        continue;
      }
      for (const issue of okJson(answer, SearchPage).issues)
        if (issue.key !== undefined) idOf.set(issue.key.toUpperCase(), issue.id);
      break;
    }
  }
  if (idOf.size === 0) return new Set();
  const granted = await browsableIssueIds(send, accountId, [...idOf.values()]);
  return new Set([...idOf].filter(([, id]) => granted.has(id)).map(([key]) => key));
}
