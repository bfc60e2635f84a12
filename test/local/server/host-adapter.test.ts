/**
 * The server on the real local host core (createHost with the host tests' fixture app): the
 * bridge runs the app's real resolver (@forge/resolver, @forge/kvs, @forge/api), and the issue
 * view's controls fire the app's real triggers.
 */
import { join } from 'node:path';
import { serverHostFor } from '../../../local/server/host-adapter';
import type { ServerApp } from '../../../local/server/server-app';
import { FIXTURE_DIR, fixtureHost, useFixtureHost } from '../host/host-test-kit';
import { appFor, at, form, ORIGIN, send } from './app-kit';

const fixture = useFixtureHost();
let app: ServerApp;

beforeEach(() => {
  app = appFor(serverHostFor(fixture.host, { buildCommand: (key) => `npm run build --prefix static/${key}` }));
});

it('describes the manifest’s modules, resources and personas', () => {
  const port = serverHostFor(fixture.host);
  expect(port.modules().map((m) => [m.key, m.type, m.title, m.resource, m.hasResolver])).toEqual([
    ['tether-project-page', 'jira:projectPage', 'Tether', 'project-page', true],
    ['tether-issue-panel', 'jira:issuePanel', 'Tether', 'issue-panel', true],
    ['tether-admin-page', 'jira:adminPage', 'Tether', 'admin-page', true],
  ]);
  expect(port.resources()[0]).toEqual({ key: 'project-page', path: join(FIXTURE_DIR, 'static/project-page/build') });
  expect(port.personas().map((p) => p.persona)).toEqual(['admin', 'lead', 'member', 'outsider']);
  expect(port.jira.projectKeys()).toEqual(['WEB', 'MOB']);
});

it('passes the manifest’s CSP permissions, and moves the site (Jira’s links, context.siteUrl) to the server', async () => {
  const port = serverHostFor(fixture.host);
  expect(port.uiPermissions).toBe(fixture.host.manifest.uiPermissions);
  expect(port.uiPermissions?.content.styles).toEqual(['unsafe-inline']);
  expect(fixture.host.site.siteUrl).toBe('https://tether-local.atlassian.net');
  port.serveSiteAt?.(`${ORIGIN}/`);
  expect(fixture.host.site.siteUrl).toBe(ORIGIN);
  expect(fixture.host.jira.site.baseUrl).toBe(ORIGIN);
  const me: unknown = JSON.parse(
    (await fixture.host.jiraRequest({ method: 'GET', path: '/rest/api/3/myself', asUser: 'local-member' })).body,
  );
  expect(at(me, 'avatarUrls', '24x24')).toBe(
    `${ORIGIN}/rest/api/3/universal_avatar/view/type/user/avatar/local-member?size=small`,
  );
  const picture = await send(app, 'GET', '/rest/api/3/universal_avatar/view/type/user/avatar/local-member?size=small');
  expect(picture.headers['content-type']).toBe('image/svg+xml');
  expect(picture.text).toContain('width="24" height="24"');
  const page = await send(app, 'GET', '/__tether/resources/issue-panel/index.html');
  expect(String(page.headers['content-security-policy'])).toContain(
    `img-src 'self' data: blob: ${ORIGIN} https://images.example.com *.cdn.example.com;`,
  );
});

it('answers invoke with the app’s real resolver, as the persona, with the frame’s localId', async () => {
  const page = await send(app, 'GET', '/projects/WEB?as=member');
  expect(page.text).toContain('npm run build --prefix static/project-page');
  const res = await send(app, 'POST', '/__tether/bridge', {
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({
      command: 'invoke',
      payload: { functionKey: 'visit', payload: { hello: 'world' } },
      context: {
        persona: 'member',
        moduleKey: 'tether-project-page',
        localId: 'ari:cloud:ecosystem::extension/11111111-2222-3333-4444-555555555555/local/static/tether-project-page',
        extension: { type: 'jira:projectPage', project: { id: '10000', key: 'WEB', type: 'software' } },
      },
    }),
  });
  const reply = res.json();
  expect(at(reply, 'ok')).toBe(true);
  expect(at(reply, 'value', 'me', 'accountId')).toBe('local-member');
  expect(at(reply, 'value', 'payload')).toEqual({ hello: 'world' });
  expect(at(reply, 'value', 'seen', 'localId')).toBe(
    'ari:cloud:ecosystem::extension/11111111-2222-3333-4444-555555555555/local/static/tether-project-page',
  );
});

it('fires the app’s triggers when the issue view transitions an issue', async () => {
  const res = await send(app, 'POST', '/browse/WEB-3/transition', {
    ...form({ transition: '41' }),
    cookie: 'tether-persona=member',
  });
  expect(res.status).toBe(303);
  await fixture.host.drain();
  expect(
    fixture.host
      .invocations()
      .filter((r) => r.kind === 'trigger')
      .map((r) => r.functionKey),
  ).toContain('on-issue-updated');
});

it('keeps the issue panels users added with the local Jira, through a restart', async () => {
  const port = serverHostFor(fixture.host);
  expect(port.forge).toBe('lenient');
  expect(port.issuePanels?.add('10003', 'tether-issue-panel')).toBe(true);
  expect(port.issuePanels?.add('10003', 'tether-issue-panel')).toBe(false);
  await fixture.host.close();
  fixture.host = fixtureHost(fixture.dataDir, { forge: 'strict' });
  const again = serverHostFor(fixture.host);
  expect(again.forge).toBe('strict');
  expect(again.issuePanels?.added('10003')).toEqual(['tether-issue-panel']);
  expect(again.issuePanels?.added('10002')).toEqual([]);
});
