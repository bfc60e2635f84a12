/**
 * POST /rest/api/3/issue/{issueIdOrKey}/notify ("Send notification for issue"), as Jira Cloud
 * documents it: the caller needs Browse projects on the issue (else 404, as for an issue that does
 * not exist); the body is a Notification — `subject` (default: the issue key and summary),
 * `textBody`, `htmlBody`, `to` (`users` by accountId, `assignee`, `reporter`, `watchers`, `voters`,
 * `groups`, `groupIds`) and `restrict` (`permissions` by key or id, `groups`, `groupIds`). 400 when
 * the body is not one, when a recipient is invalid (an account Jira does not know or that is
 * inactive; `assignee` on an unassigned issue, `reporter` on an issue without one), when the
 * recipient is the calling user, or when it names nobody; 403 while outgoing email is off; 204
 * when the email is queued — recorded in the local Jira's outbox (../notifications.ts).
 * `restrict` leaves out recipients without the permission or group (the local Jira has no groups,
 * no watchers and no voters).
 */
import { z } from 'zod';
import { browsableIssue } from '../issue-changes';
import { JiraError } from '../jira-error';
import type { JiraUser } from '../model';
import { actorAccountId, hasProjectPermission, type Actor } from '../permissions';
import { noContent, parseOr400, type JiraResponse, type RouteContext } from './respond';

const Named = z.looseObject({ name: z.string().optional(), groupId: z.string().nullable().optional() });

const NotificationBody = z.looseObject({
  subject: z.string().optional(),
  textBody: z.string().optional(),
  htmlBody: z.string().optional(),
  to: z
    .looseObject({
      reporter: z.boolean().optional(),
      assignee: z.boolean().optional(),
      watchers: z.boolean().optional(),
      voters: z.boolean().optional(),
      users: z.array(z.looseObject({ accountId: z.string().max(128) })).optional(),
      groups: z.array(Named).optional(),
      groupIds: z.array(z.string()).optional(),
    })
    .optional(),
  restrict: z
    .strictObject({
      permissions: z.array(z.looseObject({ id: z.string().optional(), key: z.string().optional() })).optional(),
      groups: z.array(Named).optional(),
      groupIds: z.array(z.string()).optional(),
    })
    .optional(),
});

/** Jira's permission ids for the keys a restriction may name (the ones the local Jira knows by key). */
const PERMISSION_KEYS: Record<string, string> = { BROWSE: 'BROWSE_PROJECTS', '10': 'BROWSE_PROJECTS' };

export function notifyIssue(ctx: RouteContext): JiraResponse {
  const { issue, project } = browsableIssue(ctx.jira, ctx.actor, ctx.params.issue ?? '');
  if (ctx.body === undefined) throw new JiraError(400, ['The request body is required.']);
  const body = parseOr400(NotificationBody, ctx.body);
  const to = body.to ?? {};
  const store = ctx.jira.store;
  const recipients = new Map<string, JiraUser>();
  const add = (accountId: string | null, what: string) => {
    const user = accountId === null ? undefined : store.user(accountId);
    if (user === undefined || !user.active) throw new JiraError(400, [`The recipient is invalid: ${what}.`]);
    recipients.set(user.accountId, user);
  };
  for (const u of to.users ?? []) add(u.accountId, `no active user has the account id '${u.accountId}'`);
  if (to.assignee === true) add(issue.assigneeId, 'the issue is unassigned');
  if (to.reporter === true) add(issue.reporterId, 'the issue has no reporter');
  const caller = actorAccountId(ctx.actor);
  if (recipients.has(caller)) throw new JiraError(400, ['The recipient is the same as the calling user.']);
  const groupsNamed = (to.groups?.length ?? 0) + (to.groupIds?.length ?? 0);
  if (recipients.size === 0 && groupsNamed === 0 && to.watchers !== true && to.voters !== true)
    throw new JiraError(400, [
      'The notification has no recipients: set to.users, assignee, reporter, watchers, voters or groups.',
    ]);
  if (!ctx.jira.notifications.outgoingEmail) throw new JiraError(403, ['Outgoing emails are disabled on this site.']);

  const restrict = body.restrict;
  const inGroupRestriction = (restrict?.groups?.length ?? 0) + (restrict?.groupIds?.length ?? 0) > 0;
  const permissions = (restrict?.permissions ?? []).map((p) => {
    const key = PERMISSION_KEYS[p.key ?? p.id ?? ''] ?? p.key;
    if (key === undefined) throw new JiraError(400, ['restrict.permissions: each permission needs its id or key.']);
    return key;
  });
  const may = (user: JiraUser) => {
    const actor: Actor = { kind: 'user', user };
    return !inGroupRestriction && permissions.every((key) => hasProjectPermission(actor, project, key));
  };
  const kept = [...recipients.values()].filter(may);
  if (kept.length > 0)
    ctx.jira.notifications.record({
      at: ctx.jira.now(),
      issueKey: issue.key,
      issueUrl: `${ctx.jira.site.baseUrl}/browse/${issue.key}`,
      from: caller,
      to: kept.map((u) => ({ accountId: u.accountId, displayName: u.displayName, emailAddress: u.emailAddress })),
      subject: body.subject ?? `${issue.key}: ${issue.summary}`,
      textBody: body.textBody ?? '',
      htmlBody: body.htmlBody ?? '',
    });
  return noContent(204);
}
