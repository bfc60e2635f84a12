/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CountedListed, ListedWork, PayloadIn } from '@contract/api';
import type { Reply } from '@contract/errors';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, ok, renderSurface } from '../support/render-surface';
import type { FakeIssue } from './fake-jira';
import { callsOf, pageHost } from './page-host';

/** What the viewer's Jira search lists for O-2: an epic whose stories they cannot see, a story with a sub-task, the sub-task, and a story the rollup has not counted yet. */
const LISTED: FakeIssue[] = [
  { key: 'SHOP-1', summary: 'Wallets', type: 'Epic', status: 'In Progress', category: 'indeterminate' },
  { key: 'SHOP-3', summary: 'Google Pay', subtasks: ['SHOP-4'], status: 'Done', category: 'done' },
  { key: 'SHOP-4', summary: 'Test cards', type: 'Sub-task', parent: 'SHOP-3', status: 'Done', category: 'done' },
  { key: 'SHOP-9', summary: 'Refunds', status: 'To Do', category: 'new' },
];

/** The server's verdicts: SHOP-1's stories are in a project this viewer cannot browse. */
const VERDICTS: Record<string, ListedWork> = {
  'SHOP-1': 'container',
  'SHOP-3': 'container',
  'SHOP-4': 'counted',
  'SHOP-9': 'not-serving',
};

/** The server's answer: the rollup counts 4 issues (as the page's O-2 record says), SHOP-4 and three the viewer cannot see. */
function counted(p: PayloadIn<'contributions/counted'>, total = 4): CountedListed {
  return {
    objectiveKey: p.objectiveKey,
    counted: total,
    issues: p.issueKeys.flatMap((issueKey) => (VERDICTS[issueKey] ? [{ issueKey, work: VERDICTS[issueKey] }] : [])),
  };
}

async function openO2(user: ReturnType<typeof userEvent.setup>) {
  const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
  return screen.findByRole('complementary', { name: 'O-2 details' });
}

const rowText = (list: HTMLElement, key: string) =>
  within(list)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith(key))?.textContent;

describe('project page: contributing work, as the server counts it', () => {
  it('marks an epic whose stories the viewer cannot see as not counted, and counts those stories as the ones they cannot see', async () => {
    const user = userEvent.setup();
    const host = pageHost({ 'contributions/counted': (p) => ok(counted(p)) }, (jql) =>
      jql.startsWith('objective = O-2') ? LISTED : [],
    );
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const list = await within(detail).findByRole('list', { name: 'Issues serving O-2' });
    expect(
      await within(detail).findByText(
        '4 issues counted: 1 listed here, 3 you cannot see. 2 listed issues are not counted: their sub-tasks or child issues count instead. 1 listed issue is not counted yet.',
      ),
    ).toBeTruthy();
    expect(rowText(list, 'SHOP-1')).toContain('not counted: has child issues');
    expect(rowText(list, 'SHOP-3')).toContain('not counted: has sub-tasks');
    expect(rowText(list, 'SHOP-4')).not.toContain('not counted');
    expect(rowText(list, 'SHOP-9')).toContain('not counted yet');
    expect(within(detail).getByText('Counted issues').nextElementSibling?.textContent).toBe('4');
    // asked once, with the keys Jira listed, in its order
    expect(callsOf(host, 'contributions/counted')).toEqual([
      { objectiveKey: 'O-2', issueKeys: ['SHOP-1', 'SHOP-3', 'SHOP-4', 'SHOP-9'] },
    ]);
  });

  it('lists the issues without marks while the server is asked, and without a guess when it cannot answer', async () => {
    const user = userEvent.setup();
    let answer: (reply: Reply<CountedListed>) => void = () => undefined;
    const host = pageHost({ 'contributions/counted': () => new Promise((resolve) => (answer = resolve)) }, (jql) =>
      jql.startsWith('objective = O-2') ? LISTED : [],
    );
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const list = await within(detail).findByRole('list', { name: 'Issues serving O-2' });
    expect(within(detail).getByText('Checking which of these issues count…')).toBeTruthy();
    expect(list.textContent).not.toContain('not counted');
    answer(fail('UNAVAILABLE', 'Storage is busy'));
    await waitFor(() => expect(within(detail).queryByText('Checking which of these issues count…')).toBeNull());
    expect(list.textContent).not.toContain('not counted');
    expect(within(detail).queryByText(/you cannot see/)).toBeNull();
  });
});
