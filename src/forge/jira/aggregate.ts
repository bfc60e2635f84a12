/**
 * A number over the issues matching JQL, as the app. A count pages through ids only (Jira serves
 * up to 5,000 ids a page); a sum or average pages through the issues 100 at a time with the one
 * field. Issues whose field is empty or not a number are left out of a sum and an average; an
 * average of no values is null.
 */
import { z } from 'zod';
import { JiraFieldId } from '../../contract';
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
): Promise<void> {
  let token: string | null = null;
  do {
    const page: SearchPage = okJson(
      await searchAsApp(send, { jql, nextPageToken: token, maxResults, fields }),
      SearchPage,
    );
    visit(page);
    token = page.nextPageToken ?? null;
  } while (token !== null);
}

export async function aggregate(
  send: Send,
  jql: string,
  kind: 'count' | 'sum' | 'avg',
  field: string | null,
): Promise<number | null> {
  if (kind === 'count') {
    let count = 0;
    await forEachPage(send, jql, MAX_PAGE_IDS_ONLY, ['id'], (page) => {
      count += page.issues.length;
    });
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
  await forEachPage(send, jql, MAX_PAGE_WITH_FIELDS, [fieldId.data], (page) => {
    for (const issue of page.issues) {
      const value = NumberValue.safeParse(issue.fields?.[fieldId.data]);
      if (value.success) {
        sum += value.data;
        values += 1;
      }
    }
  });
  if (kind === 'sum') return sum;
  return values === 0 ? null : sum / values;
}
