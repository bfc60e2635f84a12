/**
 * Builders for local Jira tests: a site with the four personas and two projects (WEB, MOB;
 * the outsider cannot see MOB), and issues with sensible defaults overridden per test.
 */
import { DAY } from '../../../local/jira/dates';
import type { IssueEvent, EventOrigin } from '../../../local/jira/events';
import { LocalJira, type LocalJiraOptions } from '../../../local/jira/local-jira';
import type { JiraSnapshotInput } from '../../../local/jira/model';
import { actorFor } from '../../../local/jira/permissions';
import { DEMO_ACCOUNTS, emptySite } from '../../../local/jira/seed';
import { JiraStore } from '../../../local/jira/store';
import { searchIssues } from '../../../local/jira/jql/search';
import type { PropertyIndex } from '../../../local/jira/jql/property-index';

export const NOW = Date.parse('2026-10-15T12:00:00Z');
export { DAY };
export const { admin: ADMIN, lead: LEAD, member: MEMBER, outsider: OUTSIDER, app: APP } = DEMO_ACCOUNTS;

/** Ids of the default catalogue (local/jira/seed.ts). */
export const TYPE = { epic: '10000', story: '10001', task: '10002', bug: '10003', subtask: '10004' } as const;
export const STATUS = { todo: '10000', inProgress: '10001', inReview: '10002', done: '10003' } as const;
export const PRIORITY = { highest: '1', high: '2', medium: '3', low: '4', lowest: '5' } as const;
export const PROJECT = { WEB: '10000', MOB: '10001' } as const;

type IssueInput = JiraSnapshotInput['issues'][number];

/** Describes an issue by key; `parent` is a key. Everything else has a default. */
export type IssueSpec = Partial<Omit<IssueInput, 'key' | 'id' | 'projectId' | 'parentId'>> & {
  key: string;
  parent?: string;
};

export function siteWith(specs: readonly IssueSpec[]): JiraSnapshotInput {
  const site = emptySite({
    users: [
      {
        accountId: ADMIN,
        displayName: 'Ada Admin',
        emailAddress: 'ada@example.com',
        siteAdmin: true,
        persona: 'admin',
      },
      { accountId: LEAD, displayName: 'Lee Lead', emailAddress: 'lee@example.com', persona: 'lead' },
      { accountId: MEMBER, displayName: 'Mia Member', emailAddress: 'mia@example.com', persona: 'member' },
      { accountId: OUTSIDER, displayName: 'Oscar Outsider', emailAddress: 'oscar@example.com', persona: 'outsider' },
      { accountId: 'local-gone', displayName: 'Gus Gone', emailAddress: 'gus@example.com', active: false },
    ],
    projects: [
      {
        id: PROJECT.WEB,
        key: 'WEB',
        name: 'Web Platform',
        leadAccountId: LEAD,
        roles: { [LEAD]: 'administrator', [MEMBER]: 'member', [OUTSIDER]: 'member' },
      },
      {
        id: PROJECT.MOB,
        key: 'MOB',
        name: 'Mobile App',
        leadAccountId: ADMIN,
        roles: { [LEAD]: 'member', [MEMBER]: 'viewer' },
      },
    ],
  });
  const idOf = new Map(specs.map((s, i) => [s.key, String(20001 + i)]));
  site.issues = specs.map(({ key, parent, ...over }) => {
    const projectKey = key.split('-')[0] ?? 'WEB';
    return {
      id: idOf.get(key) ?? '0',
      key,
      projectId: projectKey === 'MOB' ? PROJECT.MOB : PROJECT.WEB,
      issueTypeId: TYPE.story,
      statusId: STATUS.todo,
      summary: `Issue ${key}`,
      parentId: parent === undefined ? null : (idOf.get(parent) ?? null),
      reporterId: LEAD,
      creatorId: LEAD,
      created: NOW - 10 * DAY,
      updated: NOW - 5 * DAY,
      statusCategoryChanged: NOW - 5 * DAY,
      priorityId: PRIORITY.medium,
      ...over,
    };
  });
  site.lastIssueId = 20000 + specs.length;
  site.projects = site.projects.map((p) => ({
    ...p,
    lastIssueNumber: Math.max(
      0,
      ...specs.filter((s) => s.key.startsWith(`${p.key}-`)).map((s) => Number(s.key.split('-')[1])),
    ),
  }));
  return site;
}

export interface Recorded {
  jira: LocalJira;
  events: Array<{ event: IssueEvent; origin: EventOrigin }>;
}

export function aJira(specs: readonly IssueSpec[] = [], options: LocalJiraOptions = {}): Recorded {
  const events: Recorded['events'] = [];
  const jira = new LocalJira(JiraStore.fromInput(siteWith(specs)), {
    now: () => NOW,
    onEvent: (event, origin) => events.push({ event, origin }),
    ...options,
  });
  return { jira, events };
}

export const OBJECTIVE_INDEX: PropertyIndex = {
  propertyKey: 'tether-objectives',
  path: 'objectives',
  type: 'string',
  searchAlias: 'objective',
};

/** Keys matching `jql` for `asUser` (null = the app), in result order. */
export function keys(jira: LocalJira, jql: string, asUser: string | null = null): string[] {
  const actor = actorFor(jira.store, asUser);
  if (!actor) throw new Error(`no such user ${asUser ?? ''}`);
  return searchIssues({ store: jira.store, actor, now: jira.now(), indexes: jira.indexes }, jql, {
    requireBounded: false,
  }).map((i) => i.key);
}

/** Keys matching `jql`, sorted by key (for membership checks where order does not matter). */
export function keySet(jira: LocalJira, jql: string, asUser: string | null = null): string[] {
  return keys(jira, jql, asUser).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
