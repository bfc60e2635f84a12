/**
 * POST /rest/api/3/issue/{issueIdOrKey}/notify in the local Jira, answered as Jira Cloud documents
 * it (the OpenAPI spec's "Send notification for issue"): 204 and the email recorded in the outbox;
 * 400 for a body that is not a Notification, an invalid recipient or the caller themself; 404 for
 * an issue the caller may not browse; 403 while outgoing email is off.
 */
import { aJira, APP, LEAD, MEMBER, OUTSIDER } from './builders';
import { call } from './http';

const body = (over: Record<string, unknown> = {}) => ({
  subject: 'Tether: outcome review for WEB-1',
  textBody: 'WEB-1 is done: did it help?',
  htmlBody: '<p>WEB-1 is done: did it help?</p>',
  to: { users: [{ accountId: MEMBER }], reporter: false, assignee: false, watchers: false, voters: false },
  ...over,
});

describe('the notify endpoint', () => {
  it('queues the email (204) and records it for the named account only, with the issue link', async () => {
    const { jira } = aJira([{ key: 'WEB-1', summary: 'Checkout page' }]);
    const answer = await call(jira, 'POST', '/rest/api/3/issue/WEB-1/notify', { body: body() });
    expect(answer.status).toBe(204);
    expect(answer.raw).toBe('');
    expect(jira.notifications.list()).toEqual([
      {
        id: 1,
        at: jira.now(),
        issueKey: 'WEB-1',
        issueUrl: 'https://tether-local.atlassian.net/browse/WEB-1',
        from: APP,
        to: [{ accountId: MEMBER, displayName: 'Mia Member', emailAddress: 'mia@example.com' }],
        subject: 'Tether: outcome review for WEB-1',
        textBody: 'WEB-1 is done: did it help?',
        htmlBody: '<p>WEB-1 is done: did it help?</p>',
      },
    ]);
  });

  it('takes the issue key and summary as the subject when none is given', async () => {
    const { jira } = aJira([{ key: 'WEB-1', summary: 'Checkout page' }]);
    const { subject: _omitted, ...rest } = body();
    expect((await call(jira, 'POST', '/rest/api/3/issue/WEB-1/notify', { body: rest })).status).toBe(204);
    expect(jira.notifications.list()[0]!.subject).toBe('WEB-1: Checkout page');
  });

  it.each([
    ['an account Jira does not know', body({ to: { users: [{ accountId: 'nobody-at-all' }] } })],
    ['an inactive account', body({ to: { users: [{ accountId: 'local-gone' }] } })],
    ['the assignee of an unassigned issue', body({ to: { assignee: true } })],
    ['nobody', body({ to: {} })],
    ['a body that is not a Notification', { subject: 42 }],
    ['an unknown restriction', body({ restrict: { roles: ['x'] } })],
  ])('answers 400 for %s and records nothing', async (_case, sent) => {
    const { jira } = aJira([{ key: 'WEB-1' }]);
    const answer = await call(jira, 'POST', '/rest/api/3/issue/WEB-1/notify', { body: sent });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errorMessages: [expect.any(String)] });
    expect(jira.notifications.list()).toEqual([]);
  });

  it('answers 400 when the recipient is the calling user', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }]);
    const answer = await call(jira, 'POST', '/rest/api/3/issue/WEB-1/notify', { body: body(), asUser: MEMBER });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ errorMessages: ['The recipient is the same as the calling user.'] });
  });

  it('answers 404 for an issue the caller may not browse, or that does not exist', async () => {
    const { jira } = aJira([{ key: 'MOB-1' }, { key: 'WEB-1' }]);
    const hidden = await call(jira, 'POST', '/rest/api/3/issue/MOB-1/notify', {
      body: body({ to: { users: [{ accountId: LEAD }] } }),
      asUser: OUTSIDER,
    });
    expect(hidden.status).toBe(404);
    expect((await call(jira, 'POST', '/rest/api/3/issue/WEB-99/notify', { body: body() })).status).toBe(404);
    expect(jira.notifications.list()).toEqual([]);
  });

  it('answers 403 while outgoing email is off', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }]);
    jira.notifications.outgoingEmail = false;
    const answer = await call(jira, 'POST', '/rest/api/3/issue/WEB-1/notify', { body: body() });
    expect(answer.status).toBe(403);
    expect(jira.notifications.list()).toEqual([]);
  });

  it('leaves out recipients without the permission a restriction names', async () => {
    const { jira } = aJira([{ key: 'MOB-1' }]);
    const answer = await call(jira, 'POST', '/rest/api/3/issue/MOB-1/notify', {
      body: body({
        to: { users: [{ accountId: OUTSIDER }, { accountId: MEMBER }] },
        restrict: { permissions: [{ key: 'BROWSE' }] },
      }),
    });
    expect(answer.status).toBe(204);
    // the outsider has no role in MOB: not emailed about its issue
    expect(jira.notifications.list()[0]!.to.map((r) => r.accountId)).toEqual([MEMBER]);
  });
});
