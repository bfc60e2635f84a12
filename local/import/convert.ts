/**
 * One parsed export record → an imported issue that names everything it refers to (project,
 * type, status, users, parent) by key or name; `build.ts` turns those into local ids.
 */
import { createHash } from 'node:crypto';
import type { JsonValue, StatusCategoryKey } from '../jira/model';
import type { CustomFields } from './custom-fields';
import { normaliseName } from './jira-values';
import type { RawIssue, RawUser } from './raw-issue';

export interface ImportedUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  active: boolean;
  timeZone: string;
}

export interface CatalogueRef {
  name: string;
  /** The id in the exporting Jira (kept when it is free locally). */
  sourceId: string | null;
  description: string;
}

export type ParentVia = 'parent' | 'epic' | 'epicLink' | 'subtasks';

export interface ParentRef {
  key: string | null;
  id: string | null;
  via: ParentVia;
}

export interface ImportedIssue {
  position: string;
  file: string;
  sourceId: string | null;
  key: string;
  project: { key: string; sourceId: string | null; name: string; description: string };
  type: CatalogueRef & { hierarchyLevel: number };
  status: CatalogueRef & { categoryKey: StatusCategoryKey | null };
  priority: CatalogueRef | null;
  resolution: CatalogueRef | null;
  summary: string;
  description: string | null;
  assignee: string | null;
  reporter: string | null;
  creator: string | null;
  created: number;
  updated: number;
  statusCategoryChanged: number | null;
  resolutiondate: number | null;
  duedate: string | null;
  labels: string[];
  numbers: Record<string, number>;
  parent: ParentRef | null;
  /** Keys of sub-tasks listed by this issue (`fields.subtasks`), to find parents sub-tasks do not name. */
  subtaskKeys: string[];
  properties: Record<string, JsonValue>;
}

/** Things worth knowing that did not stop a record from being imported. */
export type WarningKind =
  | 'summaryMissing'
  | 'summaryTruncated'
  | 'createdMissing'
  | 'statusCategoryGuessed'
  | 'labelDropped'
  | 'epicNotFound'
  | 'parentNotFound'
  | 'parentCycle'
  | 'duplicateKey';

export interface ConvertContext {
  file: string;
  position: string;
  customFields: CustomFields;
  descriptions: 'plain' | 'none';
  now: number;
  users: Map<string, ImportedUser>;
  warn: (kind: WarningKind, detail: string) => void;
}

const MAX_SUMMARY = 255;
const MAX_ACCOUNT_ID = 128;

