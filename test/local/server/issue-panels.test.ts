/**
 * The issue view's app modules (docs/forge-fidelity.md, "Invocations and the bridge"): in strict
 * mode an issue panel shows only once a user adds it from the apps button, with `isNewToIssue` the
 * first time, and then for everyone; issue contexts show on every issue. Lenient: every panel on
 * every issue, as before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appFor, form, send } from './app-kit';
import { fakeHost, type FakeHost } from './fake-host';
import type { ServerApp } from '../../../local/server/server-app';

let uiDir: string;
let host: FakeHost;
let app: ServerApp;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'tether-panels-'));
  await writeFile(
    join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>x</title></head><body>panel</body></html>',
  );
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));

function frames(page: string): Array<{ moduleKey: string; extension: Record<string, unknown> }> {
  return [...page.matchAll(/data-tether-frame="([^"]*)"/g)].map((m) => {
    const json = (m[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const parsed: unknown = JSON.parse(json);
    const moduleKey: unknown = Reflect.get(Object(parsed), 'moduleKey');
    const extension: unknown = Reflect.get(Object(parsed), 'extension');
    return { moduleKey: String(moduleKey), extension: Object(extension) };
  });
}

/** The cookie header a browser would send back from Set-Cookie lines (values only, removals dropped). */
function cookieFrom(lines: string[]): string {
  return lines
    .map((l) => l.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

describe('strict issue view', () => {
  beforeEach(() => {
    host = fakeHost({ uiDir, forge: 'strict', issueContext: true });
    app = appFor(host);
  });

  it('shows no issue panel until it is added, offers it on the apps button, and shows issue contexts on every issue', async () => {
    const page = await send(app, 'GET', '/browse/WEB-3?as=member');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('data-testid="issue-panel"');
    expect(page.text).toContain('data-testid="apps-button"');
    expect(page.text).toContain('data-testid="add-panel" data-module-key="tether-issue-panel"');
    expect(frames(page.text)).toEqual([
      {
        moduleKey: 'tether-issue-context',
        extension: {
          type: 'jira:issueContext',
          issue: { id: '10003', key: 'WEB-3', type: 'Story', typeId: '10001' },
          project: { id: '10000', key: 'WEB', type: 'software' },
        },
      },
    ]);
    expect(frames((await send(app, 'GET', '/browse/WEB-1?as=member')).text).map((f) => f.moduleKey)).toEqual([
      'tether-issue-context',
    ]);
    // the index links an issue for the issue context
    expect((await send(app, 'GET', '/')).text).toMatch(
      /data-module-key="tether-issue-context">[^]*?<a href="\/browse\/WEB-1">WEB-1<\/a>/,
    );
  });

  it('adds the panel for everyone; the first view after adding says isNewToIssue, later ones do not', async () => {
    const added = await send(app, 'POST', '/browse/WEB-3/add-panel?as=member', form({ module: 'tether-issue-panel' }));
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/browse/WEB-3');
    expect(host.localJira.store.toSnapshot().issuePanels).toEqual({ '10003': ['tether-issue-panel'] });

    const first = await send(app, 'GET', '/browse/WEB-3', { cookie: cookieFrom(added.cookies) });
    expect(first.text).toContain('Tether was added to WEB-3.');
    expect(first.text).not.toContain('data-testid="apps-button"');
    const panel = frames(first.text).find((f) => f.moduleKey === 'tether-issue-panel');
    expect(panel?.extension).toMatchObject({ type: 'jira:issuePanel', issue: { key: 'WEB-3' }, isNewToIssue: true });
    expect(first.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/^tether-new-panel=;/)]));

    const later = await send(app, 'GET', '/browse/WEB-3?as=lead');
    expect(frames(later.text).find((f) => f.moduleKey === 'tether-issue-panel')?.extension).toMatchObject({
      isNewToIssue: false,
    });
    // other issues still have it to add
    expect((await send(app, 'GET', '/browse/WEB-2?as=lead')).text).toContain('data-testid="add-panel"');
    // adding it again changes nothing
    const again = await send(app, 'POST', '/browse/WEB-3/add-panel?as=lead', form({ module: 'tether-issue-panel' }));
    expect(again.cookies.filter((c) => c.startsWith('tether-new-panel='))).toEqual([]);
    expect(host.localJira.store.addedPanels('10003')).toEqual(['tether-issue-panel']);
  });

  it('refuses a module that is not an issue panel, and an issue the persona cannot see', async () => {
    expect((await send(app, 'POST', '/browse/WEB-3/add-panel', form({ module: 'tether-admin-page' }))).status).toBe(
      400,
    );
    const hidden = await send(
      app,
      'POST',
      '/browse/MOB-1/add-panel?as=outsider',
      form({ module: 'tether-issue-panel' }),
    );
    expect(hidden.status).toBe(303);
    expect(host.localJira.store.addedPanels('10006')).toEqual([]);
  });
});

describe('lenient issue view', () => {
  it('shows every issue panel on every issue, never new, and no apps button', async () => {
    host = fakeHost({ uiDir, issueContext: true });
    app = appFor(host);
    const page = await send(app, 'GET', '/browse/WEB-2');
    expect(page.text).not.toContain('data-testid="apps-button"');
    expect(frames(page.text).map((f) => [f.moduleKey, f.extension.isNewToIssue])).toEqual([
      ['tether-issue-panel', false],
      ['tether-issue-context', undefined],
    ]);
  });
});
