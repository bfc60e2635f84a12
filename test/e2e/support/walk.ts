/**
 * Small steps the user-story walks share: opening a surface as a persona (and theme), waiting for
 * a Jira flag, and reloading a page until what it shows has changed (the app updates from Jira's
 * events on its own; a page shows the news at its next load).
 */
import type { Frame, Page } from 'playwright-core';
import { FRAME_TIMEOUT, surfaceFrame, type Tether } from './tether-e2e';

export type Persona = 'admin' | 'lead' | 'member' | 'outsider';
export type Theme = 'light' | 'dark';

export const MODULES = {
  projectPage: 'tether-project-page',
  issuePanel: 'tether-issue-panel',
  adminPage: 'tether-admin-page',
  issueContext: 'tether-issue-context',
} as const;

/**
 * The longest any one wait on the UI may take. Generous, because a 2-core machine running other tests
 * (or anything else) may be slow; never a pause: every wait ends as soon as the real UI state is there.
 */
export const UI_TIMEOUT = 30_000;

export function projectPageUrl(tether: Tether, projectKey: string, as: Persona, theme: Theme = 'light'): string {
  return `${tether.url}/projects/${projectKey}?module=${MODULES.projectPage}&as=${as}&theme=${theme}`;
}

export function issueUrl(tether: Tether, issueKey: string, as: Persona, theme: Theme = 'light'): string {
  return `${tether.url}/browse/${issueKey}?as=${as}&theme=${theme}`;
}

export function adminUrl(tether: Tether, as: Persona, theme: Theme = 'light'): string {
  return `${tether.url}/admin?module=${MODULES.adminPage}&as=${as}&theme=${theme}`;
}

/** Brings the page to the front, goes to `url` and returns the module's frame once its app has rendered something (or `readySelector`). */
export async function openSurface(page: Page, url: string, moduleKey: string, readySelector?: string): Promise<Frame> {
  // a page in the background gets few animation frames, and Playwright waits on them before each click
  await page.bringToFront();
  await page.goto(url);
  return surfaceFrame(page, moduleKey, readySelector);
}

/**
 * Opens an issue and its Tether panel, as a user does: where the panel is not on the issue yet (a
 * strict host shows it only once someone added it, docs/forge-fidelity.md), from the apps button
 * beside the summary first. Returns the panel's frame once its app has rendered.
 */
export async function openIssuePanel(page: Page, url: string): Promise<Frame> {
  await page.bringToFront();
  await page.goto(url);
  await page.locator('[data-testid="issue-summary"]').waitFor({ timeout: FRAME_TIMEOUT });
  const add = page.locator(`[data-testid="add-panel"][data-module-key="${MODULES.issuePanel}"]`);
  if ((await add.count()) > 0) {
    await Promise.all([page.waitForNavigation(), add.click()]);
    // Jira says the panel was added; the user dismisses it before working in the panel (closing it
    // later would take the keyboard focus out of the panel's frame)
    const frame = await surfaceFrame(page, MODULES.issuePanel);
    await closeFlags(page);
    return frame;
  }
  return surfaceFrame(page, MODULES.issuePanel);
}

/**
 * Does `act` and waits for the flag it raises on the page (outside the frames), whose title
 * matches; returns the flag's text. Flags already shown are closed first, so an older flag with
 * the same title cannot answer for this one.
 */
export async function flagAfter(page: Page, title: string | RegExp, act: () => Promise<unknown>): Promise<string> {
  await closeFlags(page);
  await act();
  const flag = page
    .locator('.flag')
    .filter({ has: page.locator('.flag__title', { hasText: title }) })
    .first();
  await flag.waitFor({ timeout: UI_TIMEOUT });
  return (await flag.textContent()) ?? '';
}

/** Closes every flag on the page (they would also cover the bottom left of a screenshot). */
export async function closeFlags(page: Page): Promise<void> {
  for (const close of await page.locator('.flag__close').all()) await close.click();
}

/**
 * Reloads `url` until `read` (on the fresh frame) returns something `done` accepts, and returns it.
 * Each read waits on the page's own state; the loop only gives the app's event handling the
 * moments it needs between loads.
 */
export async function reloadUntil<T>(
  page: Page,
  url: string,
  moduleKey: string,
  read: (frame: Frame) => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = UI_TIMEOUT,
): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const frame = await openSurface(page, url, moduleKey);
    const value = await read(frame);
    if (done(value) || performance.now() > until) return value;
  }
}
