/**
 * Each surface in light and dark, with its richest state open: axe-core finds no serious or
 * critical violation (project page with an objective's detail open, issue panel with the link
 * picker open, admin page on the objectives tree, the issue context, the organisation page), and
 * screenshots of each are written as
 * {project-page,issue-panel,issue-context,organisation-page,admin-page}-{light,dark}.png to test-output/screenshots, or to
 * docs/screenshots for the README by `npm run screenshots` (support/screenshots.ts).
 */
import type { Frame } from 'playwright-core';
import { seriousViolations } from './support/accessibility';
import { screenshot } from './support/screenshots';
import { surfaceFrame, useTether } from './support/tether-e2e';
import {
  adminUrl,
  closeFlags,
  issueUrl,
  MODULES,
  openIssuePanel,
  openSurface,
  projectPageUrl,
  UI_TIMEOUT,
  type Theme,
} from './support/walk';

jest.setTimeout(180_000);

const tether = useTether();

/** The frame's <html> follows the page's theme (view.theme.enable()). */
async function expectTheme(frame: Frame, theme: Theme): Promise<void> {
  expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
}

/** Everything the frame will draw is drawn: no spinner or skeleton is left. */
async function settled(frame: Frame): Promise<void> {
  await frame
    .locator('[aria-busy="true"], [role="status"][aria-label^="Loading"]')
    .first()
    .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe.each<Theme>(['light', 'dark'])('in the %s theme', (theme) => {
  it('the project page, with an objective and its key results open beside the tree', async () => {
    const frame = await openSurface(tether.page, projectPageUrl(tether, 'WEB', 'lead', theme), MODULES.projectPage);
    await frame.getByRole('tree', { name: 'Objectives of Checkout Squad' }).waitFor({ timeout: UI_TIMEOUT });
    await expectTheme(frame, theme);
    const row = frame
      .locator('[role="treeitem"]')
      .filter({ has: frame.locator('[data-title]', { hasText: /^Fewer payment support tickets$/ }) })
      .first();
    const key = await row.getAttribute('data-objective-key');
    await row.click();
    const detail = frame.locator(`aside[aria-label="${key} details"]`);
    await detail.getByRole('heading', { name: 'Key results' }).waitFor({ timeout: UI_TIMEOUT });
    await detail.getByRole('heading', { name: 'Check-ins' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(frame);
    expect(await seriousViolations(frame)).toEqual([]);
    await closeFlags(tether.page);
    // back to the top (opening the row scrolled to it): the header, the inbox and the detail beside the tree
    await frame.evaluate(() => window.scrollTo(0, 0));
    await tether.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(tether.page, `project-page-${theme}`);
  });

  it('the issue panel of a story served through its epic, then with the link picker open', async () => {
    const frame = await openIssuePanel(tether.page, issueUrl(tether, 'WEB-8', 'member', theme));
    await frame.getByRole('heading', { name: 'What WEB-8 serves' }).waitFor({ timeout: UI_TIMEOUT });
    await frame
      .getByText(/^Through/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await expectTheme(frame, theme);
    await settled(frame);
    await screenshot(tether.page, `issue-panel-${theme}`);
    await frame.getByRole('button', { name: 'Link to an objective' }).click();
    await frame.getByRole('combobox', { name: 'Link WEB-8 to' }).waitFor({ timeout: UI_TIMEOUT });
    await tether.page.keyboard.type('checkout');
    await frame.getByRole('option').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await seriousViolations(frame)).toEqual([]);
  });

  it('the issue context of a story served through its epic, as its assignee sees it without a click', async () => {
    const frame = await openSurface(tether.page, issueUrl(tether, 'WEB-8', 'member', theme), MODULES.issueContext);
    await frame.getByRole('heading', { name: 'What WEB-8 serves', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await expectTheme(frame, theme);
    await settled(frame);
    expect(await seriousViolations(frame)).toEqual([]);
    await screenshot(tether.page, `issue-context-${theme}`);
  });

  it("the organisation's objectives (Jira's Apps menu), as a lead sees them", async () => {
    await tether.page.bringToFront();
    await tether.page.goto(`${tether.url}/apps/objectives?as=lead&theme=${theme}`);
    const frame = await surfaceFrame(tether.page, 'tether-objectives-page');
    await frame.getByRole('region', { name: "The organisation's objectives" }).waitFor({ timeout: UI_TIMEOUT });
    await frame.getByRole('listitem').first().waitFor({ timeout: UI_TIMEOUT });
    await expectTheme(frame, theme);
    await settled(frame);
    expect(await seriousViolations(frame)).toEqual([]);
    await closeFlags(tether.page);
    await screenshot(tether.page, `organisation-page-${theme}`);
  });

  it('the admin page, on the organisation objectives tree', async () => {
    const frame = await openSurface(tether.page, adminUrl(tether, 'admin', theme), MODULES.adminPage, '[role="tab"]');
    await expectTheme(frame, theme);
    await frame.getByRole('tab', { name: 'Objectives' }).click();
    const panel = frame.locator('[role="tabpanel"]:not([hidden])');
    await panel
      .getByRole('list', { name: 'Objectives' })
      .getByRole('listitem')
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await settled(frame);
    expect(await seriousViolations(frame)).toEqual([]);
    await closeFlags(tether.page);
    await screenshot(tether.page, `admin-page-${theme}`);
  });
});
