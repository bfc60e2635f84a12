/** /notifications: what the local Jira would have emailed, as a page and as JSON. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleJiraRequest } from '../../../local/jira/product-handler';
import { appFor, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';
import type { ServerApp } from '../../../local/server/server-app';

let uiDir: string;
let host: FakeHost;
let app: ServerApp;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'tether-notifications-'));
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));
beforeEach(() => {
  const base = fakeHost({ uiDir });
  host = { ...base, notifications: { list: () => base.localJira.notifications.list() } };
  app = appFor(host);
});

async function notify(subject: string, textBody: string): Promise<void> {
  const member = host.localJira.store.users().find((u) => u.persona === 'member')!;
  const res = await handleJiraRequest(host.localJira, {
    method: 'POST',
    path: '/rest/api/3/issue/WEB-1/notify',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, textBody, to: { users: [{ accountId: member.accountId }] } }),
    asUser: null,
  });
  expect(res.status).toBe(204);
}

describe('/notifications', () => {
  it('is linked from the home page', async () => {
    expect((await send(app, 'GET', '/')).text).toContain('<a href="/notifications">Notifications</a>');
  });

  it('says nothing was sent yet', async () => {
    const page = await send(app, 'GET', '/notifications');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No notification has been sent yet.');
    expect((await send(app, 'GET', '/notifications?format=json')).json()).toEqual({ notifications: [] });
  });

  it('lists what the app asked Jira to email, newest first, with recipient, subject, text and issue link; JSON oldest first', async () => {
    await notify('First <one>', 'Did WEB-1 help?');
    await notify('Second', 'Keep course?');
    const page = await send(app, 'GET', '/notifications');
    expect(page.text.indexOf('Second')).toBeLessThan(page.text.indexOf('First &lt;one&gt;'));
    expect(page.text).toContain('Did WEB-1 help?');
    expect(page.text).toMatch(/href="[^"]*\/browse\/WEB-1"/);
    const json = (await send(app, 'GET', '/notifications.json')).json() as { notifications: { subject: string }[] };
    expect(json.notifications.map((n) => n.subject)).toEqual(['First <one>', 'Second']);
  });
});
