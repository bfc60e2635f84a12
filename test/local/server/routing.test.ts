/** The server's pages, forms, resources, REST API and guards, called without a socket. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFor, at, form, ORIGIN, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';
import type { ServerApp } from '../../../local/server/server-app';

let uiDir: string;
let host: FakeHost;
let app: ServerApp;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'tether-routing-'));
  await writeFile(
    join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>x</title><script src="./main.js"></script></head><body>panel</body></html>',
  );
  await writeFile(join(uiDir, 'main.js'), 'console.log("app")');
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));
beforeEach(() => {
  host = fakeHost({ uiDir });
  app = appFor(host);
});

function frameContexts(page: string): unknown[] {
  return [...page.matchAll(/data-tether-frame="([^"]*)"/g)].map((m) => {
    const json = (m[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const parsed: unknown = JSON.parse(json);
    return parsed;
  });
}

describe('persona', () => {
  it('defaults to admin, who sees both projects', async () => {
    const res = await send(app, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="current-persona">Ada Admin<');
    expect(res.text).toContain('Web Platform');
    expect(res.text).toContain('Mobile App');
    expect(res.cookies).toEqual([]);
  });

  it('?as= switches persona and remembers it in a cookie', async () => {
    const res = await send(app, 'GET', '/?as=outsider');
    expect(res.text).toContain('data-testid="current-persona">Oscar Outsider<');
    expect(res.text).not.toContain('Mobile App');
    expect(res.cookies).toEqual([expect.stringMatching(/^tether-persona=outsider; Path=\/; SameSite=Lax/)]);
    const again = await send(app, 'GET', '/', { cookie: 'tether-persona=outsider' });
    expect(again.text).toContain('Oscar Outsider');
  });

  it('names the personas when ?as= is unknown', async () => {
    const res = await send(app, 'GET', '/browse/WEB-1?as=boss');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Unknown persona &#39;boss&#39;: use one of admin, lead, member, outsider');
  });

  it('the switcher links keep the page and set as=', async () => {
    const res = await send(app, 'GET', '/browse/WEB-2?as=member');
    for (const p of ['admin', 'lead', 'member', 'outsider'])
      expect(res.text).toContain(`data-persona="${p}" href="/browse/WEB-2?as=${p}"`);
  });
});

describe('index', () => {
  it('lists issues and app surfaces with their build state', async () => {
    const res = await send(app, 'GET', '/');
    expect(res.text).toContain('href="/browse/WEB-3"');
    expect(res.text).toContain('Address autocomplete');
    expect(res.text).toContain('href="/projects/WEB?module=tether-project-page"');
    expect(res.text).toContain('href="/browse/MOB-1"');
    expect(res.text).toContain('href="/admin?module=tether-admin-page"');
    expect(res.text).toContain('<code>npm run build:ui</code>');
    expect(res.text).toContain('not shown locally');
  });
});

describe('issue view', () => {
  it('shows the issue from the local Jira and the issue panel in a frame with its extension context', async () => {
    const res = await send(app, 'GET', '/browse/WEB-2?as=member');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="issue-summary">Card payment form<');
    expect(res.text).toContain('Done</option>');
    expect(res.text).toContain('src="/__tether/resources/issue-panel/index.html"');
    expect(frameContexts(res.text)).toEqual([
      {
        moduleKey: 'tether-issue-panel',
        localId: 'ari:cloud:ecosystem::extension/00000000-0000-0000-0000-000000000000/local/static/tether-issue-panel',
        extension: {
          type: 'jira:issuePanel',
          issue: { id: '10002', key: 'WEB-2', type: 'Story', typeId: '10001' },
          project: { id: '10000', key: 'WEB', type: 'software' },
          isNewToIssue: false,
        },
      },
    ]);
    // a member may not delete
    expect(res.text).toContain('data-testid="delete-not-allowed"');
  });

  it('answers 404 for an issue the persona cannot see', async () => {
    const res = await send(app, 'GET', '/browse/MOB-1?as=outsider');
    expect(res.status).toBe(404);
    expect(res.text).toContain('This issue can&#39;t be found');
    expect(res.text).not.toContain('Offline mode');
  });

  it('finds keys case-insensitively, as Jira does', async () => {
    const res = await send(app, 'GET', '/browse/web-3');
    expect(res.text).toContain('Address autocomplete');
  });

  it('moves on from the old key of an issue moved to another project to its new key', async () => {
    const moved = await send(app, 'POST', '/rest/api/3/bulk/issues/move', {
      body: JSON.stringify({
        targetToSourcesMapping: { 'MOB,10001': { issueIdsOrKeys: ['WEB-3'], inferFieldDefaults: true } },
      }),
      headers: { 'content-type': 'application/json', origin: ORIGIN },
    });
    expect(moved.status).toBe(201);
    const old = await send(app, 'GET', '/browse/WEB-3?as=lead');
    expect(old.status).toBe(303);
    expect(old.headers.location).toMatch(/^\/browse\/MOB-\d+\?as=lead$/);
    const page = await send(app, 'GET', String(old.headers.location));
    expect(page.text).toContain('Address autocomplete');
  });
});

describe('issue controls go through the REST API as the persona', () => {
  it('transitions, fires the trigger event, and shows a one-time message', async () => {
    const res = await send(app, 'POST', '/browse/WEB-3/transition', {
      ...form({ transition: '41' }),
      cookie: 'tether-persona=member',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/browse/WEB-3');
    const flash = res.cookies.find((c) => c.startsWith('tether-flash='));
    expect(flash).toBeDefined();
    expect(host.events).toEqual([
      expect.objectContaining({ eventType: 'avi:jira:updated:issue', atlassianId: 'local-member' }),
    ]);
    expect(at(host.events[0], 'changelog', 'items', 0, 'toString')).toBe('Done');

    const page = await send(app, 'GET', '/browse/WEB-3', {
      cookie: `tether-persona=member; ${(flash ?? '').split(';')[0] ?? ''}`,
    });
    expect(page.text).toContain('WEB-3 is now Done.');
    expect(page.cookies).toContain('tether-flash=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly');
  });

  it('edits story points and parent', async () => {
    await send(app, 'POST', '/browse/WEB-5/story-points', { ...form({ points: '8' }), cookie: 'tether-persona=lead' });
    await send(app, 'POST', '/browse/WEB-5/parent', { ...form({ parent: '' }), cookie: 'tether-persona=lead' });
    expect(host.events.map((e) => e.changelog?.items.map((i) => i.field))).toEqual([
      ['Story point estimate'],
      ['IssueParentAssociation'],
    ]);
    const page = await send(app, 'GET', '/browse/WEB-5?as=lead');
    expect(page.text).toContain('name="points" value="8"');
    expect(page.text).toContain('name="parent" value=""');
  });

  it('shows Jira refusing what the persona may not do', async () => {
    const res = await send(app, 'POST', '/browse/WEB-5/delete', { ...form({}), cookie: 'tether-persona=member' });
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.cookies.join(';'))).toContain('Jira refused');
    expect(host.events).toEqual([]);
  });

  it('deletes as the lead and goes back to the project issues', async () => {
    const res = await send(app, 'POST', '/browse/WEB-5/delete', { ...form({}), cookie: 'tether-persona=lead' });
    expect(res.headers.location).toBe('/#issues-WEB');
    expect(host.events.map((e) => e.eventType)).toEqual(['avi:jira:deleted:issue']);
  });

  it('rejects a bad form with the reason', async () => {
    const res = await send(app, 'POST', '/browse/WEB-5/story-points', {
      ...form({ points: 'many' }),
      cookie: 'tether-persona=lead',
    });
    expect(decodeURIComponent(res.cookies.join(';'))).toContain('story points are a number');
  });

  it('refuses form posts from another origin', async () => {
    const res = await send(app, 'POST', '/browse/WEB-5/delete', {
      body: '',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(host.events).toEqual([]);
  });
});

describe('project and admin pages', () => {
  it('says which command builds a resource that has no build', async () => {
    const res = await send(app, 'GET', '/projects/WEB');
    expect(res.status).toBe(200);
    expect(res.text).toContain('has no build yet');
    expect(res.text).toContain('data-testid="build-command">npm run build:ui<');
    expect(res.text).not.toContain('<iframe');
  });

  it('answers 404 for a project the persona cannot browse', async () => {
    expect((await send(app, 'GET', '/projects/MOB?as=outsider')).status).toBe(404);
  });

  it('shows the admin page to admins only', async () => {
    const admin = await send(app, 'GET', '/admin?as=admin');
    expect(admin.status).toBe(200);
    expect(frameContexts(admin.text)).toEqual([
      expect.objectContaining({ moduleKey: 'tether-admin-page', extension: { type: 'jira:adminPage' } }),
    ]);
    const member = await send(app, 'GET', '/admin?as=member');
    expect(member.status).toBe(403);
    expect(member.text).toContain("You don't have access to this page.");
    expect(member.text).not.toContain('<iframe');
  });

  it('answers unknown pages with a Jira-like 404', async () => {
    const res = await send(app, 'GET', '/secure/Dashboard.jspa');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
  });
});

describe('resources', () => {
  it('serves index.html with the bridge script before any other script', async () => {
    const res = await send(app, 'GET', '/__tether/resources/issue-panel/index.html');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<!doctype html><html><head><script src="\/__tether\/frame-bridge.js"><\/script><title>/);
    const js = await send(app, 'GET', '/__tether/resources/issue-panel/main.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toBe('console.log("app")');
  });

  it('never leaves the resource folder', async () => {
    for (const path of [
      '/__tether/resources/issue-panel/..%2F..%2Fetc%2Fpasswd',
      '/__tether/resources/issue-panel/a%2F..%2F..%2Fx',
      '/__tether/resources/..%2F..%2Fetc/passwd',
    ]) {
      expect((await send(app, 'GET', path)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await send(app, 'GET', '/__tether/resources/issue-panel/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    // the URL parser already folds /%2E%2E/ into the path: this asks for a resource named 'x'
    expect((await send(app, 'GET', '/__tether/resources/issue-panel/%2E%2E/x')).text).toContain("no resource 'x'");
  });

  it('answers a missing build, resource or file plainly', async () => {
    const noBuild = await send(app, 'GET', '/__tether/resources/project-page/index.html');
    expect(noBuild.status).toBe(404);
    expect(noBuild.text).toContain('npm run build:ui');
    expect((await send(app, 'GET', '/__tether/resources/nope/index.html')).text).toContain(
      "The manifest has no resource 'nope'.",
    );
    expect((await send(app, 'GET', '/__tether/resources/issue-panel/missing.js')).status).toBe(404);
  });

  it('serves the page assets', async () => {
    for (const path of [
      '/__tether/jira.css',
      '/__tether/page-bridge.js',
      '/__tether/frame-bridge.js',
      '/__tether/theme.css',
    ]) {
      expect((await send(app, 'GET', path)).status).toBe(200);
    }
  });
});

describe('REST API', () => {
  it('acts as ?as= (default admin) and leaves as out of what Jira sees', async () => {
    expect(at((await send(app, 'GET', '/rest/api/3/myself')).json(), 'accountId')).toBe('local-admin');
    expect(at((await send(app, 'GET', '/rest/api/3/myself?as=lead')).json(), 'accountId')).toBe('local-lead');
    const search = await send(app, 'GET', '/rest/api/3/search/jql?as=outsider&jql=project%20in%20(WEB)&fields=key');
    expect(search.status).toBe(200);
    const mob = await send(app, 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20MOB&as=outsider');
    expect(mob.status).toBe(400);
  });

  it('changes issues (and fires events) for scripts', async () => {
    const res = await send(app, 'PUT', '/rest/api/3/issue/WEB-3?as=member', {
      body: JSON.stringify({ fields: { summary: 'Renamed' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(204);
    expect(host.events.map((e) => e.eventType)).toEqual(['avi:jira:updated:issue']);
  });

  it('refuses an unknown persona in Jira’s error shape', async () => {
    const res = await send(app, 'GET', '/rest/api/3/myself?as=ghost');
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ errorMessages: [expect.stringContaining("Unknown persona 'ghost'")], errors: {} });
  });

  it('passes Jira’s own 404 for what it does not implement', async () => {
    const res = await send(app, 'GET', '/rest/agile/1.0/board');
    expect(res.status).toBe(404);
    expect(at(res.json(), 'errorMessages', 0)).toContain('does not implement');
  });
});

describe('guards', () => {
  it('answers only for its own host name', async () => {
    const res = await send(app, 'GET', '/', { headers: { host: 'attacker.example:4567' } });
    expect(res.status).toBe(403);
    expect((await send(app, 'GET', '/', { headers: { host: 'localhost:4567' } })).status).toBe(200);
  });

  it('accepts writes from its own origin under another loopback name', async () => {
    const res = await send(app, 'PUT', '/rest/api/3/issue/WEB-3', {
      body: JSON.stringify({ fields: { summary: 'x' } }),
      headers: { 'content-type': 'application/json', origin: 'http://localhost:4567' },
    });
    expect(res.status).toBe(204);
    expect(ORIGIN).toBe('http://127.0.0.1:4567');
  });
});
