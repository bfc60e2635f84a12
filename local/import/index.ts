/** Loads Jira exports into the local Jira store. See docs/import-jira.md. */
export {
  importJira,
  ImportError,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type SkippedRecord,
} from './import-jira';
export { progressPrinter, describeProgress } from './progress';
export { accountIdOf } from './convert';
