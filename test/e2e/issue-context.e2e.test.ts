/**
 * The issue context (issue 15 item 1, issue 12 B's last clause): on the strict host, where the
 * issue panel shows only once a user adds it, every issue still shows what it serves, in the
 * context area, without a click.
 *
 * - The member opens a story whose epic serves an objective, without adding the panel: the context
 *   names the objective, its status, "through" the epic and the story's share; light and dark, axe.
 * - The member answers an outcome review about another issue in the context.
 * - An admin restricts an objective of the Platform Team; the outsider (in the checkout squad, not
 *   in that team) opens a story serving it and sees neither its key nor its title, while the member,
 *   in the team, still does.
 */
import type { Frame } from 'playwright-core';
import { callResolver } from '../../local/app-calls/resolver-caller';
import { DEMO_ACCOUNTS } from '../../local/jira/seed';
import { seriousViolations } from './support/accessibility';
import { surfaceFrame, useTether } from './support/tether-e2e';
import {
  flagAfter,
  issueUrl,
  MODULES,
  openSurface,
  projectPageUrl,
  UI_TIMEOUT,
  type Persona,
  type Theme,
} from './support/walk';

jest.setTimeout(180_000);

const STORY = 'WEB-8';
const EPIC = 'WEB-6';
const SERVED = 'Deliver one-page checkout';
/** A story under an epic of the Platform Team's objective: the outsider may browse it, but is not in that workgroup. */
const PLATFORM_STORY = 'WEB-61';
const RESTRICTED = 'Deliver page speed';

const tether = useTether();

/** Opens an issue as `as`, adds nothing, and returns the context's frame once it shows what the issue serves. */
async function issueContext(issueKey: string, as: Persona, theme: Theme = 'light'): Promise<Frame> {
  const page = tether.page;
  await page.bringToFront();
  await page.goto(issueUrl(tether, issueKey, as, theme));
  await page
    .locator('[data-testid="issue-summary"]')
    .waitFor({ timeout: UI_TIMEOUT })
    .catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${page.url()}\n${(await page.locator('body').innerText()).slice(0, 600)}`);
    });
  const frame = await surfaceFrame(page, MODULES.issueContext);
  await frame.getByRole('heading', { name: `What ${issueKey} serves`, exact: true }).waitFor({ timeout: UI_TIMEOUT });
  return frame;
}

/** The context has drawn everything: no skeleton and no refresh under way. */
async function settled(frame: Frame): Promise<void> {
  await frame
    .locator('[aria-busy="true"], [role="status"][aria-label^="Loading"]')
    .first()
    .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe.each<Theme>(['light', 'dark'])('the member, in the %s theme', (theme) => {
  it(`sees what ${STORY} serves through its epic without adding the panel`, async () => {
    const frame = await issueContext(STORY, 'member', theme);
    // the strict host: the panel is not on the issue, only offered from the apps button
    expect(await tether.page.locator(`iframe[data-module-key="${MODULES.issuePanel}"]`).count()).toBe(0);
    expect(
      await tether.page.locator(`[data-testid="add-panel"][data-module-key="${MODULES.issuePanel}"]`).count(),
    ).toBe(1);
    const served = frame
      .getByRole('listitem')
      .filter({ has: frame.getByRole('heading', { name: new RegExp(`${SERVED}$`) }) });
    await served.waitFor({ timeout: UI_TIMEOUT });
    const text = await served.innerText();
    expect(text).toContain(`Through ${EPIC} (its parent)`);
    expect(text).toMatch(
      /ON TRACK|AT RISK|OFF TRACK|STALE|DONE|NO MEASURE|On track|At risk|Off track|Stale|Done|No measure/,
    );
    expect(text).toMatch(new RegExp(`${STORY} (counts for|is not counted itself)`));
    expect(await frame.locator('html').getAttribute('data-color-mode')).toBe(theme);
    await settled(frame);
    expect(await seriousViolations(frame)).toEqual([]);
  });
});

describe('a question for the member', () => {
  it('answers an outcome review of an issue they finished, in its context', async () => {
    // which issue the demo's outcome reviews are about: the member's inbox, as the app keeps it
    const inbox = await callResolver(
      tether.host,
      { accountId: DEMO_ACCOUNTS.member, moduleKey: MODULES.projectPage, name: 'member' },
      'prompts/inbox',
      {},
    );
    const review = inbox.prompts.find((p) => p.kind === 'outcome-review' && p.subject.type === 'issue');
    if (review === undefined || review.subject.type !== 'issue')
      throw new Error('the demo gives the member no outcome review');
    const issueKey = review.subject.issueKey;
    const frame = await issueContext(issueKey, 'member');
    const card = frame.getByRole('listitem').filter({ has: frame.getByRole('heading', { name: /^Outcome review/ }) });
    await card.first().waitFor({ timeout: UI_TIMEOUT });
    const first = card.first();
    const before = await frame.locator('li[aria-labelledby^="context-prompt-"]').count();
    await first.getByRole('radio', { name: 'Fully' }).check();
    await first.getByLabel('What made the difference? (optional)').fill('The release train kept it moving.');
    expect(await seriousViolations(frame)).toEqual([]);
    const flag = await flagAfter(tether.page, 'Thanks, your review is recorded', () =>
      first.getByRole('button', { name: 'Send answer' }).click(),
    );
    expect(flag).toContain(`${issueKey}`);
    expect(flag).toContain('fully');
    // answered: the server has it, and it has left the context
    await frame.waitForFunction(
      (n) => document.querySelectorAll('li[aria-labelledby^="context-prompt-"]').length === n,
      before - 1,
      { timeout: UI_TIMEOUT },
    );
  });
});

describe('a restricted objective', () => {
  it('an admin restricts the objective a story serves through its epic', async () => {
    const frame = await openSurface(tether.page, projectPageUrl(tether, 'WEB', 'admin'), MODULES.projectPage);
    const row = frame
      .locator('[role="treeitem"]')
      .filter({ has: frame.locator('[data-title]', { hasText: new RegExp(`^${RESTRICTED}$`) }) })
      .first();
    const key = (await row.getAttribute('data-objective-key', { timeout: UI_TIMEOUT })) ?? '';
    await row.click();
    const detail = frame.locator(`aside[aria-label="${key} details"]`);
    await detail.getByRole('button', { name: 'Edit objective' }).click();
    const form = detail.getByRole('form', { name: `Edit ${key}` });
    await form.getByLabel('Visibility').selectOption({ label: 'Restricted: the workgroup and the owner' });
    await flagAfter(tether.page, `${key} saved`, () => form.getByRole('button', { name: 'Save', exact: true }).click());
    await detail.getByText('Restricted', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  });

  it(`the outsider sees neither its key nor its title on ${PLATFORM_STORY}`, async () => {
    const frame = await issueContext(PLATFORM_STORY, 'outsider');
    await settled(frame);
    // it is told that the story serves something it may not see, never what
    await frame
      .getByText(new RegExp(`^${PLATFORM_STORY} serves (an objective|\\d+ objectives) you cannot see`))
      .waitFor({ timeout: UI_TIMEOUT });
    const text = await frame.locator('body').innerText();
    expect(text).not.toContain(RESTRICTED);
    expect(text).not.toMatch(/\bO-\d+\b/);
    expect(await seriousViolations(frame)).toEqual([]);
  });

  it('the member, in its workgroup, still sees it', async () => {
    const frame = await issueContext(PLATFORM_STORY, 'member');
    await frame.getByRole('heading', { name: new RegExp(`${RESTRICTED}$`) }).waitFor({ timeout: UI_TIMEOUT });
  });
});
