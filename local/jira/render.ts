/**
 * Jira Cloud v3 JSON for the local Jira's records: users, projects, issue types, statuses,
 * priorities, resolutions. Links point at the local site's base URL.
 */
import {
  STATUS_CATEGORIES,
  type IssueType,
  type JiraProject,
  type JiraUser,
  type Priority,
  type Resolution,
  type Status,
} from './model';

export interface Site {
  /** e.g. `https://tether-local.atlassian.net`, no trailing slash. */
  baseUrl: string;
}

export type AvatarUrls = Record<'16x16' | '24x24' | '32x32' | '48x48', string>;

function avatars(site: Site, type: 'user' | 'project', id: string): AvatarUrls {
  const url = (size: string) =>
    `${site.baseUrl}/rest/api/3/universal_avatar/view/type/${type}/avatar/${encodeURIComponent(id)}?size=${size}`;
  return { '16x16': url('xsmall'), '24x24': url('small'), '32x32': url('medium'), '48x48': url('large') };
}

export interface UserJson {
  self: string;
  accountId: string;
  accountType: string;
  emailAddress?: string;
  avatarUrls: AvatarUrls;
  displayName: string;
  active: boolean;
  timeZone: string;
}

/** A user as issue fields and the user endpoints write it (app accounts have no e-mail). */
export function renderUser(site: Site, user: JiraUser): UserJson {
  return {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    ...(user.accountType === 'app' || user.emailAddress === '' ? {} : { emailAddress: user.emailAddress }),
    avatarUrls: avatars(site, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
}

export function statusCategory(key: Status['categoryKey']) {
  const found = STATUS_CATEGORIES.find((c) => c.key === key);
  // STATUS_CATEGORIES covers every key of the enum
  return found ?? STATUS_CATEGORIES[0];
}

export function renderStatusCategory(site: Site, key: Status['categoryKey']) {
  const c = statusCategory(key);
  return {
    self: `${site.baseUrl}/rest/api/3/statuscategory/${c.id}`,
    id: c.id,
    key: c.key,
    colorName: c.colorName,
    name: c.name,
  };
}

export function renderStatus(site: Site, status: Status) {
  return {
    self: `${site.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${site.baseUrl}/`,
    name: status.name,
    id: status.id,
    statusCategory: renderStatusCategory(site, status.categoryKey),
  };
}

export function renderIssueType(site: Site, type: IssueType) {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.hierarchyLevel < 0,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

/** A project as an issue's `project` field writes it. */
export function renderProjectRef(site: Site, project: JiraProject) {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software' as const,
    simplified: false,
    avatarUrls: avatars(site, 'project', project.id),
  };
}

export function renderPriority(site: Site, priority: Priority) {
  return {
    self: `${site.baseUrl}/rest/api/3/priority/${priority.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.icon}`,
    name: priority.name,
    id: priority.id,
  };
}

export function renderResolution(site: Site, resolution: Resolution) {
  return {
    self: `${site.baseUrl}/rest/api/3/resolution/${resolution.id}`,
    id: resolution.id,
    description: resolution.description,
    name: resolution.name,
  };
}

/** A plain-text description as Atlassian Document Format (what v3 serves). */
export function toAdf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split(/\n{2,}/)
      .map((para) => ({ type: 'paragraph', content: para === '' ? [] : [{ type: 'text', text: para }] })),
  };
}

/** Error bodies in Jira's shape. */
export function errorBody(errorMessages: string[], errors: Record<string, string> = {}) {
  return { errorMessages, errors };
}
