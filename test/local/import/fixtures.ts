/**
 * Generated Jira exports for the import tests: issues in the shapes Jira writes them (REST v2 on
 * Server, v3 on Cloud, the agile API), written to a temporary directory as JSON arrays, search
 * replies or JSON Lines, optionally gzipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoSite } from '../../../local/jira/seed';
import { JiraStore } from '../../../local/jira/store';

export const NOW = Date.parse('2026-10-15T12:00:00Z');

export function demoStore(): JiraStore {
  return JiraStore.fromInput(demoSite(NOW));
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'import-jira-'));
  file(name: string, content: string | Buffer): string {
    const path = join(this.path, name);
    writeFileSync(path, content);
    return path;
  }
  json(name: string, value: unknown, pretty = true): string {
    return this.file(name, JSON.stringify(value, null, pretty ? 2 : undefined));
  }
  jsonl(name: string, values: readonly unknown[]): string {
    return this.file(name, values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n');
  }
  gzip(name: string, text: string): string {
    return this.file(name, gzipSync(Buffer.from(text)));
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

// ---- Server (REST v2, agile API) ---------------------------------------------------------------

export const serverUser = (key: string, displayName: string, name = key) => ({
  self: `https://jira.example.org/rest/api/2/user?username=${name}`,
  name,
  key,
  emailAddress: `${name}@example.org`,
  displayName,
  active: true,
  timeZone: 'Europe/Berlin',
});

const statusCategory = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export const serverStatus = (id: string, name: string, category: keyof typeof statusCategory) => ({
  self: `https://jira.example.org/rest/api/2/status/${id}`,
  description: '',
  name,
  id,
  statusCategory: statusCategory[category],
});

export const serverType = (id: string, name: string, subtask = false) => ({
  self: `https://jira.example.org/rest/api/2/issuetype/${id}`,
  id,
  description: `${name} type`,
  name,
  subtask,
});

export interface ServerIssueSpec {
  key: string;
  id?: string;
  summary?: string | null;
  type?: ReturnType<typeof serverType>;
  status?: ReturnType<typeof serverStatus>;
  project?: { id: string; key: string; name: string };
  description?: string | null;
  parent?: string;
  epic?: { key: string; name: string; done: boolean } | null;
  extraFields?: Record<string, unknown>;
  assignee?: ReturnType<typeof serverUser> | null;
  labels?: string[];
  priority?: { id: string; name: string } | null;
  resolution?: { id: string; name: string } | null;
  created?: string;
  updated?: string;
  resolutiondate?: string | null;
}

export const SRV = {
  project: { id: '12000', key: 'SRV', name: 'Server Project' },
  bug: serverType('1', 'Bug'),
  epic: serverType('6', 'Epic'),
  story: serverType('7', 'Story'),
  subtask: serverType('5', 'Sub-task', true),
  technical: serverType('8', 'Technical task', true),
  open: serverStatus('1', 'Open', 'new'),
  closed: serverStatus('6', 'Closed', 'done'),
  inQa: serverStatus('10005', 'In QE Test', 'indeterminate'),
  ann: serverUser('ann', 'Ann Archer'),
  bob: serverUser('JIRAUSER10100', 'Bob Baker', 'bob'),
};

/** An issue as Jira Server's REST v2 and agile API write it (wiki description, name/key users). */
export function serverIssue(spec: ServerIssueSpec): Record<string, unknown> {
  const number = Number(spec.key.split('-')[1]);
  const fields: Record<string, unknown> = {
    issuetype: spec.type ?? SRV.bug,
    project: spec.project ?? SRV.project,
    resolution: spec.resolution === undefined ? null : spec.resolution,
    resolutiondate: spec.resolutiondate ?? null,
    created: spec.created ?? '2021-11-03T12:34:56.000+0000',
    updated: spec.updated ?? '2021-11-04T08:00:00.000+0100',
    labels: spec.labels ?? [],
    assignee: spec.assignee === undefined ? SRV.ann : spec.assignee,
    reporter: SRV.bob,
    creator: SRV.bob,
    status: spec.status ?? SRV.open,
    priority:
      spec.priority === undefined
        ? { self: 'https://jira.example.org/rest/api/2/priority/2', iconUrl: 'x', name: 'Critical', id: '2' }
        : spec.priority,
    description: spec.description === undefined ? `h1. About ${spec.key}\r\nSee {code}foo(){code}` : spec.description,
    subtasks: [],
    issuelinks: [],
    comment: { comments: [{ body: 'a comment the import ignores' }], maxResults: 1, total: 1, startAt: 0 },
    ...(spec.summary === null ? {} : { summary: spec.summary ?? `Server issue ${spec.key}` }),
    ...(spec.parent ? { parent: { id: '0', key: spec.parent, fields: { summary: 'the parent' } } } : {}),
    ...(spec.epic !== undefined
      ? {
          epic: spec.epic && {
            id: 500000 + number,
            self: 'https://jira.example.org/rest/agile/1.0/epic/1',
            color: { key: 'color_1' },
            summary: spec.epic.name,
            ...spec.epic,
          },
        }
      : {}),
    ...spec.extraFields,
  };
  return {
    expand: 'renderedFields,names,schema',
    id: spec.id ?? String(200000 + number),
    self: `https://jira.example.org/rest/api/2/issue/${spec.id ?? 200000 + number}`,
    key: spec.key,
    fields,
  };
}

