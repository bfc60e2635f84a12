/** The Jira adapter: JiraPort on @forge/api (see jira-client.ts). */
export { createJiraClient, type JiraClientOptions } from './jira-client';
export { createJiraDirectory } from './directory';
export { JiraRequestFailure } from './jira-errors';
