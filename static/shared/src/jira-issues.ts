/**
 * Jira issue search for the frontend (`/rest/api/3/search/jql`, as the user), asking only for the
 * fields a list shows. Replies are parsed; a failure comes back as a message to show.
 */
import { z } from 'zod';
import { jiraFailure, type JiraRequest } from './jira';

export interface IssueSummary {
  key: string;
  summary: string;
  type: string;
  status: string;
  /** Jira's status category: new (to do), indeterminate (in progress), done. */
  category: 'new' | 'indeterminate' | 'done' | 'undefined';
  /** Asked with `family`: the parent's key (null: none) and how many sub-tasks it has. */
  parentKey?: string | null;
  subtaskCount?: number;
}

const Category = z.enum(['new', 'indeterminate', 'done', 'undefined']).catch('undefined');

const SearchPage = z.object({
  issues: z.array(
    z.object({
      key: z.string().min(1),
      fields: z.object({
        summary: z.string().default(''),
        issuetype: z.object({ name: z.string() }).nullish(),
        status: z.object({ name: z.string(), statusCategory: z.object({ key: Category }).nullish() }).nullish(),
        parent: z.object({ key: z.string() }).nullish(),
        subtasks: z.array(z.unknown()).nullish(),
      }),
    }),
  ),
  nextPageToken: z.string().nullish(),
});

export type IssueSearch = { ok: true; issues: IssueSummary[]; more: boolean } | { ok: false; message: string };

/** The first `limit` issues a JQL query finds (at most 100); with `family`, each one's parent and sub-task count too. */
export async function searchIssues(
  jira: JiraRequest,
  jql: string,
  limit = 50,
  { family = false }: { family?: boolean } = {},
): Promise<IssueSearch> {
  let reply;
  try {
    reply = await jira('/rest/api/3/search/jql', {
      method: 'POST',
      body: {
        jql,
        maxResults: Math.min(limit, 100),
        fields: family ? ['summary', 'issuetype', 'status', 'parent', 'subtasks'] : ['summary', 'issuetype', 'status'],
      },
    });
  } catch (error) {
    return {
      ok: false,
      message: `Jira could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (reply.status !== 200) return { ok: false, message: jiraFailure(reply, 'search for the issues') };
  const page = SearchPage.safeParse(reply.body);
  if (!page.success)
    return { ok: false, message: 'Jira answered the search in a shape this page does not understand.' };
  return {
    ok: true,
    more: typeof page.data.nextPageToken === 'string' && page.data.nextPageToken !== '',
    issues: page.data.issues.map((issue) => ({
      key: issue.key,
      summary: issue.fields.summary,
      type: issue.fields.issuetype?.name ?? '',
      status: issue.fields.status?.name ?? '',
      category: issue.fields.status?.statusCategory?.key ?? 'undefined',
      ...(family
        ? { parentKey: issue.fields.parent?.key ?? null, subtaskCount: issue.fields.subtasks?.length ?? 0 }
        : {}),
    })),
  };
}

/** The Jira page that searches issues with a JQL query. */
export function issueSearchPath(jql: string): string {
  return `/issues/?jql=${encodeURIComponent(jql)}`;
}

/** The Jira page of one issue. */
export function issuePath(key: string): string {
  return `/browse/${encodeURIComponent(key)}`;
}
