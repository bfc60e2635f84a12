/** The local Jira: data, JQL, REST handler, events. See docs/local-jira.md. */
export { handleJiraRequest, type JiraRequest, type JiraResponse } from './product-handler';
export { createLocalJira, LocalJira, type LocalJiraOptions } from './local-jira';
export { JiraStore } from './store';
export { demoSite, emptySite, DEMO_ACCOUNTS } from './seed';
export type { IssueEvent, IssueEventListener, EventOrigin, ChangelogItem } from './events';
export type { PropertyIndex } from './jql/property-index';
export type { JiraSnapshot, JiraSnapshotInput, Persona } from './model';
export { STORY_POINT_ESTIMATE, STORY_POINTS } from './fields';
