/** The outbox of Jira notification emails, each person's choice about them, and the queue that sends them. */
import type { NotificationOrder, NotificationPrefs } from '../contract';

/** An order as stored, with the version its next write is guarded by. */
export type StoredNotificationOrder = NotificationOrder & { version: number };

/** The outbox (src/forge/store/notification-store.ts, entity `notification`). */
export interface NotificationOutbox {
  get(id: string): Promise<StoredNotificationOrder | null>;
  /** Writes the order if its stored version is still `order.version`; VersionConflict otherwise. Returns it as stored. */
  put(order: StoredNotificationOrder): Promise<StoredNotificationOrder>;
  /** Orders not sent yet — pending, or claimed by a run (`sending`) — at most `limit` of each, the oldest first (the hourly sweep). */
  unsent(limit: number): Promise<StoredNotificationOrder[]>;
}

/** Each person's choice (src/forge/store/notification-store.ts, `settings` entity). */
export interface NotificationPrefsStore {
  /** The account's choice; emails on for someone who never chose. */
  get(accountId: string): Promise<NotificationPrefs & { version: number }>;
  put(prefs: NotificationPrefs, expectedVersion: number): Promise<NotificationPrefs & { version: number }>;
}

/** The job queue, for sending orders (src/forge/queue/job-queue.ts, body `{notifications}`). */
export interface NotificationQueue {
  push(ids: readonly string[], delaySeconds?: number): Promise<void>;
}

/** What Jira's notify endpoint is asked to send. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Account ids: the email goes to these people only. */
  to: readonly string[];
}
