/**
 * Story 1, the admin (PRODUCT.md "What done looks like"): on the admin page they keep the default
 * levels, add a period, check the demo's three workgroups and create a fourth with the people
 * picker, create an organisation objective, and preview an objectives file with a bad reference:
 * the problem is shown where it is and nothing is written. Someone who is not a Jira
 * administrator is refused the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { useTether } from './support/tether-e2e';
import { adminUrl, flagAfter, MODULES, openSurface, UI_TIMEOUT } from './support/walk';

jest.setTimeout(180_000);

const tether = useTether();
let admin: Frame;
let fileDir: string;

const nextYear = new Date().getUTCFullYear() + 1;
const PERIOD = { name: `${nextYear} H1`, start: `${nextYear}-01-01`, end: `${nextYear}-06-30` };
const OBJECTIVE = 'Payments are trusted in every market';
const IMPORTED = 'An imported objective that must not be written';

beforeAll(() => {
  fileDir = mkdtempSync(join(tmpdir(), 'tether-e2e-file-'));
});

afterAll(() => {
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

/** Selects a tab and returns its panel (the other panels stay in the page, hidden). */
async function openTab(name: string): Promise<Locator> {
  await admin.getByRole('tab', { name }).click();
  await admin.locator('[role="tab"][aria-selected="true"]', { hasText: name }).waitFor({ timeout: UI_TIMEOUT });
  return admin.locator('[role="tabpanel"]:not([hidden])');
}

