/**
 * In headless Chromium: the Custom UI frame runs under the CSP the manifest makes (Forge's), so an
 * inline <style> (the fixture's own, and one injected at run time as Atlaskit does) is refused
 * without `permissions.content.styles: ['unsafe-inline']` and applied with it; and the avatars
 * Jira's answers point at load in the frame from the server (img-src allows the site), while an
 * image from elsewhere is refused.
 */
import type { Frame, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../local/server/start-server';
import { launchChromium, type LaunchedChromium } from '../../support/chromium';
import { fakeHost } from './fake-host';
import { buildFixtureUi, type FixtureBuild } from './fixture-ui';

jest.setTimeout(90_000);

let fixture: FixtureBuild;
let chromium: LaunchedChromium;
/** The manifest says nothing about content: Forge's CSP alone. */
let strict: RunningServer;
/** The manifest has `permissions.content.styles: ['unsafe-inline']`, as Tether's. */
let inline: RunningServer;

beforeAll(async () => {
  fixture = await buildFixtureUi();
  strict = await startServer({
    host: fakeHost({ uiDir: fixture.dir, uiPermissions: null }),
    port: 0,
    log: () => undefined,
  });
  inline = await startServer({ host: fakeHost({ uiDir: fixture.dir }), port: 0, log: () => undefined });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await strict?.close();
  await inline?.close();
  await fixture?.remove();
});

interface Opened {
  page: Page;
  frame: Frame;
  policy: string;
  console: string[];
  failedRequests: string[];
}

async function openPanel(server: RunningServer): Promise<Opened> {
  const page = await chromium.browser.newPage();
  const consoleLines: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  const document = page.waitForResponse((r) => r.url().endsWith('/__tether/resources/issue-panel/index.html'));
  await page.goto(`${server.url}/browse/WEB-3?as=member`);
  const policy = (await document).headers()['content-security-policy'] ?? '';
  const handle = await page.waitForSelector('iframe[data-module-key="tether-issue-panel"]');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the issue panel iframe has no frame');
  await frame.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, frame, policy, console: consoleLines, failedRequests };
}

interface Probe {
  bodyPadding: string;
  surface: string;
  styleElement: string;
  styleAttribute: string;
  foreignImage: boolean;
  violations: string[];
}

/** What an app meets in the frame: its own inline style, the theme, and what it adds at run time. */
function probe(frame: Frame): Promise<Probe> {
  return frame.evaluate(async () => {
    const violations: string[] = [];
    const listener = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    document.addEventListener('securitypolicyviolation', listener);
    const target = document.createElement('div');
    target.id = 'csp-probe';
    target.textContent = 'probe';
    document.body.append(target);
    // as Atlaskit (emotion) does: a <style> element with rules, and a style attribute
    const style = document.createElement('style');
    style.textContent = '#csp-probe { color: rgb(1, 2, 3); }';
    document.head.append(style);
    const span = document.createElement('span');
    span.setAttribute('style', 'color: rgb(4, 5, 6)');
    document.body.append(span);
    // an image from a host the manifest does not name
    const foreignImage = await new Promise<boolean>((resolve) => {
      const img = document.createElement('img');
      img.addEventListener('load', () => resolve(true));
      img.addEventListener('error', () => resolve(false));
      img.src = 'http://localhost:9/elsewhere.png';
      document.body.append(img);
    });
    // violation reports come as tasks, in the order of what caused them: the image's comes after the
    // styles' (added before it was asked for), so once it is here every report is
    const deadline = performance.now() + 20_000;
    while (!violations.some((v) => v.startsWith('img-src')) && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    document.removeEventListener('securitypolicyviolation', listener);
    return {
      bodyPadding: getComputedStyle(document.body).paddingTop,
      surface: getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
      styleElement: getComputedStyle(target).color,
      styleAttribute: getComputedStyle(span).color,
      foreignImage,
      violations: violations.sort(),
    };
  });
}

async function avatarIn(frame: Frame): Promise<unknown> {
  await frame.waitForFunction(() => (document.getElementById('avatar')?.textContent ?? '') !== '');
  const parsed: unknown = JSON.parse((await frame.textContent('#avatar')) ?? 'null');
  return parsed;
}

it("refuses inline styles when the manifest does not allow them, but still runs the app, the bridge and the theme ('self')", async () => {
  const { page, frame, policy, console: lines, failedRequests } = await openPanel(strict);
  try {
    expect(policy).toContain(`style-src 'self' ${strict.url};`);
    expect(policy).not.toContain('unsafe-inline');
    const seen = await probe(frame);
    expect(seen.bodyPadding).toBe('0px'); // the fixture's own <style> (padding: 12px 16px) was refused
    expect(seen.surface).not.toBe(''); // /__tether/theme.css from view.theme.enable() is same-origin
    expect(seen.styleElement).not.toBe('rgb(1, 2, 3)');
    expect(seen.styleAttribute).not.toBe('rgb(4, 5, 6)');
    expect(seen.foreignImage).toBe(false);
    expect(seen.violations).toEqual([
      'img-src http://localhost:9/elsewhere.png',
      'style-src-attr inline',
      'style-src-elem inline',
    ]);
    // Chromium says so in the console: the page's own <style>, then the two the probe added
    expect(
      lines.filter((l) => /inline style .*Content Security Policy directive.*style-src 'self'/.test(l)),
    ).toHaveLength(3);
    // the avatar from requestJira('/rest/api/3/myself') is on the server: img-src lets it in
    expect(await avatarIn(frame)).toEqual({ loaded: true, width: 24, height: 24, origin: strict.url });
    expect(failedRequests.filter((r) => !r.startsWith('http://localhost:9/'))).toEqual([]);
  } finally {
    await page.close();
  }
});

it("applies inline styles with permissions.content.styles: ['unsafe-inline'], and shows the avatars", async () => {
  const { page, frame, policy, console: lines, failedRequests } = await openPanel(inline);
  try {
    expect(policy).toContain(`style-src 'self' ${inline.url} 'unsafe-inline';`);
    const seen = await probe(frame);
    expect(seen.bodyPadding).toBe('12px');
    expect(seen.styleElement).toBe('rgb(1, 2, 3)');
    expect(seen.styleAttribute).toBe('rgb(4, 5, 6)');
    // images stay limited to the site and the manifest's external.images
    expect(seen.foreignImage).toBe(false);
    expect(seen.violations).toEqual(['img-src http://localhost:9/elsewhere.png']);
    expect(lines.filter((l) => l.includes('inline style'))).toEqual([]);
    expect(await avatarIn(frame)).toEqual({ loaded: true, width: 24, height: 24, origin: inline.url });
    expect(failedRequests.filter((r) => !r.startsWith('http://localhost:9/'))).toEqual([]);
    expect(lines.filter((l) => l.includes('ERR_NAME_NOT_RESOLVED'))).toEqual([]);
  } finally {
    await page.close();
  }
});
