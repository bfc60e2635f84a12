/**
 * Every status and figure on the demo's project page explains itself (issue 14, "Done when"): as
 * the demo's lead sees it at 1024 and 1440 px, each objective's row says why its status is what it
 * is (the lozenge's tooltip and the row's description), and its detail shows the same reason beside
 * the lozenge and how its figure is made — the same percentage as the row, with the rule and the
 * inputs, or why there is no figure. Its contributing work agrees with the rollup: the counted issues
 * the line says are listed are the listed issues not marked "not counted", and the line's count is
 * the one in "Counted issues".
 */
import type { Frame } from 'playwright-core';
import { useTether } from './support/tether-e2e';
import { MODULES, openSurface, projectPageUrl, UI_TIMEOUT } from './support/walk';

jest.setTimeout(300_000);

const tether = useTether();

interface Row {
  key: string;
  why: string;
  tooltip: string;
}

/** Each objective row of the page's trees (context rows of other workgroups included), once per key. */
async function rowsOf(frame: Frame): Promise<Row[]> {
  return frame.evaluate(() => {
    const seen = new Map<string, { key: string; why: string; tooltip: string }>();
    for (const row of Array.from(document.querySelectorAll<HTMLElement>('[role="treeitem"][data-objective-key]'))) {
      const key = row.dataset.objectiveKey ?? '';
      if (seen.has(key)) continue;
      const lozenge = row.querySelector<HTMLElement>('.tether-row-body > span[title]');
      seen.set(key, { key, why: row.getAttribute('aria-description') ?? '', tooltip: lozenge?.title ?? '' });
    }
    return [...seen.values()];
  });
}

/** The detail's contributing work once Jira and Tether have answered: null while either is asked; `line` null when no issue is listed. */
async function contributingWork(frame: Frame, key: string) {
  const answer = await frame.waitForFunction(
    (objectiveKey) => {
      const aside = document.querySelector(`aside[aria-label="${objectiveKey} details"]`);
      if (aside === null || aside.textContent?.includes('Loading the issues…')) return null;
      const list = aside.querySelector(`ul[aria-label="Issues serving ${objectiveKey}"]`);
      const countedIssues = Array.from(aside.querySelectorAll('dt')).find((dt) => dt.textContent === 'Counted issues');
      const counted = countedIssues?.nextElementSibling?.textContent ?? null;
      if (list === null) return { line: null, unmarked: 0, counted };
      const line = aside.querySelector('[data-counted-vs-listed]')?.textContent ?? '';
      if (line === '' || line.startsWith('Checking')) return null;
      const unmarked = Array.from(list.querySelectorAll('li')).filter(
        (li) => !li.textContent?.includes('not counted'),
      ).length;
      return { line, unmarked, counted };
    },
    key,
    { timeout: UI_TIMEOUT },
  );
  return (await answer.jsonValue()) as { line: string | null; unmarked: number; counted: string | null };
}

/** "Off track: 44% done at 80% of the period; …" → "44%"; null for a status without a figure. */
const figureOf = (why: string) => /^[^:]+: (\d+(?:\.\d)?%) done/.exec(why)?.[1] ?? null;

describe.each([1024, 1440])('the demo project page at %i px', (width) => {
  it('explains every status and every figure it shows', async () => {
    await tether.page.setViewportSize({ width, height: 900 });
    const frame = await openSurface(tether.page, projectPageUrl(tether, 'WEB', 'lead'), MODULES.projectPage);
    await frame.getByRole('tree', { name: 'Objectives of Checkout Squad' }).waitFor({ timeout: UI_TIMEOUT });
    const rows = await rowsOf(frame);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const unexplained = rows.filter((r) => r.why === '' || r.tooltip !== r.why).map((r) => r.key);
    expect(unexplained).toEqual([]);

    let listed = 0;
    for (const row of rows) {
      await frame.locator(`[role="treeitem"][data-objective-key="${row.key}"]`).first().click();
      const detail = frame.locator(`aside[aria-label="${row.key} details"]`);
      // the reason beside the lozenge, word for word the row's
      await detail.getByText(row.why, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      // how the figure is made: the row's percentage, or why there is none
      const figure = figureOf(row.why);
      const heading = detail.getByRole('heading', {
        name: figure === null ? /^How (the figure|\d+(\.\d)?%) is made$/ : `How ${figure} is made`,
      });
      await heading.waitFor({ timeout: UI_TIMEOUT });
      // the contributing work: "10 issues counted: 8 listed here, …" — 8 listed issues unmarked, 10 in "Counted issues"
      const work = await contributingWork(frame, row.key);
      if (work.line !== null) {
        const m = /^(\d+) issues? counted(?:: (\d+) listed here|; the first (\d+) counted)/.exec(work.line);
        expect([row.key, m?.[2] ?? m?.[3]]).toEqual([row.key, String(work.unmarked)]);
        expect([row.key, m?.[1]]).toEqual([row.key, work.counted ?? '0']);
        listed += 1;
      }
      await detail.getByRole('button', { name: `Close the details of ${row.key}` }).click();
      await detail.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    }
    // the demo's objectives with work listed were compared
    expect(listed).toBeGreaterThan(0);
  });
});
