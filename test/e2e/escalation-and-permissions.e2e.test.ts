/**
 * Story 5 of PRODUCT.md "What done looks like" and the permission checks, on the demo organisation:
 *
 * - An objective falls behind: its owner (the member) checks in with confidence dropping from high
 *   to low on the project page; the owner of its parent objective (the lead) finds the escalation in
 *   their inbox on the project page and acknowledges it with a choice, which the objective's detail
 *   then shows as a decision (the demo leaves the lead room under the weekly cap for it).
 * - Refusals: the lead asks for an organisation-level objective, which only Jira administrators may
 *   create, and sees the server's refusal in the form; an objective the lead restricts disappears for
 *   the outsider, who is not in its workgroup.
 */
import type { Frame } from 'playwright-core';
import { useTether } from './support/tether-e2e';
import { flagAfter, MODULES, openSurface, projectPageUrl, UI_TIMEOUT, type Persona } from './support/walk';

jest.setTimeout(180_000);

const BEHIND = 'Deliver one-page checkout';
const PARENT = 'Checkout rebuilt end to end';
const RESTRICT = 'Find it in one search';
const CHILD_OF_RESTRICTED = 'Deliver search relevance';

const tether = useTether();

async function projectPage(as: Persona): Promise<Frame> {
  const frame = await openSurface(tether.page, projectPageUrl(tether, 'WEB', as), MODULES.projectPage);
  await frame.getByRole('tree', { name: 'Objectives of Checkout Squad' }).waitFor({ timeout: UI_TIMEOUT });
  return frame;
}

/** Opens an objective's detail from its (first) row, found by title; returns its key and the detail. */
async function openObjective(
  frame: Frame,
  title: string,
): Promise<{ key: string; detail: ReturnType<Frame['locator']> }> {
  const row = frame
    .locator('[role="treeitem"]')
    .filter({ has: frame.locator('[data-title]', { hasText: new RegExp(`^${title}$`) }) })
    .first();
  const key = (await row.getAttribute('data-objective-key', { timeout: UI_TIMEOUT })) ?? '';
  await row.click();
  const detail = frame.locator(`aside[aria-label="${key} details"]`);
  await detail.getByRole('heading', { name: title }).waitFor({ timeout: UI_TIMEOUT });
  return { key, detail };
}

describe('an objective falls behind and its parent owner decides', () => {
  let key = '';

  it('the owner checks in with confidence dropping from high to low', async () => {
    const frame = await projectPage('member');
    const opened = await openObjective(frame, BEHIND);
    key = opened.key;
    const { detail } = opened;
    expect(await detail.innerText()).toContain('Confidence: High.');
    expect(
      await detail
        .getByRole('listitem')
        .filter({ hasText: /^Serves:/ })
        .innerText(),
    ).toContain(PARENT);
    await detail.getByRole('button', { name: 'Check in', exact: true }).first().click();
    const form = detail.getByRole('form', { name: `Check in on ${key}` });
    await form.getByLabel('Confidence').selectOption({ label: 'Low' });
    await form.getByLabel('Note').fill('The payment provider moved its API freeze; we will miss the date.');
    await flagAfter(tether.page, `Check-in recorded on ${key}`, () =>
      form.getByRole('button', { name: 'Record check-in' }).click(),
    );
    await detail.getByText('Confidence: Low.').waitFor({ timeout: UI_TIMEOUT });
  });

  it("the parent objective's owner finds the escalation in their inbox and acknowledges it with a choice", async () => {
    const frame = await projectPage('lead');
    const inbox = frame.getByRole('region', { name: /^Your prompts/ });
    // with more than two prompts the inbox starts folded: the lead opens it from its heading
    const fold = inbox.getByRole('button', { name: /^Your prompts/ });
    if ((await fold.getAttribute('aria-expanded', { timeout: UI_TIMEOUT })) === 'false') await fold.click();
    const card = inbox.getByRole('listitem', { name: new RegExp(`^Escalation: .*${BEHIND}`) });
    await card.waitFor({ timeout: UI_TIMEOUT });
    expect(await card.innerText()).toContain(`${key} ${BEHIND}`);
    await card.getByRole('button', { name: 'Answer' }).click();
    const form = card.getByRole('form', { name: /^Answer: / });
    await form.getByLabel('What will you do?').selectOption({ label: 'Adjust the scope' });
    await form.getByLabel('Note').fill('Saved cards move to next quarter; guest checkout ships first.');
    await flagAfter(tether.page, 'Thanks: your answer is recorded', () =>
      form.getByRole('button', { name: 'Send answer' }).click(),
    );
    await card.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

    // the decision is kept on the objective, for whoever opens it
    const { detail } = await openObjective(frame, BEHIND);
    const decisions = detail.getByRole('list', { name: `Decisions on ${key}` });
    await decisions.waitFor({ timeout: UI_TIMEOUT });
    const decided = await decisions.innerText();
    expect(decided).toContain('Decided: Adjust the scope');
    expect(decided).toContain('Saved cards move to next quarter; guest checkout ships first.');
  });
});

