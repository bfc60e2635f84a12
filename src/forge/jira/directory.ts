/**
 * JiraDirectory on @forge/api, as the app: which account ids are Jira accounts
 * (GET /rest/api/3/user/bulk, 50 ids a request, paged) and the site's fields
 * (GET /rest/api/3/field, once per invocation). Jira's refusals become typed failures and 429/5xx
 * are retried, as for every other request of the adapter.
 */
import { asApp, route } from '@forge/api';
import { z } from 'zod';
import { retryPolicy, currentInvocationId, type JiraClientOptions } from './client-options';
import { okJson } from './jira-answers';
import { FieldList } from './jira-responses';
import { JSON_HEADERS, sender, type Send } from './send';
import type { JiraDirectory, JiraField } from '../../ports';

/** Account ids asked in one request (each up to 128 characters: the URL stays short). */
export const ACCOUNTS_PER_REQUEST = 50;

export const USER_BULK_ENDPOINT = 'GET /rest/api/3/user/bulk';
export const FIELD_ENDPOINT = 'GET /rest/api/3/field';

/** PageBeanUser, as much of it as the check needs. */
const UserPage = z.object({
  startAt: z.number().int().nonnegative().optional(),
  maxResults: z.number().int().nonnegative().optional(),
  isLast: z.boolean().optional(),
  values: z.array(z.object({ accountId: z.string() })),
});

async function knownAccounts(send: Send, accountIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(accountIds)];
  const known = new Set<string>();
  for (let i = 0; i < wanted.length; i += ACCOUNTS_PER_REQUEST) {
    const chunk = wanted.slice(i, i + ACCOUNTS_PER_REQUEST);
    let startAt = 0;
    for (;;) {
      const query = new URLSearchParams({ startAt: String(startAt), maxResults: String(ACCOUNTS_PER_REQUEST) });
      for (const id of chunk) query.append('accountId', id);
      const page = okJson(
        await send(USER_BULK_ENDPOINT, () =>
          asApp().requestJira(route`/rest/api/3/user/bulk?${query}`, { method: 'GET', headers: JSON_HEADERS }),
        ),
        UserPage,
      );
      for (const user of page.values) if (chunk.includes(user.accountId)) known.add(user.accountId);
      startAt += page.values.length;
      if (page.isLast !== false || page.values.length === 0) break;
    }
  }
  return known;
}

function fieldsOf(list: FieldList): JiraField[] {
  return list.map((f) => ({ id: f.id, name: f.name, numeric: f.schema?.type === 'number' }));
}

export function createJiraDirectory(options: JiraClientOptions = {}): JiraDirectory {
  const send = sender(retryPolicy(options));
  let cached: { invocationId: string; fields: Promise<JiraField[]> } | null = null;
  return {
    knownAccounts: (accountIds) =>
      accountIds.length === 0 ? Promise.resolve(new Set()) : knownAccounts(send, accountIds),
    fields: () => {
      const invocationId = currentInvocationId();
      if (cached === null || cached.invocationId !== invocationId) {
        const fields = send(FIELD_ENDPOINT, () =>
          asApp().requestJira(route`/rest/api/3/field`, { method: 'GET', headers: JSON_HEADERS }),
        ).then((answer) => fieldsOf(okJson(answer, FieldList)));
        cached = { invocationId, fields };
        // a failed look-up is not kept: the next call asks again
        fields.catch(() => {
          if (cached?.fields === fields) cached = null;
        });
      }
      return cached.fields;
    },
  };
}
