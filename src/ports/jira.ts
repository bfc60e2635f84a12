/** What the app asks of Jira (src/forge/jira/ implements it): searches, permission checks, fields, people. */
import type { IssueState } from '../contract';
import type { IssueNotification } from './notifications';

/** The Jira permissions the app asks about (Jira's permission keys). */
export type JiraPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER' | 'ADMINISTER_PROJECTS';

/** Where a permission is asked about: the whole site, a project, or one issue. */
export type PermissionScope = { site: true } | { projectKey: string } | { issueKey: string };

/** JQL as Jira checked it for the invoking user. */
export interface JqlCheck {
  /** Jira's messages; empty when the JQL is valid. */
  errors: string[];
  /** How many issues the user can see match it (up to JQL_COUNT_CAP); null when it is not valid. */
  count: number | null;
  /** More issues match than `count`. */
  more: boolean;
}

/** The most issues a JQL check counts (one page of ids). */
export const JQL_COUNT_CAP = 1000;

export interface JiraSearchPage {
  issues: IssueState[];
  nextPageToken: string | null;
}

/**
 * Jira, as the app uses it. `asUser` calls act as the invoking user (their permissions apply);
 * the others act as the app.
 */
export interface JiraPort {
  /** One page of issues matching JQL, as the app, with only the fields rollups need. */
  searchIssues(jql: string, pageToken: string | null, pageSize?: number): Promise<JiraSearchPage>;
  /**
   * The issues with these keys that exist (up to 100 per call is efficient; any number accepted).
   * Through search: a just-created or just-changed issue may be missing or stale, so a key left
   * out is no proof that the issue is gone (readIssue is).
   */
  getIssues(keys: readonly string[]): Promise<IssueState[]>;
  /**
   * The issues whose parent is one of these (any number), as the app, through search: a child
   * created a moment ago may be missing. A parent Jira does not show the app has no children here,
   * and children in projects the app may not browse are left out; neither is an error.
   */
  childrenOf(parentKeys: readonly string[]): Promise<IssueState[]>;
  /**
   * One issue as Jira holds it now (GET issue: consistent with every write), by id or key; an old
   * key finds an issue moved to another project, under its new key. Null: Jira shows the app no
   * such issue (deleted).
   */
  readIssue(idOrKey: string): Promise<IssueState | null>;
  /** Which of the permissions the invoking user has, in the scope. */
  myPermissions(scope: PermissionScope, permissions: readonly JiraPermission[]): Promise<Set<JiraPermission>>;
  /**
   * The keys of every project in which the invoking user holds all these project permissions, in
   * one call (Jira's "Get permitted projects"). Optional for fakes: without it, the questions are
   * asked one project at a time with myPermissions.
   */
  permittedProjects?(permissions: readonly JiraPermission[]): Promise<Set<string>>;
  /**
   * Which of the permissions another account holds in the scope, asked as the app (Jira's bulk
   * permission check): for work no user invokes, such as deciding who may receive a prompt.
   * Optional for fakes: without it, nothing is granted (the safe answer).
   */
  accountPermissions?(
    accountId: string,
    scope: PermissionScope,
    permissions: readonly JiraPermission[],
  ): Promise<Set<JiraPermission>>;
  /**
   * The keys among these (any number) that the account may browse (BROWSE_PROJECTS on the issue),
   * asked as the app with Jira's bulk permission check; a key Jira does not show the app is left
   * out. Optional for fakes: without it, nothing is granted (the safe answer).
   */
  browsableIssues?(accountId: string, issueKeys: readonly string[]): Promise<Set<string>>;
  /** Checks JQL as the invoking user: Jira's error messages (none when valid) and how many issues match. */
  validateJql(jql: string): Promise<JqlCheck>;
  /**
   * Counts (or sums/averages a numeric field over) the issues matching JQL, searched as the app;
   * with `seenBy`, only the issues that account may browse count (asked as the app).
   */
  aggregate(
    jql: string,
    aggregate: 'count' | 'sum' | 'avg',
    field: string | null,
    seenBy?: string | null,
  ): Promise<number | null>;
  /**
   * Asks Jira, as the app, to email people about an issue (POST /rest/api/3/issue/{key}/notify).
   * 'sent': Jira queued the email; 'issue-gone': Jira shows the app no such issue (404).
   * Optional for fakes: without it, nothing is sent.
   */
  notifyIssue?(issueKey: string, notification: IssueNotification): Promise<'sent' | 'issue-gone'>;
  /** Writes (or, with null, deletes) the app's issue property on an issue. */
  setIssueProperty(issueKey: string, propertyKey: string, value: unknown | null): Promise<void>;
  /**
   * Set when Jira's latest answer said less than a fifth of the app's points for the hour remain
   * (`X-RateLimit-NearLimit`): how long until they are renewed (`X-RateLimit-Reset`; null when
   * Jira did not say). Background work that can wait (the nightly reconciliation) stops here and
   * leaves the rest to people and issue events.
   */
  budgetLow?(): { waitMs: number | null } | null;
}

/** A Jira field as GET /rest/api/3/field lists it: its id, its name and whether its values are numbers. */
export interface JiraField {
  id: string;
  name: string;
  numeric: boolean;
}

/**
 * Who and what exists in Jira, asked as the app before an input that names them is stored
 * (src/app/references): accounts (owners, leads, members) and fields (a query key result's field).
 * Kept apart from JiraPort so that the rollup's Jira fakes need not answer it.
 */
export interface JiraDirectory {
  /** Which of these account ids are Jira accounts (any number; asked in pages). */
  knownAccounts(accountIds: readonly string[]): Promise<Set<string>>;
  /** Every field of the site. */
  fields(): Promise<JiraField[]>;
}
