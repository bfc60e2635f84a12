/**
 * What the use cases need from the outside world. Adapters on the real Forge SDKs live in
 * src/forge/; use cases receive these as arguments and never import an SDK.
 */
import type { IssueState } from './contract';

export interface Clock {
  now(): number;
}

/** The Jira permissions the app asks about (Jira's permission keys). */
export type JiraPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER' | 'ADMINISTER_PROJECTS';

/** Where a permission is asked about: the whole site, a project, or one issue. */
export type PermissionScope = { site: true } | { projectKey: string } | { issueKey: string };

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
  /** The issues with these keys that exist (up to 100 per call is efficient; any number accepted). */
  getIssues(keys: readonly string[]): Promise<IssueState[]>;
  /** Which of the permissions the invoking user has, in the scope. */
  myPermissions(scope: PermissionScope, permissions: readonly JiraPermission[]): Promise<Set<JiraPermission>>;
  /** Checks JQL as the invoking user; returns Jira's error messages, empty when valid. */
  validateJql(jql: string): Promise<string[]>;
  /** Counts (or sums/averages a numeric field over) the issues matching JQL, as the app. */
  aggregate(jql: string, aggregate: 'count' | 'sum' | 'avg', field: string | null): Promise<number | null>;
  /** Writes (or, with null, deletes) the app's issue property on an issue. */
  setIssueProperty(issueKey: string, propertyKey: string, value: unknown | null): Promise<void>;
}
