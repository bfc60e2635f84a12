/**
 * Issue 14 item 4 and issue 15 item 6, through the real UI on the demo organisation: the lead
 * links several unlinked issues of WEB to one objective in one action from "Work not tied" (its
 * count in the heading and at the top of the page), and they leave the list at once; then the
 * member finishes one of them in Jira's issue view, and the lead's open page — never reloaded —
 * shows the objective's new figure with "Updated just now", the detail still open.
 */
import type { Frame, Page } from 'playwright-core';
import { useTether } from './support/tether-e2e';
import { issueUrl, MODULES, openSurface, projectPageUrl, UI_TIMEOUT } from './support/walk';

jest.setTimeout(180_000);

const tether = useTether();
let lead: Page;
let member: Page;
let frame: Frame;
/** The objective linked to, the issues linked, and the objective's "done/all issues" before the member's change. */
let objectiveKey = '';
let linked: string[] = [];
let before = { done: 0, all: 0 };

beforeAll(async () => {
  lead = tether.page;
  member = await tether.chromium.browser.newPage();
});

const issuesOf = async (f: Frame, key: string) => {
  const text = await f
    .getByRole('tree', { name: 'Objectives of Checkout Squad' })
    .locator(`[role="treeitem"][data-objective-key="${key}"]`)
    .first()
    .innerText({ timeout: UI_TIMEOUT });
  const m = /(\d+)\/(\d+) issues?/.exec(text);
  return m ? { done: Number(m[1]), all: Number(m[2]) } : { done: 0, all: 0 };
};

const countIn = (text: string) => Number(/\((\d+)\+?\)/.exec(text)?.[1] ?? NaN);

describe('the project page stays current, and work is linked several at a time', () => {
  it('the lead links two unlinked issues to one objective in one action; they leave the list at once', async () => {
    frame = await openSurface(lead, projectPageUrl(tether, 'WEB', 'lead'), MODULES.projectPage);
    const heading = frame.getByRole('heading', { name: /^Work not tied \(\d+\+?\)$/ });
    await heading.waitFor({ timeout: UI_TIMEOUT });
    const countBefore = countIn(await heading.innerText());
    // the same count at the top of the page, and it takes the focus there
    const jump = frame.getByRole('link', { name: /^Work not tied \(\d+\+?\)$/ });
    expect(countIn(await jump.innerText())).toBe(countBefore);
    await jump.click();
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);

    // issues that count themselves: a sub-task first (never a container), then bugs and tasks
    const list = frame.getByRole('list', { name: 'Unlinked issues' });
    const typed = async (type: string) =>
      Promise.all(
        (
          await list
            .getByRole('listitem')
            .filter({ has: frame.getByText(type, { exact: true }) })
            .all()
        ).map(async (r) => (await r.getByRole('link').first().innerText()).trim()),
      );
    linked = [...(await typed('Sub-task')), ...(await typed('Bug')), ...(await typed('Task'))]
      .filter((k, i, all) => all.indexOf(k) === i)
      .slice(0, 2);
    expect(linked).toHaveLength(2);
    for (const key of linked) await list.getByRole('checkbox', { name: `Select ${key}`, exact: true }).check();
    const several = frame.getByRole('group', { name: 'Link several at once' });
    const picker = several.getByLabel('Objective for the selected issues');
    await picker.focus(); // the picker builds its options when the user comes to it
    const first = picker.locator('optgroup[label="Checkout Squad"] option').first();
    objectiveKey = /^O-\d+/.exec((await first.innerText()).trim())?.[0] ?? '';
    await picker.selectOption({ value: objectiveKey });
    before = await issuesOf(frame, objectiveKey);
    await several.getByRole('button', { name: `Link 2 to ${objectiveKey}` }).click();
    await frame.getByText(`2 issues now serve ${objectiveKey}.`).waitFor({ timeout: UI_TIMEOUT });
    for (const key of linked)
      await list.getByRole('link', { name: key, exact: true }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await frame.getByRole('heading', { name: `Work not tied (${countBefore - 2})` }).waitFor({ timeout: UI_TIMEOUT });
    // the view reloads after the link: the objective counts them
    await frame.waitForFunction(
      ([key, all]) =>
        Array.from(document.querySelectorAll(`[role="treeitem"][data-objective-key="${key}"]`)).some((r) => {
          const m = /\/(\d+) issues?/.exec(r.textContent ?? '');
          return m !== null && Number(m[1]) > all;
        }),
      [objectiveKey, before.all] as const,
      { timeout: UI_TIMEOUT },
    );
    before = await issuesOf(frame, objectiveKey);
  });

  it("the member finishes one in Jira; the lead's open page shows it without a reload, detail kept open", async () => {
    // the lead has the objective open while waiting
    await frame
      .getByRole('tree', { name: 'Objectives of Checkout Squad' })
      .locator(`[role="treeitem"][data-objective-key="${objectiveKey}"]`)
      .first()
      .click();
    const detail = frame.locator(`aside[aria-label="${objectiveKey} details"]`);
    await detail.waitFor({ timeout: UI_TIMEOUT });
    const url = lead.url();

    await member.bringToFront();
    await member.goto(issueUrl(tether, linked[0] ?? '', 'member'));
    await member.getByLabel('Status').selectOption({ label: 'Done' });
    await member.getByRole('button', { name: 'Move' }).click();
    await member
      .getByTestId('status')
      .filter({ hasText: /^Done$/ })
      .waitFor({ timeout: UI_TIMEOUT });

    // the page's own signals: its note, then the new figure on the row
    await lead.bringToFront();
    await frame.getByText('Updated just now').waitFor({ timeout: UI_TIMEOUT });
    await frame.waitForFunction(
      ([key, done]) =>
        Array.from(document.querySelectorAll(`[role="treeitem"][data-objective-key="${key}"]`)).some((r) =>
          new RegExp(`${done}/\\d+ issues`).test(r.textContent ?? ''),
        ),
      [objectiveKey, before.done + 1] as const,
      { timeout: UI_TIMEOUT },
    );
    expect(await issuesOf(frame, objectiveKey)).toEqual({ done: before.done + 1, all: before.all });
    expect(lead.url()).toBe(url);
    expect(await detail.isVisible()).toBe(true);
  });
});
