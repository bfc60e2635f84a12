/**
 * Issues as `IssueState`, as the app: one search page (`searchIssues`), the issues with given
 * keys (`getIssues`: `key in (…)` in chunks of 100, every page), or the children of given issues
 * (`childrenOf`: `parent in (…)`, the same way). Keys Jira does not know, or does not show the
 * app, are left out: Jira refuses the whole query naming them, and it is asked again without them.
 */
import { IssueKey, type IssueState } from '../../contract';
import { isOk, okJson } from './jira-answers';
import { failureForResponse, jiraMessagesOf } from './jira-errors';
import { SearchPage } from './jira-responses';
import { ROLLUP_FIELD_IDS, toIssueState, type IssueMapping } from './issue-state-mapping';
import { MAX_PAGE_WITH_FIELDS, SEARCH_ENDPOINT, searchAsApp } from './search-requests';
import type { Send } from './send';
import type { JiraSearchPage } from '../../ports';

export const KEYS_PER_SEARCH = 100;

export interface IssueReader {
  send: Send;
  mapping: () => Promise<IssueMapping>;
}

function fieldsFor(mapping: IssueMapping): string[] {
  return [...ROLLUP_FIELD_IDS, ...mapping.storyPointsFieldIds];
}

export async function searchIssues(
  reader: IssueReader,
  jql: string,
  pageToken: string | null,
  pageSize = MAX_PAGE_WITH_FIELDS,
): Promise<JiraSearchPage> {
  const mapping = await reader.mapping();
  const maxResults = Math.max(1, Math.min(MAX_PAGE_WITH_FIELDS, Math.floor(pageSize)));
  const answer = await searchAsApp(reader.send, {
    jql,
    nextPageToken: pageToken,
    maxResults,
    fields: fieldsFor(mapping),
  });
  const page = okJson(answer, SearchPage);
  return {
    issues: page.issues.map((issue) => toIssueState(SEARCH_ENDPOINT, issue, mapping)),
    nextPageToken: page.nextPageToken ?? null,
  };
}

/** Valid, distinct, upper-case keys; anything that cannot be a key cannot exist either. */
export function distinctKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of keys) {
    const key = IssueKey.safeParse(raw.trim().toUpperCase());
    if (key.success) seen.add(key.data);
  }
  return [...seen];
}

/**
 * The keys a JQL refusal says do not exist. Jira refuses the whole query when `key in (…)` names
 * an issue that does not exist (or that the caller cannot see):
 * "An issue with key 'WEB-99' does not exist for field 'key'." (or "The issue key '…' for field 'key' is invalid.")
 */
export function keysJiraDoesNotKnow(messages: readonly string[]): Set<string> {
  const unknown = new Set<string>();
  const patterns = [
    /An issue with key '([^']+)' does not exist for field/i,
    /The issue key '([^']+)' for field '[^']+' is invalid/i,
  ];
  for (const message of messages) {
    for (const pattern of patterns) {
      const m = pattern.exec(message);
      if (m?.[1] !== undefined) unknown.add(m[1].toUpperCase());
    }
  }
  return unknown;
}

export function keyListJql(keys: readonly string[], field: 'key' | 'parent' = 'key'): string {
  return `${field} in (${keys.map((k) => `"${k}"`).join(', ')})`;
}

/** Every issue `field in (chunk)` finds, page by page; the keys Jira says it does not know are dropped and it asks again. */
async function issuesNaming(
  reader: IssueReader,
  mapping: IssueMapping,
  chunk: readonly string[],
  field: 'key' | 'parent',
): Promise<IssueState[]> {
  let keys = [...chunk];
  const found: IssueState[] = [];
  while (keys.length > 0) {
    const jql = keyListJql(keys, field);
    let token: string | null = null;
    let refused: Set<string> | null = null;
    do {
      const answer = await searchAsApp(reader.send, {
        jql,
        nextPageToken: token,
        maxResults: MAX_PAGE_WITH_FIELDS,
        fields: fieldsFor(mapping),
      });
      if (answer.status === 400 && token === null) {
        const unknown = keysJiraDoesNotKnow(jiraMessagesOf(answer.body).messages);
        if (!keys.some((k) => unknown.has(k))) throw failureForResponse(answer.endpoint, answer.status, answer.body);
        refused = unknown;
        break;
      }
      if (!isOk(answer)) throw failureForResponse(answer.endpoint, answer.status, answer.body);
      const page = okJson(answer, SearchPage);
      for (const issue of page.issues) found.push(toIssueState(SEARCH_ENDPOINT, issue, mapping));
      token = page.nextPageToken ?? null;
    } while (token !== null);
    if (refused === null) break;
    const gone = refused;
    keys = keys.filter((k) => !gone.has(k));
  }
  return found;
}

export async function getIssues(reader: IssueReader, keys: readonly string[]): Promise<IssueState[]> {
  const wanted = distinctKeys(keys);
  if (wanted.length === 0) return [];
  const mapping = await reader.mapping();
  const issues: IssueState[] = [];
  for (let i = 0; i < wanted.length; i += KEYS_PER_SEARCH) {
    issues.push(...(await issuesNaming(reader, mapping, wanted.slice(i, i + KEYS_PER_SEARCH), 'key')));
  }
  return issues;
}

/**
 * The issues whose parent is one of `parentKeys` (`parent in (…)`, 100 parents a query, every
 * page; Jira's `parent` field covers every level: an epic's stories, a story's sub-tasks). A parent
 * Jira does not show the app finds nothing, as do children in projects the app may not browse.
 */
export async function childrenOf(reader: IssueReader, parentKeys: readonly string[]): Promise<IssueState[]> {
  const parents = distinctKeys(parentKeys);
  if (parents.length === 0) return [];
  const mapping = await reader.mapping();
  const issues: IssueState[] = [];
  for (let i = 0; i < parents.length; i += KEYS_PER_SEARCH) {
    issues.push(...(await issuesNaming(reader, mapping, parents.slice(i, i + KEYS_PER_SEARCH), 'parent')));
  }
  return issues;
}
