/**
 * POST /rest/api/3/search/jql, the one search Jira Cloud keeps (the old /search answers 410).
 * Paged with `nextPageToken`; `maxResults` is at most 5,000 for ids only and 100 when fields are
 * asked for. As the app for reading, as the user for checking JQL.
 */
import { asApp, asUser, route } from '@forge/api';
import { JSON_HEADERS, type Send } from './send';
import type { JiraAnswer } from './retry';

export const SEARCH_ENDPOINT = 'POST /rest/api/3/search/jql';
/** Jira's largest page when fields are asked for. */
export const MAX_PAGE_WITH_FIELDS = 100;
/** Jira's largest page when only ids are asked for. */
export const MAX_PAGE_IDS_ONLY = 5000;

export interface SearchRequest {
  jql: string;
  nextPageToken: string | null;
  maxResults: number;
  fields: readonly string[];
}

function body(request: SearchRequest): string {
  return JSON.stringify({
    jql: request.jql,
    maxResults: request.maxResults,
    fields: request.fields,
    ...(request.nextPageToken === null ? {} : { nextPageToken: request.nextPageToken }),
  });
}

export function searchAsApp(send: Send, request: SearchRequest): Promise<JiraAnswer> {
  return send(SEARCH_ENDPOINT, () =>
    asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: body(request) }),
  );
}

export function searchAsUser(send: Send, request: SearchRequest): Promise<JiraAnswer> {
  return send(SEARCH_ENDPOINT, () =>
    asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: body(request) }),
  );
}