/** The local account id of an exported user: Cloud's accountId, else `local:<key>` (Server). */
export function accountIdOf(user: RawUser): string {
  const cloud = user.accountId;
  if (cloud) return cloud.length <= MAX_ACCOUNT_ID ? cloud : `local:h${sha1(cloud)}`;
  const serverKey = user.key ?? user.name ?? null;
  const base =
    serverKey !== null
      ? serverKey
      : `name-${normaliseName(user.displayName ?? '') || sha1(user.displayName ?? '').slice(0, 12)}`;
  const id = `local:${base}`;
  return id.length <= MAX_ACCOUNT_ID ? id : `local:h${sha1(base)}`;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function userRef(user: RawUser | null | undefined, users: Map<string, ImportedUser>): string | null {
  if (!user) return null;
  const accountId = accountIdOf(user);
  if (!users.has(accountId)) {
    const displayName = (user.displayName?.trim() || user.name || user.key || accountId).slice(0, 255);
    users.set(accountId, {
      accountId,
      displayName,
      emailAddress: (user.emailAddress ?? '').slice(0, 255),
      active: user.active ?? true,
      timeZone: user.timeZone?.trim() || 'UTC',
    });
  }
  return accountId;
}

const CATEGORY_KEYS: ReadonlySet<string> = new Set(['new', 'indeterminate', 'done']);

export function convertIssue(raw: RawIssue, ctx: ConvertContext): ImportedIssue {
  const f = raw.fields;
  const key = raw.key;
  const projectKey = f.project?.key ?? key.slice(0, key.lastIndexOf('-'));
  if (!key.startsWith(`${projectKey}-`)) throw new Error(`key ${key} is not in its project ${projectKey}`);

  let summary = (f.summary ?? '').replace(/\s+/g, ' ').trim();
  if (summary === '') {
    summary = `(no summary) ${key}`;
    ctx.warn('summaryMissing', key);
  } else if (summary.length > MAX_SUMMARY) {
    summary = `${summary.slice(0, MAX_SUMMARY - 1)}…`;
    ctx.warn('summaryTruncated', key);
  }

  const labels: string[] = [];
  for (const label of f.labels ?? []) {
    const l = label.trim();
    if (l === '' || l.length > 255) ctx.warn('labelDropped', `${key}: ${JSON.stringify(label.slice(0, 40))}`);
    else if (!labels.includes(l)) labels.push(l);
  }

  let created = f.created ?? null;
  if (created === null) {
    created = f.updated ?? ctx.now;
    ctx.warn('createdMissing', key);
  }
  const updated = Math.max(f.updated ?? created, created);

  const categoryKey =
    f.status.statusCategory && CATEGORY_KEYS.has(f.status.statusCategory.key)
      ? (f.status.statusCategory.key as StatusCategoryKey)
      : null;

  const numbers: Record<string, number> = {};
  const points = ctx.customFields.points(f);
  if (points) numbers[points.into] = points.value;

  return {
    position: ctx.position,
    file: ctx.file,
    sourceId: raw.id ?? null,
    key,
    project: {
      key: projectKey,
      sourceId: f.project?.id ?? null,
      name: f.project?.name?.trim() || projectKey,
      description: f.project?.description ?? '',
    },
    type: {
      name: f.issuetype.name,
      sourceId: f.issuetype.id ?? null,
      description: f.issuetype.description ?? '',
      hierarchyLevel: hierarchyLevel(f.issuetype),
    },
    status: {
      name: f.status.name,
      sourceId: f.status.id ?? null,
      description: f.status.description ?? '',
      categoryKey,
    },
    priority: f.priority
      ? { name: f.priority.name, sourceId: f.priority.id ?? null, description: f.priority.description ?? '' }
      : null,
    resolution: f.resolution
      ? { name: f.resolution.name, sourceId: f.resolution.id ?? null, description: f.resolution.description ?? '' }
      : null,
    summary,
    description: ctx.descriptions === 'none' ? null : (f.description ?? null),
    assignee: userRef(f.assignee, ctx.users),
    reporter: userRef(f.reporter, ctx.users),
    creator: userRef(f.creator, ctx.users),
    created,
    updated,
    statusCategoryChanged: f.statuscategorychangedate ?? null,
    resolutiondate: f.resolutiondate ?? null,
    duedate: f.duedate ?? null,
    labels,
    numbers,
    parent: parentRef(raw, ctx),
    subtaskKeys: (f.subtasks ?? []).flatMap((s) => (s.key ? [s.key] : [])),
    properties: (raw.properties ?? {}) as Record<string, JsonValue>,
  };
}

/**
 * The parent, in the order of precedence: `fields.parent` (sub-tasks everywhere; epics on Cloud),
 * the agile API's `fields.epic`, an epic link custom field.
 */
function parentRef(raw: RawIssue, ctx: ConvertContext): ParentRef | null {
  const f = raw.fields;
  if (f.parent) return { key: f.parent.key ?? null, id: f.parent.id ?? null, via: 'parent' };
  if (f.epic) return { key: f.epic.key, id: f.epic.id ?? null, via: 'epic' };
  const link = ctx.customFields.epicLink(f);
  if (link) return { key: link.key, id: null, via: 'epicLink' };
  return null;
}

/** v3 gives the level; v2 and Server say `subtask`; an issue type called Epic is level 1. */
function hierarchyLevel(type: RawIssue['fields']['issuetype']): number {
  if (type.hierarchyLevel !== null && type.hierarchyLevel !== undefined)
    return Math.max(-1, Math.min(10, type.hierarchyLevel));
  if (type.subtask) return -1;
  return normaliseName(type.name) === 'epic' ? 1 : 0;
}
