/**
 * Checks JQL as the invoking user, so a project or issue they cannot see is an error for them as
 * in Jira's own search. Jira Cloud has POST /rest/api/3/jql/parse?validation=strict for this;
 * the local Jira does not serve it, so we run the query as a search of one id instead
 * (POST /rest/api/3/search/jql, maxResults 1, fields id): Jira answers 400 with the same
 * messages for invalid JQL. One difference: a search also refuses a query without a
 * restriction ("Unbounded JQL queries are not allowed here…"), which Tether could not run anyway.
 */
import { failureForResponse, jiraMessagesOf } from './jira-errors';
import { isOk } from './jira-answers';
import { searchAsUser } from './search-requests';
import type { Send } from './send';

export async function validateJql(send: Send, jql: string): Promise<string[]> {
  if (jql.trim() === '') return ['The JQL query is empty.'];
  const answer = await searchAsUser(send, { jql, nextPageToken: null, maxResults: 1, fields: ['id'] });
  if (isOk(answer)) return [];
  if (answer.status === 400) {
    const { messages } = jiraMessagesOf(answer.body);
    if (messages.length > 0) return messages;
  }
  throw failureForResponse(answer.endpoint, answer.status, answer.body);
}
