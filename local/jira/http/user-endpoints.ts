/** GET /rest/api/3/myself, /rest/api/3/user?accountId=, /rest/api/3/user/search?query=|accountId=, /rest/api/3/user/bulk?accountId=… */
import { z } from 'zod';
import { JiraError } from '../jira-error';
import type { JiraUser } from '../model';
import { hasGlobalPermission } from '../permissions';
import { renderUser, type Site } from '../render';
import { IntParam, json, parseOr400, queryObject, type JiraResponse, type RouteContext } from './respond';

function fullUser(site: Site, user: JiraUser) {
  return {
    ...renderUser(site, user),
    locale: 'en_US',
    groups: { size: user.siteAdmin ? 2 : 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
}

export function myself(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const user = actor.kind === 'user' ? actor.user : jira.store.user(actor.accountId);
  if (!user)
    throw new JiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);
  return json(200, fullUser(jira.site, user));
}

const UserQuery = z.object({ accountId: z.string().min(1).max(128), expand: z.string().optional() });

export function getUser(ctx: RouteContext): JiraResponse {
  const q = parseOr400(UserQuery, queryObject(ctx.query));
  const user = ctx.jira.store.user(q.accountId);
  if (!user) throw new JiraError(404, ['Specified user does not exist or you do not have required permissions']);
  return json(200, fullUser(ctx.jira.site, user));
}

const SearchQuery = z.object({
  query: z.string().optional(),
  accountId: z.string().max(128).optional(),
  property: z.string().optional(),
  username: z.string().optional(),
  startAt: IntParam.pipe(z.number().int().min(0)).default(0),
  maxResults: IntParam.pipe(z.number().int().min(0)).default(50),
});

/**
 * Active people whose display name (any word) or e-mail starts with `query`, or the one with
 * `accountId`. Without Browse users and groups the result is empty, as in Jira.
 */
export function searchUsers(ctx: RouteContext): JiraResponse {
  const { jira, actor } = ctx;
  const q = parseOr400(SearchQuery, queryObject(ctx.query));
  if (q.query === undefined && q.accountId === undefined && q.property === undefined) {
    throw new JiraError(400, ["One of 'query', 'accountId' or 'property' query parameters must be provided."]);
  }
  if (q.query !== undefined && q.accountId !== undefined)
    throw new JiraError(400, ["'query' and 'accountId' cannot be provided together."]);
  if (q.property !== undefined)
    throw new JiraError(400, ["The local Jira does not support searching users by 'property'."]);
  if (!hasGlobalPermission(actor, 'USER_PICKER')) return json(200, []);
  const needle = (q.query ?? '').trim().toLowerCase();
  const matches = jira.store.users().filter((u) => {
    if (!u.active || u.accountType !== 'atlassian') return false;
    if (q.accountId !== undefined) return u.accountId === q.accountId;
    if (needle === '') return true;
    return (
      u.emailAddress.toLowerCase().startsWith(needle) ||
      u.displayName
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(needle)) ||
      u.displayName.toLowerCase().startsWith(needle)
    );
  });
  return json(
    200,
    matches.slice(q.startAt, q.startAt + Math.min(q.maxResults, 1000)).map((u) => renderUser(jira.site, u)),
  );
}

const BulkQuery = z.object({
  accountId: z.array(z.string().min(1).max(128)).min(1, "The 'accountId' query parameter must be provided."),
  username: z.array(z.string()).optional(),
  key: z.array(z.string()).optional(),
  startAt: IntParam.pipe(z.number().int().min(0)).default(0),
  maxResults: IntParam.pipe(z.number().int().min(1)).default(10),
});

/**
 * The people with the given account ids, a page at a time (PageBeanUser), in the order asked;
 * ids that match nobody are left out, as in Jira.
 */
export function bulkUsers(ctx: RouteContext): JiraResponse {
  const { jira } = ctx;
  const q = parseOr400(BulkQuery, queryObject(ctx.query, ['accountId', 'username', 'key']));
  const found = [...new Set(q.accountId)].flatMap((id) => {
    const user = jira.store.user(id);
    return user ? [user] : [];
  });
  const max = Math.min(q.maxResults, 200);
  const page = found.slice(q.startAt, q.startAt + max);
  const self = `${jira.site.baseUrl}/rest/api/3/user/bulk?${ctx.query.toString()}`;
  return json(200, {
    self,
    maxResults: max,
    startAt: q.startAt,
    total: found.length,
    isLast: q.startAt + max >= found.length,
    values: page.map((u) => renderUser(jira.site, u)),
  });
}
