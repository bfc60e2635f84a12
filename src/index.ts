/** The handlers named in manifest.yml (`function` modules). */
export { resolver } from './resolvers';
export { onIssueEvent } from './triggers/issue-events';
export { onDailyRefresh } from './triggers/daily-refresh';
export { onReconcile, onStartReconcile } from './triggers/reconcile';
