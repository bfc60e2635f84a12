/**
 * People from Jira, as the user sees them: look-ups by account id (`/rest/api/3/user/bulk`, names
 * and avatars of owners, leads, members) and search by name or e-mail (`/rest/api/3/user/search`,
 * user pickers). Every reply is parsed; apps and deactivated people are left out of searches.
 */
import { z } from 'zod';
import { jiraFailure, type JiraRequest } from './jira';

export interface UserSummary {
  accountId: string;
  displayName: string;
  /** A 24×24 avatar, when Jira gives one. */
  avatarUrl: string | null;
}

const UserJson = z.object({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  displayName: z.string().default(''),
  active: z.boolean().default(true),
  avatarUrls: z.object({ '24x24': z.string().optional() }).partial().optional(),
});
type UserJson = z.infer<typeof UserJson>;
const BulkPage = z.object({ values: z.array(UserJson) });
const SearchReply = z.array(UserJson);

function summaryOf(u: UserJson): UserSummary {
  return {
    accountId: u.accountId,
    displayName: u.displayName === '' ? u.accountId : u.displayName,
    avatarUrl: u.avatarUrls?.['24x24'] ?? null,
  };
}

/** Ids asked of /user/bulk at once (Jira answers at most 200 per page). */
const BULK = 100;

/** The people behind these account ids; ids Jira does not know (or refuses) are left out. */
export async function lookUpUsers(jira: JiraRequest, accountIds: readonly string[]): Promise<Map<string, UserSummary>> {
  const ids = [...new Set(accountIds)];
  const out = new Map<string, UserSummary>();
  for (let i = 0; i < ids.length; i += BULK) {
    const chunk = ids.slice(i, i + BULK);
    const reply = await jira(
      `/rest/api/3/user/bulk?${chunk.map((id) => `accountId=${encodeURIComponent(id)}`).join('&')}&maxResults=${BULK}`,
    );
    if (reply.status !== 200) continue;
    const page = BulkPage.safeParse(reply.body);
    if (page.success) page.data.values.forEach((u) => out.set(u.accountId, summaryOf(u)));
  }
  return out;
}

type UserSearch = { ok: true; users: UserSummary[] } | { ok: false; message: string };

/** Active people whose name or e-mail starts with `query` (at most `limit`). */
export async function searchUsers(jira: JiraRequest, query: string, limit = 20): Promise<UserSearch> {
  let reply;
  try {
    reply = await jira(`/rest/api/3/user/search?query=${encodeURIComponent(query)}&maxResults=${limit}`);
  } catch (error) {
    return {
      ok: false,
      message: `Jira could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (reply.status !== 200) return { ok: false, message: jiraFailure(reply, 'search for people') };
  const users = SearchReply.safeParse(reply.body);
  if (!users.success)
    return { ok: false, message: 'Jira answered the search in a shape this page does not understand.' };
  return {
    ok: true,
    users: users.data
      .filter((u) => u.active && (u.accountType === undefined || u.accountType === 'atlassian'))
      .map(summaryOf),
  };
}
