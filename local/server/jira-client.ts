/**
 * The pages read and change Jira only through its REST API, as the persona, exactly like an app
 * or a browser would: what a persona may not see answers 404 here too, and every change fires
 * the app's triggers. Answers are parsed with zod (only the members the pages show).
 */
import { z } from 'zod';
import { STORY_POINT_ESTIMATE } from '../jira/fields';
import type { ServerHost } from './host-port';

/** The story-points field the issue page shows and edits: the local Jira's "Story point estimate". */
export const STORY_POINTS_FIELD = STORY_POINT_ESTIMATE;

const Named = z.object({ name: z.string() });
const User = z.object({ accountId: z.string(), displayName: z.string() });

export const StatusJson = z.object({
  id: z.string(),
  name: z.string(),
  statusCategory: z.object({ key: z.string() }),
});
export type StatusJson = z.infer<typeof StatusJson>;

export const IssueTypeJson = z.object({ id: z.string(), name: z.string(), hierarchyLevel: z.number().default(0) });

const AdfNode: z.ZodType<{
  text?: string | undefined;
  content?: Array<unknown> | undefined;
  type?: string | undefined;
}> = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  content: z.array(z.unknown()).optional(),
});

export const IssueJson = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string(),
    status: StatusJson,
    issuetype: IssueTypeJson,
    project: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      projectTypeKey: z.string().default('software'),
    }),
    parent: z
      .object({ id: z.string(), key: z.string(), fields: z.object({ summary: z.string() }).partial().optional() })
      .optional(),
    assignee: User.nullable().optional(),
    reporter: User.nullable().optional(),
    priority: Named.nullable().optional(),
    resolution: Named.nullable().optional(),
    labels: z.array(z.string()).default([]),
    [STORY_POINTS_FIELD]: z.number().nullable().optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
    description: AdfNode.nullable().optional(),
  }),
});
export type IssueJson = z.infer<typeof IssueJson>;

export const SearchIssueJson = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ summary: z.string(), status: StatusJson, issuetype: IssueTypeJson }),
});
export type SearchIssueJson = z.infer<typeof SearchIssueJson>;

const SearchPage = z.object({ issues: z.array(SearchIssueJson), nextPageToken: z.string().optional() });

export const ProjectJson = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  projectTypeKey: z.string().default('software'),
  lead: User.optional(),
});
export type ProjectJson = z.infer<typeof ProjectJson>;

export const TransitionJson = z.object({ id: z.string(), name: z.string(), to: StatusJson });
export type TransitionJson = z.infer<typeof TransitionJson>;

const Transitions = z.object({ transitions: z.array(TransitionJson) });
const Myself = z.object({
  accountId: z.string(),
  displayName: z.string(),
  timeZone: z.string().default('UTC'),
  locale: z.string().default('en_US'),
});
const Permissions = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });
const ErrorCollection = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});

/** A Jira answer that is not a success, with Jira's messages joined. */
export class JiraFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function failureMessage(status: number, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `The local Jira answered ${status}.`;
  }
  const errors = ErrorCollection.safeParse(parsed);
  if (!errors.success) return `The local Jira answered ${status}.`;
  const messages = [
    ...errors.data.errorMessages,
    ...Object.entries(errors.data.errors).map(([field, m]) => `${field}: ${m}`),
  ];
  return messages.length > 0 ? messages.join(' ') : `The local Jira answered ${status}.`;
}

const fields = (names: readonly string[]) => names.join(',');
const ISSUE_FIELDS = fields([
  'summary',
  'status',
  'issuetype',
  'project',
  'parent',
  'assignee',
  'reporter',
  'priority',
  'resolution',
  'labels',
  STORY_POINTS_FIELD,
  'created',
  'updated',
  'description',
]);
const LIST_FIELDS = fields(['summary', 'status', 'issuetype']);

export class PersonaJira {
  constructor(
    private readonly host: ServerHost,
    readonly accountId: string,
  ) {}

  /** Sends a request; resolves to the parsed JSON body (undefined when empty) or throws JiraFailure. */
  async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (text !== '') headers['content-type'] = 'application/json';
    const res = await this.host.jira.request({ method, path, headers, body: text, asUser: this.accountId });
    if (res.status < 200 || res.status > 299) throw new JiraFailure(res.status, failureMessage(res.status, res.body));
    if (res.body === '') return undefined;
    const parsed: unknown = JSON.parse(res.body);
    return parsed;
  }

  async get<T extends z.ZodType>(schema: T, path: string): Promise<z.infer<T>> {
    return schema.parse(await this.send('GET', path));
  }

  /** The issue, or null when it does not exist for this persona. */
  async issue(key: string): Promise<IssueJson | null> {
    try {
      return await this.get(IssueJson, `/rest/api/3/issue/${encodeURIComponent(key)}?fields=${ISSUE_FIELDS}`);
    } catch (e) {
      if (e instanceof JiraFailure && e.status === 404) return null;
      throw e;
    }
  }

  /** The project, or null when it does not exist for this persona. */
  async project(key: string): Promise<ProjectJson | null> {
    try {
      return await this.get(ProjectJson, `/rest/api/3/project/${encodeURIComponent(key)}`);
    } catch (e) {
      if (e instanceof JiraFailure && e.status === 404) return null;
      throw e;
    }
  }

  /** Every issue the JQL finds, following nextPageToken (at most `limit`). */
  async search(jql: string, limit = 1000): Promise<SearchIssueJson[]> {
    const out: SearchIssueJson[] = [];
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ jql, fields: LIST_FIELDS, maxResults: '100' });
      if (token !== undefined) q.set('nextPageToken', token);
      const page = await this.get(SearchPage, `/rest/api/3/search/jql?${q.toString()}`);
      out.push(...page.issues);
      token = page.nextPageToken;
    } while (token !== undefined && out.length < limit);
    return out.slice(0, limit);
  }

  async transitions(key: string): Promise<TransitionJson[]> {
    return (await this.get(Transitions, `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`)).transitions;
  }

  async myself(): Promise<z.infer<typeof Myself>> {
    return this.get(Myself, '/rest/api/3/myself');
  }

  /** Whether the persona has a permission (in the project when given). */
  async hasPermission(permission: string, projectKey?: string): Promise<boolean> {
    const q = new URLSearchParams({ permissions: permission });
    if (projectKey !== undefined) q.set('projectKey', projectKey);
    const answer = await this.get(Permissions, `/rest/api/3/mypermissions?${q.toString()}`);
    return answer.permissions[permission]?.havePermission ?? false;
  }
}

/** The plain text of an Atlassian Document Format value, paragraphs on their own lines. */
export function adfText(node: unknown): string {
  const parsed = AdfNode.safeParse(node);
  if (!parsed.success) return '';
  if (parsed.data.text !== undefined) return parsed.data.text;
  const parts = (parsed.data.content ?? []).map((child) => adfText(child));
  const block = parsed.data.type === 'paragraph' || parsed.data.type === 'heading' || parsed.data.type === 'listItem';
  return parts.join('') + (block ? '\n' : '');
}
