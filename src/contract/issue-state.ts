import { z } from 'zod';
import { AccountId, Instant, IsoDate, IssueKey } from './common';

export const StatusCategory = z.enum(['new', 'indeterminate', 'done']);
export type StatusCategory = z.infer<typeof StatusCategory>;

/**
 * The few fields of a contributing Jira issue that rollups need, kept by the app.
 * `updated` orders events: an older state never replaces a newer one.
 */
export const IssueState = z.object({
  key: IssueKey,
  /** The parent issue (epic, story of a sub-task, …), whatever link Jira used. */
  parentKey: IssueKey.nullable().default(null),
  summary: z.string().max(1000).default(''),
  issueType: z.string().max(120).default('Task'),
  isBug: z.boolean().default(false),
  statusCategory: StatusCategory,
  storyPoints: z.number().finite().nonnegative().nullable().default(null),
  created: Instant,
  /** When work started (first move to an in-progress status), if known. */
  started: Instant.nullable().default(null),
  resolved: Instant.nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  updated: Instant,
  /** Account ids (an outcome review goes to the assignee, else the reporter: a prompt's recipient). */
  assignee: AccountId.nullable().default(null),
  reporter: AccountId.nullable().default(null),
});
export type IssueState = z.infer<typeof IssueState>;
