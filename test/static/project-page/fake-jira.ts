/**
 * A Jira double for the project page's tests: users by account id (/user/bulk) and by name
 * (/user/search), and issue search
 * (/search/jql) answered from lists, with every request recorded.
 */
import type { JiraReply, JiraRequest, JiraRequestInit } from '@shared/jira';

export interface FakeIssue {
  key: string;
  summary: string;
  type?: string;
  status?: string;
  category?: 'new' | 'indeterminate' | 'done';
  /** The parent's key, and the keys of its sub-tasks (answered as Jira's `parent` and `subtasks` fields). */
  parent?: string;
  subtasks?: string[];
}

export interface FakeJira {
  request: JiraRequest;
  requests: { path: string; init: JiraRequestInit | undefined }[];
}

export function fakeJira({
  users = {},
  search = () => [],
}: { users?: Record<string, string>; search?: (jql: string) => FakeIssue[] | JiraReply } = {}): FakeJira {
  const requests: FakeJira['requests'] = [];
  const request: JiraRequest = async (path, init) => {
    requests.push({ path, init });
    const url = new URL(path, 'https://jira.test');
    if (url.pathname === '/rest/api/3/user/bulk') {
      const values = url.searchParams
        .getAll('accountId')
        .filter((id) => users[id] !== undefined)
        .map((id) => ({ accountId: id, displayName: users[id], active: true, avatarUrls: {} }));
      return { status: 200, body: { values, isLast: true } };
    }
    if (url.pathname === '/rest/api/3/user/search') {
      const q = (url.searchParams.get('query') ?? '').toLowerCase();
      const found = Object.entries(users).filter(([, name]) =>
        name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
      );
      return {
        status: 200,
        body: found.map(([accountId, displayName]) => ({
          accountId,
          accountType: 'atlassian',
          displayName,
          active: true,
          avatarUrls: {},
        })),
      };
    }
    if (url.pathname === '/rest/api/3/search/jql') {
      const body = init?.body;
      const jql =
        typeof body === 'object' && body !== null && 'jql' in body && typeof body.jql === 'string' ? body.jql : '';
      const found = search(jql);
      if (!Array.isArray(found)) return found;
      return {
        status: 200,
        body: {
          issues: found.map((i) => ({
            id: i.key,
            key: i.key,
            fields: {
              summary: i.summary,
              issuetype: { name: i.type ?? 'Story' },
              status: { name: i.status ?? 'To Do', statusCategory: { key: i.category ?? 'new' } },
              ...(i.parent === undefined ? {} : { parent: { key: i.parent } }),
              subtasks: (i.subtasks ?? []).map((key) => ({ key })),
            },
          })),
        },
      };
    }
    return { status: 404, body: { errorMessages: [`no route ${url.pathname}`] } };
  };
  return { request, requests };
}