describe('what a persona may not do or see', () => {
  it("the lead asks for an organisation-level objective and sees the server's refusal", async () => {
    const frame = await projectPage('lead');
    await frame.getByRole('button', { name: 'Create objective' }).first().click();
    const form = frame.getByRole('form', { name: 'Create objective' });
    await form.getByLabel('Title').fill('Be the most trusted shop in Europe');
    await form.getByLabel('Workgroup').selectOption({ label: 'Checkout Squad' });
    await form.getByLabel('Level').selectOption({ label: 'Organisation priority' });
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    const refusal = form.getByRole('alert').filter({ hasText: "You don't have permission to do this" });
    await refusal.waitFor({ timeout: UI_TIMEOUT });
    expect(await refusal.innerText()).toContain('Only Jira administrators can create organisation objectives');
    // nothing typed is lost, and nothing was created
    expect(await form.getByLabel('Title').inputValue()).toBe('Be the most trusted shop in Europe');
    const again = await projectPage('lead');
    expect(await again.getByText('Be the most trusted shop in Europe').count()).toBe(0);
  });

  it('an objective the lead restricts is hidden from the outsider, who is not in its workgroup', async () => {
    const outsiderView = await projectPage('outsider');
    const mobile = outsiderView.getByRole('tree', { name: 'Objectives of Mobile Experience' });
    await mobile
      .locator('[data-title]', { hasText: new RegExp(`^${RESTRICT}$`) })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });

    const frame = await projectPage('lead');
    const { key, detail } = await openObjective(frame, RESTRICT);
    await detail.getByRole('button', { name: 'Edit objective' }).click();
    const form = detail.getByRole('form', { name: `Edit ${key}` });
    await form.getByLabel('Visibility').selectOption({ label: 'Restricted: the workgroup and the owner' });
    await flagAfter(tether.page, `${key} saved`, () => form.getByRole('button', { name: 'Save', exact: true }).click());
    await detail.getByText('Restricted', { exact: true }).waitFor({ timeout: UI_TIMEOUT });

    const hidden = await projectPage('outsider');
    const tree = hidden.getByRole('tree', { name: 'Objectives of Mobile Experience' });
    await tree.locator('[role="treeitem"]').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await hidden.locator(`[role="treeitem"][data-objective-key="${key}"]`).count()).toBe(0);
    expect(await hidden.getByText(RESTRICT, { exact: true }).count()).toBe(0);
    // an objective serving it says its parent is out of sight, without naming it
    const child = await openObjective(hidden, CHILD_OF_RESTRICTED);
    await child.detail
      .getByText('The parent is outside what you may see on this page.')
      .waitFor({ timeout: UI_TIMEOUT });
    expect(await child.detail.innerText()).not.toContain(RESTRICT);
  });
});
