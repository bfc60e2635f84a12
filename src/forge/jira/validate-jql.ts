/**
 * Checks JQL as the invoking user, so a project or issue they cannot see is an error for them as
 * in Jira's own search. Jira Cloud has POST /rest/api/3/jql/parse?validation=strict for this;
 * the local Jira does not serve it, so we run the query as a search of ids instead
 * (POST /rest/api/3/search/jql, fields id): Jira answers 400 with the same messages for invalid
 * JQL, and a valid query's one page of ids (up to JQL_COUNT_CAP) says how many issues match.
 * One difference: a search also refuses a query without a restriction ("Unbounded JQL queries
 * are not allowed here…"), which Tether could not run anyway.
 */
import { failureForResponse, jiraMessagesOf } from './jira-errors';
import { isOk, okJson } from './jira-answers';
import { SearchPage } from './jira-responses';
import { searchAsUser } from './search-requests';
import type { Send } from './send';
import { JQL_COUNT_CAP, type JqlCheck } from '../../ports';

export async function validateJql(send: Send, jql: string): Promise<JqlCheck> {
  if (jql.trim() === '') return { errors: ['The JQL query is empty.'], count: null, more: false };
  const answer = await searchAsUser(send, { jql, nextPageToken: null, maxResults: JQL_COUNT_CAP, fields: ['id'] });
  if (isOk(answer)) {
    const page = okJson(answer, SearchPage);
    return { errors: [], count: page.issues.length, more: (page.nextPageToken ?? null) !== null };
  }
  if (answer.status === 400) {
    const { messages } = jiraMessagesOf(answer.body);
    if (messages.length > 0) return { errors: messages, count: null, more: false };
  }
  throw failureForResponse(answer.endpoint, answer.status, answer.body);
}