// ---- Cloud (REST v3) --------------------------------------------------------------------------

export const cloudUser = (accountId: string, displayName: string) => ({
  self: `https://example.atlassian.net/rest/api/3/user?accountId=${accountId}`,
  accountId,
  avatarUrls: { '48x48': 'https://avatar' },
  displayName,
  active: true,
  timeZone: 'Australia/Sydney',
  accountType: 'atlassian',
});

export const CLD = {
  project: {
    self: 'https://example.atlassian.net/rest/api/3/project/10040',
    id: '10040',
    key: 'CLD',
    name: 'Cloud Project',
    projectTypeKey: 'software',
    simplified: true,
  },
  epic: { self: 'x', id: '10000', description: '', name: 'Epic', subtask: false, hierarchyLevel: 1, avatarId: 10307 },
  story: { self: 'x', id: '10001', description: '', name: 'Story', subtask: false, hierarchyLevel: 0, avatarId: 10315 },
  subtask: {
    self: 'x',
    id: '10004',
    description: '',
    name: 'Subtask',
    subtask: true,
    hierarchyLevel: -1,
    avatarId: 10316,
  },
  todo: { self: 'x', description: '', name: 'To Do', id: '10000', statusCategory: statusCategory.new },
  review: {
    self: 'x',
    description: '',
    name: 'Peer Review',
    id: '10077',
    statusCategory: statusCategory.indeterminate,
  },
  done: { self: 'x', description: '', name: 'Done', id: '10003', statusCategory: statusCategory.done },
  cleo: cloudUser('5b10a2844c20165700ede21g', 'Cleo Cloud'),
  dan: cloudUser('712020:0e1c3d4b-aaaa-bbbb-cccc-1234567890ab', 'Dan Delta'),
};

export const adf = (...paragraphs: string[]) => ({
  type: 'doc',
  version: 1,
  content: paragraphs.map((text) => ({
    type: 'paragraph',
    content: [{ type: 'text', text, marks: [{ type: 'strong' }] }],
  })),
});

type CloudStatus = Omit<typeof CLD.todo, 'statusCategory'> & {
  statusCategory: (typeof statusCategory)[keyof typeof statusCategory];
};

export interface CloudIssueSpec {
  key: string;
  id: string;
  summary?: string;
  type?: typeof CLD.story;
  status?: CloudStatus;
  parent?: { id: string; key: string };
  extraFields?: Record<string, unknown>;
}

/** An issue as Jira Cloud's REST v3 writes it (ADF description, accountId users, `parent` for epics). */
export function cloudIssue(spec: CloudIssueSpec): Record<string, unknown> {
  return {
    expand: '',
    id: spec.id,
    self: `https://example.atlassian.net/rest/api/3/issue/${spec.id}`,
    key: spec.key,
    fields: {
      summary: spec.summary ?? `Cloud issue ${spec.key}`,
      description: adf(`What ${spec.key} is about.`, 'Second paragraph.'),
      issuetype: spec.type ?? CLD.story,
      status: spec.status ?? CLD.todo,
      project: CLD.project,
      priority: { self: 'x', iconUrl: 'x', name: 'Medium', id: '3' },
      labels: ['cloud'],
      assignee: CLD.cleo,
      reporter: CLD.dan,
      creator: CLD.dan,
      created: '2025-02-01T09:00:00.000+1100',
      updated: '2025-02-03T10:30:00.123+1100',
      resolution: null,
      resolutiondate: null,
      duedate: '2025-03-31',
      statuscategorychangedate: '2025-02-02T10:00:00.000+1100',
      ...(spec.parent ? { parent: { ...spec.parent, self: 'x', fields: { summary: 'parent' } } } : {}),
      ...spec.extraFields,
    },
  };
}
