/**
 * The local Jira's data, as one plain JSON object (a "snapshot"). Every record is parsed with zod
 * when a snapshot is loaded, because it may come from a file another part of the host persisted.
 * Nothing here does I/O or reads the clock.
 */
import { z } from 'zod';

/** Jira Cloud's status categories, with the ids and keys it uses (1 "undefined" is never shown). */
export const STATUS_CATEGORIES = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
] as const;

export const StatusCategoryKey = z.enum(['new', 'indeterminate', 'done']);
export type StatusCategoryKey = z.infer<typeof StatusCategoryKey>;

/** The personas of the persona switcher. Permissions come from roles, not from this label. */
export const Persona = z.enum(['admin', 'lead', 'member', 'outsider']);
export type Persona = z.infer<typeof Persona>;

export const AccountId = z.string().min(1).max(128);

export const JiraUser = z.object({
  accountId: AccountId,
  displayName: z.string().min(1).max(255),
  emailAddress: z.string().max(255),
  active: z.boolean().default(true),
  timeZone: z.string().default('UTC'),
  /** `app` for the app's own system user (what `asApp()` acts as). */
  accountType: z.enum(['atlassian', 'app']).default('atlassian'),
  /** Site admin ("Administer Jira"): every permission in every project. */
  siteAdmin: z.boolean().default(false),
  persona: Persona.nullable().default(null),
});
export type JiraUser = z.infer<typeof JiraUser>;

/**
 * A user's role in a project. `administrator`: every project permission; `member`: browse, create,
 * edit, transition, assign (not delete); `viewer`: browse only. No role: no permission at all.
 */
export const ProjectRole = z.enum(['administrator', 'member', 'viewer']);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const ProjectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a project key is upper-case letters, digits and _');

export const JiraProject = z.object({
  id: z.string().regex(/^\d+$/),
  key: ProjectKey,
  name: z.string().min(1).max(255),
  description: z.string().default(''),
  leadAccountId: AccountId,
  /** accountId → role. */
  roles: z.record(AccountId, ProjectRole).default({}),
  /** The number of the last issue created in the project (keys are never reused). */
  lastIssueNumber: z.number().int().nonnegative().default(0),
});
export type JiraProject = z.infer<typeof JiraProject>;

export const IssueType = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
  /** 1 epic, 0 standard, -1 sub-task (Jira Cloud's levels). */
  hierarchyLevel: z.number().int().min(-1).max(10),
  avatarId: z.number().int().default(10300),
});
export type IssueType = z.infer<typeof IssueType>;

export const Status = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
  categoryKey: StatusCategoryKey,
});
export type Status = z.infer<typeof Status>;

export const Priority = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Icon file name under /images/icons/priorities/ (e.g. `medium.svg`). */
  icon: z.string().default('medium.svg'),
  statusColor: z.string().default('#ffab00'),
});
export type Priority = z.infer<typeof Priority>;

export const Resolution = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
});
export type Resolution = z.infer<typeof Resolution>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD');

/** Any JSON value (issue property values). */
export const JsonValue = z.json();
export type JsonValue = z.infer<typeof JsonValue>;

/** Instants are milliseconds since the epoch; dates without time are `YYYY-MM-DD`. */
export const StoredIssue = z.object({
  id: z.string().regex(/^\d+$/),
  key: z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/),
  projectId: z.string(),
  issueTypeId: z.string(),
  statusId: z.string(),
  summary: z.string().min(1).max(255),
  /** Plain text; served as Atlassian Document Format in v3. */
  description: z.string().nullable().default(null),
  parentId: z.string().nullable().default(null),
  /** Number custom fields by field id (`customfield_10016` …); absent means empty. */
  numbers: z.record(z.string(), z.number().finite()).default({}),
  assigneeId: AccountId.nullable().default(null),
  reporterId: AccountId.nullable().default(null),
  creatorId: AccountId.nullable().default(null),
  created: z.number().int(),
  updated: z.number().int(),
  statusCategoryChanged: z.number().int(),
  resolutionId: z.string().nullable().default(null),
  resolutiondate: z.number().int().nullable().default(null),
  duedate: IsoDate.nullable().default(null),
  labels: z.array(z.string().min(1).max(255)).default([]),
  priorityId: z.string().nullable().default(null),
  /** Issue properties: key → JSON value. */
  properties: z.record(z.string(), JsonValue).default({}),
});
export type StoredIssue = z.infer<typeof StoredIssue>;

