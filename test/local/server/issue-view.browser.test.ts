/**
 * End to end in headless Chromium: the real server, the real local Jira, and a fixture Custom UI
 * that uses the REAL @forge/bridge inside the issue view's panel frame.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../local/server/start-server';
import { launchChromium, type LaunchedChromium } from '../../support/chromium';
import { at } from './app-kit';
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
    extension: {
      type: 'jira:issuePanel',
      issue: { id: '10003', key: 'WEB-3', type: 'Story', typeId: '10001' },
      project: { id: '10000', key: 'WEB', type: 'software' },
      isNewToIssue: false,
    },
  });
  expect(await shown(frame, 'invoke')).toEqual({
    echo: { hello: 'from the panel' },
    accountId: 'local-member',
    moduleKey: 'tether-issue-panel',
    issueKey: 'WEB-3',
  });
  expect(await shown(frame, 'myself')).toEqual({ status: 200, accountId: 'local-member', displayName: 'Mia Member' });
  expect(await shown(frame, 'event')).toEqual({ from: 'tether-issue-panel' });
  expect(await frame.textContent('#unknown')).toContain("does not know the bridge command 'noSuchCommand'");
  expect(await shown(frame, 'router')).toEqual({
    url: '/browse/WEB-1',
    history: ['/objectives/7'],
    location: '/objectives/7?tab=results',
  });
  expect(await frame.getAttribute('html', 'data-color-mode')).toBe('light');

  // the flag is in the page, not in the frame
  const flag = page.locator('.flag[data-flag-id="fixture-flag"]');
  await flag.waitFor();
  expect(await flag.locator('.flag__title').textContent()).toBe('Hello from the fixture');
  expect(await flag.locator('.flag__description').textContent()).toBe('Shown by tether-issue-panel for local-member');

  // the frame was sized to its content, and the page shows the issue from the local Jira
  const height = await page.$eval(
    'iframe[data-module-key="tether-issue-panel"]',
    (el) => el.getBoundingClientRect().height,
  );
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
  expect(await shown(frame, 'invoke')).toEqual(expect.objectContaining({ accountId: 'local-lead' }));
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
  expect(await frame?.textContent('#invoke')).toContain('names no resolver function');
  await page.goto(`${server.url}/`);
  await page.screenshot({ path: join(SCREENSHOTS, 'index.png'), fullPage: true });
});

/** Relative luminance (0 black … 1 white) of `#rrggbb[aa]` or `rgb[a](r, g, b[, a])`. */
function luminance(color: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color.trim());
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color.trim());
  const parts = hex ? hex.slice(1, 4).map((h) => parseInt(h, 16)) : rgb ? rgb.slice(1, 4).map(Number) : null;
  if (parts === null) throw new Error(`not a colour: '${color}'`);
  const [r = 0, g = 0, b = 0] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function colours(
  target: Page | Frame,
): Promise<{ mode: string | null; surface: string; background: string; text: string }> {
  return target.evaluate(() => ({
    mode: document.documentElement.getAttribute('data-color-mode'),
    surface: getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
  }));
}

/** What @forge/bridge's view.getContext() asks the host for: `callBridge('getContext')`, from inside the frame. */
async function contextIn(frame: Frame): Promise<unknown> {
  return frame.evaluate(async () => {
    const bridge: unknown = Reflect.get(globalThis, '__bridge');
    const call: unknown = typeof bridge === 'object' && bridge !== null ? Reflect.get(bridge, 'callBridge') : undefined;
    if (typeof call !== 'function') throw new Error('no __bridge.callBridge in the frame');
    const context: unknown = await Reflect.apply(call, bridge, ['getContext']);
    return context;
  });
}

it('shows the page and the frame in the dark theme with ?theme=dark, keeps it, and switches back from the header by keyboard', async () => {
  await page.goto(`${server.url}/browse/WEB-3?as=member&theme=dark`);
  let frame = await panelFrame();

  // the frame: view.theme.enable() applied the page's mode, and the dark tokens are there
  const inFrame = await colours(frame);
  expect(inFrame.mode).toBe('dark');
  expect(luminance(inFrame.surface)).toBeLessThan(0.05);
  expect(luminance(inFrame.text)).toBeGreaterThan(0.4);
  expect(at(await contextIn(frame), 'theme')).toEqual({
    colorMode: 'dark',
    light: 'light',
    dark: 'dark',
    spacing: 'spacing',
  });

  // the page: dark tokens behind Jira's chrome
  const onPage = await colours(page);
  expect(onPage.mode).toBe('dark');
  expect(luminance(onPage.background)).toBeLessThan(0.05);
  expect(luminance(onPage.text)).toBeGreaterThan(0.4);
  const topnav = await page.$eval('.topnav', (el) => getComputedStyle(el).backgroundColor);
  expect(luminance(topnav)).toBeLessThan(0.05);
  await page.screenshot({ path: join(SCREENSHOTS, 'issue-view-dark.png'), fullPage: true });

  // the cookie keeps it without ?theme=, on every page
  await page.goto(`${server.url}/`);
  expect(luminance((await colours(page)).background)).toBeLessThan(0.05);
  await page.screenshot({ path: join(SCREENSHOTS, 'index-dark.png'), fullPage: true });
  await page.goto(`${server.url}/projects/WEB`);
  expect((await colours(page)).mode).toBe('dark');
  await page.screenshot({ path: join(SCREENSHOTS, 'project-page-no-build-dark.png') });
  await page.goto(`${server.url}/browse/WEB-3`);
  frame = await panelFrame();
  expect((await colours(frame)).mode).toBe('dark');

  // the header's switch: a group named Theme, the current mode marked, links reached by keyboard
  const themes = page.getByRole('group', { name: 'Theme' });
  expect(await themes.getByRole('link', { name: 'Dark' }).getAttribute('aria-current')).toBe('true');
  const light = themes.getByRole('link', { name: 'Light' });
  expect(await light.getAttribute('aria-current')).toBeNull();
  await light.focus();
  await Promise.all([page.waitForURL(/[?&]theme=light/), page.keyboard.press('Enter')]);
  frame = await panelFrame();
  const lightFrame = await colours(frame);
  expect(lightFrame.mode).toBe('light');
  expect(luminance(lightFrame.surface)).toBeGreaterThan(0.9);
  expect(at(await contextIn(frame), 'theme', 'colorMode')).toBe('light');
  expect(luminance((await colours(page)).background)).toBeGreaterThan(0.9);
  expect(
    await page.getByRole('group', { name: 'Theme' }).getByRole('link', { name: 'Light' }).getAttribute('aria-current'),
  ).toBe('true');
  await page.screenshot({ path: join(SCREENSHOTS, 'issue-view-light.png'), fullPage: true });
});
