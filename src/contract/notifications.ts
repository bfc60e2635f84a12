import { z } from 'zod';
import { AccountId, Instant, IssueKey, RecordId } from './common';
import { PromptId } from './prompts';

/** The prompt kinds that also reach their recipient as a Jira notification email (docs/prompts.md, "Outside Tether"). */
export const NotifiedKind = z.enum(['outcome-review', 'escalation']);
export type NotifiedKind = z.infer<typeof NotifiedKind>;

/**
 * pending: to be sent; sending: a run claimed it until `claimedUntil`; sent: Jira queued the
 * email (204); skipped: not sent, for `skippedReason`.
 */
export const NotificationState = z.enum(['pending', 'sending', 'sent', 'skipped']);
export type NotificationState = z.infer<typeof NotificationState>;

export const SkippedReason = z.enum(['opted-out', 'may-not-see', 'issue-gone', 'prompt-closed']);
export type SkippedReason = z.infer<typeof SkippedReason>;

/**
 * One email the app owes someone, in the outbox: written in the same storage transaction as the
 * delivery of its prompt, sent later by the job queue. Its id is the prompt's id, so a prompt is
 * notified at most once; `state` is the idempotency record a retried send reads first.
 */
export const NotificationOrder = z.object({
  id: PromptId,
  kind: NotifiedKind,
  recipient: AccountId,
  /** The issue the email is about (Jira's notify endpoint sends notifications for an issue). */
  issueKey: IssueKey,
  objectiveId: RecordId,
  subject: z.string().min(1).max(255),
  textBody: z.string().max(5000),
  htmlBody: z.string().max(10_000),
  state: NotificationState,
  createdAt: Instant,
  claimedUntil: Instant.nullable().default(null),
  sentAt: Instant.nullable().default(null),
  skippedReason: SkippedReason.nullable().default(null),
});
export type NotificationOrder = z.infer<typeof NotificationOrder>;

/** One person's choice about Tether's emails (per account; everyone receives them until they opt out). */
export const NotificationPrefs = z.object({
  accountId: AccountId,
  /** Whether outcome reviews and escalations also reach them as a Jira notification email. */
  emails: z.boolean().default(true),
  updatedAt: Instant.nullable().default(null),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;