export const JiraSnapshot = z
  .object({
    version: z.literal(1),
    /** The app's own account: the actor of `asApp()` requests. */
    appAccountId: AccountId,
    users: z.array(JiraUser),
    projects: z.array(JiraProject),
    issueTypes: z.array(IssueType),
    /** In workflow order: the order of transitions and of `ORDER BY status`. */
    statuses: z.array(Status),
    /** Highest first. */
    priorities: z.array(Priority),
    resolutions: z.array(Resolution),
    /** The resolution set when an issue moves into a done status. */
    doneResolutionId: z.string().nullable().default(null),
    defaultPriorityId: z.string().nullable().default(null),
    issues: z.array(StoredIssue),
    /** The last issue id handed out (ids are never reused). */
    lastIssueId: z.number().int().nonnegative(),
    /** The last changelog id handed out. */
    lastChangelogId: z.number().int().nonnegative().default(0),
    /**
     * Keys issues had before they moved to another project: old key → issue id. Jira finds an issue
     * by any key it ever had (the issue view redirects; REST answers the issue under its new key).
     */
    movedKeys: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/), z.string().regex(/^\d+$/)).default({}),
    /**
     * The app issue panels (`jira:issuePanel` module keys) a user added to each issue from the issue
     * view's apps button: issue id → module keys. Jira shows a panel on an issue only once added.
     */
    issuePanels: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))).default({}),
    /**
     * Dashboards (local/server/dashboards.ts): one per user who opened theirs, by id; each gadget
     * (a `jira:dashboardGadget` module key) with the configuration its edit view submitted, null
     * until it has one, as Jira keeps a gadget's configuration with the dashboard item.
     */
    dashboards: z
      .record(
        z.string().regex(/^\d+$/),
        z.object({
          owner: z.string().min(1),
          gadgets: z.array(
            z.object({
              id: z.string().regex(/^\d+$/),
              moduleKey: z.string().min(1),
              configuration: z.record(z.string(), z.unknown()).nullable(),
            }),
          ),
        }),
      )
      .default({}),
    /** The last dashboard or gadget id handed out. */
    lastDashboardId: z.number().int().nonnegative().default(10000),
  })
  .superRefine((site, ctx) => {
    // references between records must hold: a snapshot may come from an import
    const problem = (message: string, path: Array<string | number>) => ctx.addIssue({ code: 'custom', message, path });
    const ids = (items: ReadonlyArray<{ id: string }>) => new Set(items.map((i) => i.id));
    const projects = new Map(site.projects.map((p) => [p.id, p]));
    const types = ids(site.issueTypes);
    const statuses = ids(site.statuses);
    const priorities = ids(site.priorities);
    const resolutions = ids(site.resolutions);
    const issueIds = new Set<string>();
    const issueKeys = new Set<string>();
    site.issues.forEach((issue, i) => {
      if (issueIds.has(issue.id)) problem(`duplicate issue id ${issue.id}`, ['issues', i, 'id']);
      if (issueKeys.has(issue.key)) problem(`duplicate issue key ${issue.key}`, ['issues', i, 'key']);
      issueIds.add(issue.id);
      issueKeys.add(issue.key);
      const project = projects.get(issue.projectId);
      if (!project) problem(`unknown project ${issue.projectId}`, ['issues', i, 'projectId']);
      else if (!issue.key.startsWith(`${project.key}-`))
        problem(`key ${issue.key} is not in project ${project.key}`, ['issues', i, 'key']);
      if (!types.has(issue.issueTypeId))
        problem(`unknown issue type ${issue.issueTypeId}`, ['issues', i, 'issueTypeId']);
      if (!statuses.has(issue.statusId)) problem(`unknown status ${issue.statusId}`, ['issues', i, 'statusId']);
      if (issue.priorityId !== null && !priorities.has(issue.priorityId))
        problem(`unknown priority ${issue.priorityId}`, ['issues', i, 'priorityId']);
      if (issue.resolutionId !== null && !resolutions.has(issue.resolutionId))
        problem(`unknown resolution ${issue.resolutionId}`, ['issues', i, 'resolutionId']);
    });
    site.issues.forEach((issue, i) => {
      if (issue.parentId !== null && !issueIds.has(issue.parentId))
        problem(`unknown parent ${issue.parentId}`, ['issues', i, 'parentId']);
    });
  });
export type JiraSnapshot = z.infer<typeof JiraSnapshot>;
export type JiraSnapshotInput = z.input<typeof JiraSnapshot>;
