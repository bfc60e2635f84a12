/**
 * POST /rest/api/3/issue/{issueIdOrKey}/notify ("Send notification for issue"), as the app: Jira
 * puts an email about the issue in its mail queue for the listed accounts only (`to.users`; the
 * issue's assignee, reporter, watchers and voters are switched off), and only for those who may
 * browse the issue (`restrict.permissions` BROWSE). Scope: write:jira-work. 204: queued; 404: Jira
 * shows the app no such issue. Any other answer is a failure (429 and 5xx are retried by the
 * sender first, then end as a busy service: the queued job is delivered again later).
 */
import { asApp, route } from '@forge/api';
import { ensureOk } from './jira-answers';
import { JSON_HEADERS, type Send } from './send';
import type { IssueNotification } from '../../ports';

export const NOTIFY_ENDPOINT = 'POST /rest/api/3/issue/{issueIdOrKey}/notify';

export async function notifyIssue(
  send: Send,
  issueKey: string,
  notification: IssueNotification,
): Promise<'sent' | 'issue-gone'> {
  const body = {
    subject: notification.subject,
    textBody: notification.textBody,
    htmlBody: notification.htmlBody,
    to: {
      reporter: false,
      assignee: false,
      watchers: false,
      voters: false,
      users: notification.to.map((accountId) => ({ accountId })),
    },
    restrict: { permissions: [{ key: 'BROWSE' }] },
  };
  const answer = await send(NOTIFY_ENDPOINT, () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}/notify`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    }),
  );
  if (answer.status === 404) return 'issue-gone';
  ensureOk(answer);
  return 'sent';
}
