/**
 * GET /rest/api/3/issue/{issueIdOrKey}, as the app, with only the fields rollups need: the one
 * read of an issue that is consistent with what was just written. Search is not (Jira's "Search
 * and reconcile": a just-created or just-changed issue can be missing or stale in
 * /rest/api/3/search/jql), so an event's issue is read here, never through search.
 *
 * By id it follows the issue wherever it moved; by an old key, Jira answers with the issue under
 * its new key. 404 (no such issue, or one the app may not see) is `null`: deleted, as far as
 * the app can tell — the caller decides what that means.
 */
import { asApp, route } from '@forge/api';
import type { IssueState } from '../../contract';
import { okJson } from './jira-answers';
import { SearchIssue } from './jira-responses';
import { ROLLUP_FIELD_IDS, toIssueState, type IssueMapping } from './issue-state-mapping';
import type { IssueReader } from './search-issues';
import { JSON_HEADERS } from './send';

export const READ_ISSUE_ENDPOINT = 'GET /rest/api/3/issue/{issueIdOrKey}';

export async function readIssue(reader: IssueReader, idOrKey: string): Promise<IssueState | null> {
  const mapping: IssueMapping = await reader.mapping();
  const fields = [...ROLLUP_FIELD_IDS, ...mapping.storyPointsFieldIds].join(',');
  const answer = await reader.send(READ_ISSUE_ENDPOINT, () =>
    asApp().requestJira(route`/rest/api/3/issue/${idOrKey}?fields=${fields}`, {
      method: 'GET',
      headers: JSON_HEADERS,
    }),
  );
  if (answer.status === 404) return null;
  return toIssueState(READ_ISSUE_ENDPOINT, okJson(answer, SearchIssue), mapping);
}
