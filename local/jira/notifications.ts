/**
 * What the local Jira would have emailed: every notification the notify endpoint accepted
 * (POST /rest/api/3/issue/{issueIdOrKey}/notify), kept in memory for the host's life, newest last.
 * Served by the local server at /notifications (an HTML list, or JSON with ?format=json or
 * Accept: application/json) so that tests and people see what would have been sent.
 */

export interface NotificationRecipient {
  accountId: string;
  displayName: string;
  emailAddress: string;
}

export interface RecordedNotification {
  /** 1, 2, … in the order Jira accepted them. */
  id: number;
  /** When it was accepted (the local Jira's clock). */
  at: number;
  issueKey: string;
  /** The issue's page: Jira's email is about the issue and links it. */
  issueUrl: string;
  /** The account that asked for it (the app's, for `asApp()`). */
  from: string;
  to: NotificationRecipient[];
  subject: string;
  textBody: string;
  htmlBody: string;
}

export class NotificationOutbox {
  private readonly sent: RecordedNotification[] = [];
  /** Jira answers 403 while outgoing email is off (the site's setting; on by default). */
  outgoingEmail = true;

  record(notification: Omit<RecordedNotification, 'id'>): RecordedNotification {
    const recorded = { ...notification, id: this.sent.length + 1 };
    this.sent.push(recorded);
    return recorded;
  }

  list(): readonly RecordedNotification[] {
    return this.sent;
  }
}
