/**
 * A number over the issues matching JQL, as the app. A count pages through ids only (Jira serves
 * up to 5,000 ids a page); a sum or average pages through the issues 100 at a time with the one
 * field. Issues whose field is empty or not a number are left out of a sum and an average; an
 * average of no values is null.
 *
 * With `seenBy` (an account id), only the issues that account may browse count: each page's ids
 * are asked of Jira's bulk permission check as the app (account-permissions.ts), so a query key
 * result counts what its owner would see, not what the app sees (docs/security.md, class 2).
 */
import { z } from 'zod';
import { JiraFieldId } from '../../contract';
import { browsableIssueIds } from './account-permissions';
import { okJson } from './jira-answers';
import { JiraRequestFailure } from './jira-errors';
import { SearchPage } from './jira-responses';
import { MAX_PAGE_IDS_ONLY, MAX_PAGE_WITH_FIELDS, searchAsApp } from './search-requests';
import type { Send } from './send';

const NumberValue = z.number().finite();

async function forEachPage(
  send: Send,
  jql: string,
  maxResults: number,
  fields: string[],
  visit: (page: SearchPage) => void,
  seenBy: string | null,
): Promise<void> {
  let token: string | null = null;
  do {
    const page: SearchPage = okJson(
      await searchAsApp(send, { jql, nextPageToken: token, maxResults, fields }),
      SearchPage,
    );
    if (seenBy === null) visit(page);
    else {
      const shown = await browsableIssueIds(
        send,
        seenBy,
        page.issues.map((i) => i.id),
      );
      visit({ ...page, issues: page.issues.filter((i) => shown.has(i.id)) });
    }
    token = page.nextPageToken ?? null;
  } while (token !== null);
}

export async function aggregate(
  send: Send,
  jql: string,
  kind: 'count' | 'sum' | 'avg',
  field: string | null,
  seenBy: string | null = null,
): Promise<number | null> {
  if (kind === 'count') {
    let count = 0;
    await forEachPage(
      send,
      jql,
      MAX_PAGE_IDS_ONLY,
      ['id'],
      (page) => {
        count += page.issues.length;
      },
      seenBy,
    );
    return count;
  }
  const fieldId = JiraFieldId.safeParse(field);
  if (!fieldId.success) {
    throw new JiraRequestFailure(
      'VALIDATION',
      `"${kind}" needs a Jira field id such as customfield_10016 (got ${JSON.stringify(field)})`,
      'aggregate',
      null,
      [],
      [{ path: 'field', message: 'a Jira field id such as customfield_10016' }],
    );
  }
  let sum = 0;
  let values = 0;
  await forEachPage(
    send,
    jql,
    MAX_PAGE_WITH_FIELDS,
    [fieldId.data],
    (page) => {
      for (const issue of page.issues) {
        const value = NumberValue.safeParse(issue.fields?.[fieldId.data]);
        if (value.success) {
          sum += value.data;
          values += 1;
        }
      }
    },
    seenBy,
  );
  if (kind === 'sum') return sum;
  return values === 0 ? null : sum / values;
}
