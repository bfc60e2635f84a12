/**
 * JiraPort on @forge/api: what the use cases need from Jira, with Jira's refusals as typed
 * failures (`JiraRequestFailure`: VALIDATION, NOT_FOUND, FORBIDDEN, … with Jira's messages) and
 * 429/5xx retried within the invocation's time (retry.ts). Create one per invocation; the
 * story-points field it looks up is cached for the invocation either way.
 *
 * Every request is written as `asApp()/asUser().requestJira(route\`…\`, {method: '…'})` in the file
 * that makes it, so `forge lint` sees each path and method and can check the manifest's scopes.
 */
import { accountPermissions, browsableIssueKeys } from './account-permissions';
import { aggregate } from './aggregate';
import { retryPolicy, type JiraClientOptions } from './client-options';
import { setIssueProperty } from './issue-property';
import { notifyIssue } from './notify-issue';
import type { IssueMapping } from './issue-state-mapping';
import { myPermissions } from './my-permissions';
import { permittedProjects } from './permitted-projects';
import { readIssue } from './read-issue';
import { childrenOf, getIssues, searchIssues, type IssueReader } from './search-issues';
import { sender } from './send';
import { storyPointsFieldFinder } from './story-points-fields';
import { validateJql } from './validate-jql';
import type { JiraPort } from '../../ports';

export type { JiraClientOptions } from './client-options';

/** Until when Jira's answer says the app's points run low (`X-RateLimit-NearLimit`, `X-RateLimit-Reset`); undefined: not low. */
function nearLimitUntil(headers: { get(name: string): string | null }): number | null | undefined {
  if (headers.get('x-ratelimit-nearlimit')?.trim().toLowerCase() !== 'true') return undefined;
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  return Number.isNaN(reset) ? null : reset;
}

export function createJiraClient(options: JiraClientOptions = {}): JiraPort {
  const policy = retryPolicy(options);
  let lowUntil: number | null | undefined;
  const send = sender({
    ...policy,
    onAnswer: (headers) => {
      lowUntil = nearLimitUntil(headers);
    },
  });
  const storyPointsFieldIds = storyPointsFieldFinder(send, options.storyPointsFieldId, options.storyPointsMemo);
  const bugIssueTypeIds = new Set(options.bugIssueTypeIds ?? []);
  const reader: IssueReader = {
    send,
    mapping: async (): Promise<IssueMapping> => ({ storyPointsFieldIds: await storyPointsFieldIds(), bugIssueTypeIds }),
  };
  return {
    searchIssues: (jql, pageToken, pageSize) => searchIssues(reader, jql, pageToken, pageSize),
    getIssues: (keys) => getIssues(reader, keys),
    childrenOf: (parentKeys) => childrenOf(reader, parentKeys),
    readIssue: (idOrKey) => readIssue(reader, idOrKey),
    myPermissions: (scope, permissions) => myPermissions(send, scope, permissions),
    permittedProjects: (permissions) => permittedProjects(send, permissions),
    validateJql: (jql) => validateJql(send, jql),
    accountPermissions: (accountId, scope, permissions) => accountPermissions(send, accountId, scope, permissions),
    browsableIssues: (accountId, issueKeys) => browsableIssueKeys(send, accountId, issueKeys),
    aggregate: (jql, kind, field, seenBy) => aggregate(send, jql, kind, field, seenBy ?? null),
    setIssueProperty: (issueKey, propertyKey, value) => setIssueProperty(send, issueKey, propertyKey, value),
    notifyIssue: (issueKey, notification) => notifyIssue(send, issueKey, notification),
    budgetLow: () =>
      lowUntil === undefined ? null : { waitMs: lowUntil === null ? null : Math.max(0, lowUntil - policy.now()) },
  };
}
