/**
 * End to end in headless Chromium: the real server, the real local Jira, and a fixture Custom UI
 * that uses the REAL @forge/bridge inside the issue view's panel frame.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../local/server/start-server';
import { launchChromium, type LaunchedChromium } from '../../support/chromium';
import { fakeHost, type FakeHost } from './fake-host';
import { buildFixtureUi, type FixtureBuild } from './fixture-ui';

jest.setTimeout(90_000);

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

let fixture: FixtureBuild;
let host: FakeHost;
let server: RunningServer;
let chromium: LaunchedChromium;
let page: Page;
const printed: string[] = [];

beforeAll(async () => {
  fixture = await buildFixtureUi();
  host = fakeHost({ uiDir: fixture.dir });
  server = await startServer({ host, port: 0, hostname: '127.0.0.1', log: (line) => printed.push(line) });
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  await fixture?.remove();
});

async function panelFrame(): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[data-module-key="tether-issue-panel"]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the issue panel iframe has no frame');
  await frame.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return frame;
}

async function shown(frame: Frame, id: string): Promise<unknown> {
  const text = await frame.textContent(`#${id}`);
  const parsed: unknown = JSON.parse(text ?? 'null');
  return parsed;
}

it('runs a Custom UI with the real @forge/bridge in the issue view', async () => {
  await page.goto(`${server.url}/browse/WEB-3?as=member`);
  const frame = await panelFrame();

  expect(await frame.textContent('#bridge-first')).toBe('true');
  expect(await shown(frame, 'context')).toEqual({
    accountId: 'local-member',
    moduleKey: 'tether-issue-panel',
    localId: 'ari:cloud:ecosystem::extension/00000000-0000-0000-0000-000000000000/local/static/tether-issue-panel',
    siteUrl: server.url,
    locale: 'en-US',
    timezone: 'UTC',
    extension: { type: 'jira:issuePanel', issue: { id: '10003', key: 'WEB-3', type: 'Story', typeId: '10001' }, project: { id: '10000', key: 'WEB', type: 'software' }, isNewToIssue: false },
  });
  expect(await shown(frame, 'invoke')).toEqual({ echo: { hello: 'from the panel' }, accountId: 'local-member', moduleKey: 'tether-issue-panel', issueKey: 'WEB-3' });
  expect(await shown(frame, 'myself')).toEqual({ status: 200, accountId: 'local-member', displayName: 'Mia Member' });
  expect(await shown(frame, 'event')).toEqual({ from: 'tether-issue-panel' });
  expect(await frame.textContent('#unknown')).toContain("does not know the bridge command 'noSuchCommand'");
  expect(await shown(frame, 'router')).toEqual({ url: '/browse/WEB-1', history: ['/objectives/7'], location: '/objectives/7?tab=results' });
  expect(await frame.getAttribute('html', 'data-color-mode')).toBe('light');

  // the flag is in the page, not in the frame
  const flag = page.locator('.flag[data-flag-id="fixture-flag"]');
  await flag.waitFor();
  expect(await flag.locator('.flag__title').textContent()).toBe('Hello from the fixture');
  expect(await flag.locator('.flag__description').textContent()).toBe('Shown by tether-issue-panel for local-member');

  // the frame was sized to its content, and the page shows the issue from the local Jira
  const height = await page.$eval('iframe[data-module-key="tether-issue-panel"]', (el) => el.getBoundingClientRect().height);
  expect(height).toBeGreaterThan(200);
  expect(await page.textContent('[data-testid="issue-summary"]')).toBe('Address autocomplete');

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'issue-view-member.png'), fullPage: true });

  // a flag action runs the app's onClick in the frame; close() from the app removes the flag
  await flag.locator('.flag__action', { hasText: 'Say hi' }).click();
  await frame.waitForSelector('#flag-action:text("clicked")');
  await frame.click('#close-flag');
  await flag.waitFor({ state: 'detached' });
});

it('printed where each surface is when it started', () => {
  expect(printed).toEqual(
    expect.arrayContaining([
      `Tether local Jira: ${server.url}/`,
      `  Tether (jira:issuePanel, WEB-1): ${server.url}/browse/WEB-1`,
      `  Objectives (jira:projectPage, MOB): ${server.url}/projects/MOB?module=tether-project-page`,
      `  Tether settings (jira:adminPage, Apps settings): ${server.url}/admin?module=tether-admin-page`,
    ]),
  );
});

it('switches persona from the header and keeps it', async () => {
  await page.goto(`${server.url}/browse/WEB-3?as=member`);
  await page.click('[data-testid="persona-switcher"] summary');
  await page.click('a[data-persona="lead"]');
  await page.waitForURL(/as=lead/);
  expect(await page.textContent('[data-testid="current-persona"]')).toBe('Lee Lead');
  let frame = await panelFrame();
  expect(await shown(frame, 'myself')).toEqual({ status: 200, accountId: 'local-lead', displayName: 'Lee Lead' });

  // the cookie keeps the persona without ?as=
  await page.goto(`${server.url}/browse/WEB-3`);
  frame = await panelFrame();
  expect((await shown(frame, 'invoke'))).toEqual(expect.objectContaining({ accountId: 'local-lead' }));
});

it('transitions the issue from the issue view through Jira, firing the trigger event', async () => {
  await page.goto(`${server.url}/browse/WEB-3?as=member`);
  await page.selectOption('[data-testid="transition-select"]', { label: 'Done' });
  host.events.length = 0;
  await Promise.all([page.waitForURL(`${server.url}/browse/WEB-3`), page.click('[data-testid="transition-submit"]')]);
  expect(await page.textContent('[data-testid="flash"]')).toContain('WEB-3 is now Done.');
  expect(await page.textContent('[data-testid="status"]')).toBe('Done');
  expect(host.events.map((e) => [e.eventType, e.atlassianId])).toEqual([['avi:jira:updated:issue', 'local-member']]);
  await panelFrame();
  await page.screenshot({ path: join(SCREENSHOTS, 'issue-view-after-transition.png'), fullPage: true });
});

it('says how to build a surface that has no build, and shows the admin page to admins', async () => {
  await page.goto(`${server.url}/projects/WEB?as=admin`);
  expect(await page.textContent('[data-testid="build-command"]')).toBe('npm run build:ui');
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-no-build.png') });
  await page.goto(`${server.url}/admin`);
  const handle = await page.waitForSelector('iframe[data-module-key="tether-admin-page"]');
  const frame = await handle.contentFrame();
  await frame?.waitForSelector('body[data-ready="true"]');
  expect(await frame?.textContent('#invoke')).toContain("names no resolver function");
  await page.goto(`${server.url}/`);
  await page.screenshot({ path: join(SCREENSHOTS, 'index.png'), fullPage: true });
});
