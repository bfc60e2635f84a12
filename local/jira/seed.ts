/**
 * Starting data: Jira Cloud's default catalogue (issue types, statuses, priorities, resolutions)
 * and a small demo site with the four personas. Times are given relative to `now`.
 */
import { DAY } from './dates';
import { STORY_POINT_ESTIMATE } from './fields';
import type { JiraSnapshotInput } from './model';

export const DEMO_ACCOUNTS = {
  app: 'local-tether-app',
  admin: 'local-admin',
  lead: 'local-lead',
  member: 'local-member',
  outsider: 'local-outsider',
} as const;

/** A site with the default catalogue, the given users and projects, and no issues. */
export function emptySite(
  parts: Pick<JiraSnapshotInput, 'users' | 'projects'> & { appAccountId?: string },
): JiraSnapshotInput {
  const appAccountId = parts.appAccountId ?? DEMO_ACCOUNTS.app;
  const hasApp = parts.users.some((u) => u.accountId === appAccountId);
  return {
    version: 1,
    appAccountId,
    users: hasApp
      ? parts.users
      : [...parts.users, { accountId: appAccountId, displayName: 'Tether', emailAddress: '', accountType: 'app' }],
    projects: parts.projects,
    issueTypes: [
      {
        id: '10000',
        name: 'Epic',
        description: 'A big user story that needs to be broken down.',
        hierarchyLevel: 1,
        avatarId: 10307,
      },
      {
        id: '10001',
        name: 'Story',
        description: 'Functionality or a feature expressed as a user goal.',
        hierarchyLevel: 0,
        avatarId: 10315,
      },
      {
        id: '10002',
        name: 'Task',
        description: 'A small, distinct piece of work.',
        hierarchyLevel: 0,
        avatarId: 10318,
      },
      { id: '10003', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, avatarId: 10303 },
      {
        id: '10004',
        name: 'Sub-task',
        description: 'A small piece of work that is part of a larger task.',
        hierarchyLevel: -1,
        avatarId: 10316,
      },
    ],
    statuses: [
      { id: '10000', name: 'To Do', categoryKey: 'new' },
      {
        id: '10001',
        name: 'In Progress',
        description: 'This issue is being actively worked on at the moment by the assignee.',
        categoryKey: 'indeterminate',
      },
      { id: '10002', name: 'In Review', categoryKey: 'indeterminate' },
      { id: '10003', name: 'Done', categoryKey: 'done' },
    ],
    priorities: [
      {
        id: '1',
        name: 'Highest',
        description: 'This problem will block progress.',
        icon: 'highest.svg',
        statusColor: '#d04437',
      },
      {
        id: '2',
        name: 'High',
        description: 'Serious problem that could block progress.',
        icon: 'high.svg',
        statusColor: '#f15C75',
      },
      {
        id: '3',
        name: 'Medium',
        description: 'Has the potential to affect progress.',
        icon: 'medium.svg',
        statusColor: '#f79232',
      },
      {
        id: '4',
        name: 'Low',
        description: 'Minor problem or easily worked around.',
        icon: 'low.svg',
        statusColor: '#707070',
      },
      {
        id: '5',
        name: 'Lowest',
        description: 'Trivial problem with little or no impact on progress.',
        icon: 'lowest.svg',
        statusColor: '#999999',
      },
    ],
    resolutions: [
      { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
      { id: '10001', name: "Won't Do", description: "This issue won't be actioned." },
      { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
      { id: '10003', name: 'Cannot Reproduce', description: 'All attempts at reproducing this issue failed.' },
    ],
    doneResolutionId: '10000',
    defaultPriorityId: '3',
    issues: [],
    lastIssueId: 10000,
  };
}

/**
 * Two projects and the four personas: `admin` is site admin; `lead` leads WEB (project
 * administrator) and is a member of MOB; `member` is a member of both; `outsider` is a member
 * of WEB and has no role in MOB, so MOB and its issues are invisible to them.
 */
export function demoSite(now: number): JiraSnapshotInput {
  const { admin, lead, member, outsider } = DEMO_ACCOUNTS;
  const site = emptySite({
    users: [
      {
        accountId: admin,
        displayName: 'Ada Admin',
        emailAddress: 'ada@example.com',
        siteAdmin: true,
        persona: 'admin',
      },
      { accountId: lead, displayName: 'Lee Lead', emailAddress: 'lee@example.com', persona: 'lead' },
      { accountId: member, displayName: 'Mia Member', emailAddress: 'mia@example.com', persona: 'member' },
      { accountId: outsider, displayName: 'Oscar Outsider', emailAddress: 'oscar@example.com', persona: 'outsider' },
    ],
    projects: [
      {
        id: '10000',
        key: 'WEB',
        name: 'Web Platform',
        leadAccountId: lead,
        roles: { [lead]: 'administrator', [member]: 'member', [outsider]: 'member' },
      },
      {
        id: '10001',
        key: 'MOB',
        name: 'Mobile App',
        leadAccountId: admin,
        roles: { [lead]: 'member', [member]: 'member' },
      },
    ],
  });
  const ago = (days: number) => now - days * DAY;
  type Row = [
    key: string,
    project: string,
    type: string,
    status: string,
    summary: string,
    parent: string | null,
    points: number | null,
    assignee: string | null,
    createdDaysAgo: number,
  ];
  const rows: Row[] = [
    ['WEB-1', '10000', '10000', '10001', 'Checkout redesign', null, null, lead, 40],
    ['WEB-2', '10000', '10001', '10003', 'Card payment form', 'WEB-1', 5, member, 35],
    ['WEB-3', '10000', '10001', '10001', 'Address autocomplete', 'WEB-1', 3, member, 30],
    ['WEB-4', '10000', '10004', '10000', 'Validate postcodes', 'WEB-3', null, member, 20],
    ['WEB-5', '10000', '10003', '10000', 'Totals round the wrong way', 'WEB-1', 2, null, 10],
    ['MOB-1', '10001', '10000', '10000', 'Offline mode', null, null, lead, 25],
    ['MOB-2', '10001', '10001', '10001', 'Cache the product list', 'MOB-1', 8, member, 22],
    ['MOB-3', '10001', '10002', '10003', 'Measure cold start time', null, 1, lead, 15],
  ];
  const ids = new Map(rows.map(([key], i) => [key, String(10001 + i)]));
  site.issues = rows.map(([key, projectId, issueTypeId, statusId, summary, parent, points, assigneeId, days]) => {
    const done = statusId === '10003';
    const created = ago(days);
    const updated = ago(Math.max(0, days - 5));
    const numbers: Record<string, number> = {};
    if (points !== null) numbers[STORY_POINT_ESTIMATE] = points;
    return {
      id: ids.get(key) ?? '0',
      key,
      projectId,
      issueTypeId,
      statusId,
      summary,
      parentId: parent === null ? null : (ids.get(parent) ?? null),
      numbers,
      assigneeId,
      reporterId: lead,
      creatorId: lead,
      created,
      updated,
      statusCategoryChanged: updated,
      resolutionId: done ? '10000' : null,
      resolutiondate: done ? updated : null,
      priorityId: key === 'WEB-5' ? '2' : '3',
      labels: key.startsWith('WEB') ? ['checkout'] : [],
    };
  });
  site.lastIssueId = 10000 + rows.length;
  site.projects = site.projects.map((p) => ({ ...p, lastIssueNumber: rows.filter((r) => r[1] === p.id).length }));
  return site;
}