describe('the admin sets up the hierarchy on the admin page', () => {
  it('keeps the default levels: the four levels of performance management, nothing to save', async () => {
    admin = await openSurface(tether.page, adminUrl(tether, 'admin'), MODULES.adminPage, '[role="tab"]');
    const panel = await openTab('Levels');
    const names = panel.getByRole('textbox', { name: /^Name of level \d+$/ });
    await names.first().waitFor({ timeout: UI_TIMEOUT });
    const values = await Promise.all((await names.all()).map((n) => n.inputValue()));
    expect(values).toEqual(['Organisation priority', 'Strategic', 'Programme', 'Workgroup']);
    expect(await panel.getByRole('button', { name: 'Save levels' }).isDisabled()).toBe(true);
  });

  it('adds a period with the form', async () => {
    const panel = await openTab('Periods');
    const form = panel.getByRole('form', { name: 'New period' });
    await form.getByLabel('Name').fill(PERIOD.name);
    await form.getByLabel('Start').fill(PERIOD.start);
    await form.getByLabel('End').fill(PERIOD.end);
    await flagAfter(tether.page, `Period ${PERIOD.name} created`, () =>
      form.getByRole('button', { name: 'Create period' }).click(),
    );
    const row = panel.getByRole('row').filter({ hasText: PERIOD.name });
    await row.waitFor({ timeout: UI_TIMEOUT });
    // dates as every surface writes them (static/shared/src/dates.ts): next year's carry their year
    expect((await row.getByRole('cell').allInnerTexts()).slice(0, 4)).toEqual([
      PERIOD.name,
      `1 Jan ${nextYear}`,
      `30 Jun ${nextYear}`,
      'Open',
    ]);
    // the form is empty again for the next one
    expect(await form.getByLabel('Name').inputValue()).toBe('');
  });

  it("shows the demo's three workgroups and creates a fourth, its lead and member picked from Jira's people by keyboard", async () => {
    const panel = await openTab('Workgroups');
    for (const [name, kind] of [
      ['Checkout Squad', 'Squad'],
      ['Mobile Experience', 'Cross-functional team'],
      ['Platform Team', 'Permanent team'],
    ]) {
      await panel.getByRole('row').filter({ hasText: name }).filter({ hasText: kind }).waitFor({ timeout: UI_TIMEOUT });
    }
    await panel.getByRole('button', { name: 'Create workgroup' }).click();
    const form = panel.getByRole('form', { name: 'New workgroup' });
    await form.getByLabel('Name').fill('Payments Guild');
    await form.getByLabel('Kind').selectOption({ label: 'Delivery group' });
    const leads = form.getByRole('combobox', { name: 'Leads' });
    await leads.click();
    await tether.page.keyboard.type('Ada');
    await form.getByRole('option', { name: /Ada Admin/ }).waitFor({ timeout: UI_TIMEOUT });
    await tether.page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Remove Ada Admin from leads' }).waitFor({ timeout: UI_TIMEOUT });
    const members = form.getByRole('combobox', { name: 'Members' });
    await members.click();
    await tether.page.keyboard.type('Mia');
    await form.getByRole('option', { name: /Mia Member/ }).waitFor({ timeout: UI_TIMEOUT });
    await tether.page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Remove Mia Member from members' }).waitFor({ timeout: UI_TIMEOUT });
    await form.getByLabel('Jira projects').fill('web');
    await flagAfter(tether.page, 'Workgroup Payments Guild created', () =>
      form.getByRole('button', { name: 'Create workgroup' }).click(),
    );
    const row = panel.getByRole('row').filter({ hasText: 'Payments Guild' });
    await row.waitFor({ timeout: UI_TIMEOUT });
    const cells = (await row.getByRole('cell').allInnerTexts()).slice(0, 5).map((c) => c.trim());
    expect(cells).toEqual(['Payments Guild', 'Delivery group', 'Ada Admin', '1', 'WEB']);
  });

  it('creates an organisation objective in the new period', async () => {
    const panel = await openTab('Objectives');
    await panel.getByLabel('Period', { exact: true }).selectOption({ label: PERIOD.name });
    await panel.getByText('No objectives in this period').waitFor({ timeout: UI_TIMEOUT });
    await panel.getByRole('button', { name: 'New objective' }).click();
    const form = panel.getByRole('form', { name: 'New objective' });
    await form.getByLabel('Title').fill(OBJECTIVE);
    expect(await form.getByLabel('Level').inputValue()).toBe('organisation');
    expect(await form.getByLabel('Serves').inputValue()).toBe('');
    const flag = await flagAfter(tether.page, /^O-\d+ created$/, () =>
      form.getByRole('button', { name: 'Create objective' }).click(),
    );
    const key = /O-\d+/.exec(flag)?.[0];
    expect(flag).toContain(OBJECTIVE);
    const tree = panel.getByRole('list', { name: 'Objectives' });
    const row = tree.getByRole('listitem', { name: `${key} ${OBJECTIVE}` });
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.innerText()).toContain('Organisation priority');
  });

  it('previews an objectives file with a bad reference: the problem at its location, nothing written', async () => {
    const file = join(fileDir, 'objectives.yaml');
    writeFileSync(
      file,
      [
        'format: tether-objectives/1',
        'periods:',
        `  - { id: e2e-imported, name: Imported period, start: ${nextYear}-07-01, end: ${nextYear}-12-31 }`,
        'objectives:',
        '  - key: O-900',
        `    title: ${IMPORTED}`,
        '    level: strategic',
        '    period: e2e-imported',
        '    owner: local-admin',
        '    parent: O-899',
        '',
      ].join('\n'),
    );
    const transfer = await openTab('Import and export');
    await transfer.getByLabel('Objectives file').setInputFiles(file);
    const problems = transfer.getByRole('region', { name: 'Problems in the file' });
    await problems.waitFor({ timeout: UI_TIMEOUT });
    expect(await problems.innerText()).toContain('Nothing has been written.');
    const where = await problems.getByRole('row').filter({ hasText: 'objectives.0.parent' }).innerText();
    expect(where).toContain('O-899');
    expect(await transfer.getByRole('button', { name: 'Apply import' }).isDisabled()).toBe(true);

    // nothing was written: neither the file's period nor its objective exists
    const panel = await openTab('Objectives');
    const periods = await panel.getByLabel('Period', { exact: true }).locator('option').allInnerTexts();
    expect(periods.join('|')).not.toContain('Imported period');
    await panel.getByLabel('Period', { exact: true }).selectOption({ label: 'All periods' });
    await panel
      .getByRole('list', { name: 'Objectives' })
      .getByRole('listitem', { name: new RegExp(`^O-\\d+ ${OBJECTIVE}$`) })
      .waitFor({ timeout: UI_TIMEOUT });
    expect(await admin.getByText(IMPORTED).count()).toBe(0);
  });
});

describe('someone who is not a Jira administrator', () => {
  it('is refused the admin page: no app frame, the reason instead', async () => {
    const denied = await tether.chromium.browser.newPage();
    try {
      const response = await denied.goto(adminUrl(tether, 'member'));
      expect(response?.status()).toBe(403);
      await denied.getByText("You don't have access to this page.").waitFor({ timeout: UI_TIMEOUT });
      expect(await denied.locator('main').innerText()).toContain('Mia Member is not one');
      expect(await denied.locator(`iframe[data-module-key="${MODULES.adminPage}"]`).count()).toBe(0);
    } finally {
      await denied.close();
    }
  });
});
