/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { BLOCK_ROWS } from '../../../static/project-page/src/tree-window';
import { fail, ok, renderSurface } from '../support/render-surface';
import { aPage, anEntry, LEAD } from './page-builders';
import { callsOf, pageHost } from './page-host';

function treeOf(name: string) {
  return screen.getByRole('tree', { name: `Objectives of ${name}` });
}

function itemNames(tree: HTMLElement): string[] {
  return within(tree)
    .getAllByRole('treeitem')
    .map((item) => `${item.dataset.objectiveKey ?? ''} ${item.querySelector('[data-title]')?.textContent ?? ''}`);
}

describe('project page: the tree', () => {
  it("shows each workgroup's objectives under the organisation objective they serve, with status, progress and owner", async () => {
    const host = pageHost();
    renderSurface(<ProjectPage />, host);
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    expect(itemNames(tree)).toEqual([
      'O-1 Customers pay without friction',
      'O-2 Checkout converts better',
      'O-4 One-click payment',
      'O-3 Faster page loads',
    ]);
    const o2 = within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ });
    expect(o2.getAttribute('aria-level')).toBe('2');
    expect(
      within(tree)
        .getByRole('treeitem', { name: /^O-4 One-click payment/ })
        .getAttribute('aria-level'),
    ).toBe('3');
    expect(within(o2).getAllByText('At risk').length).toBeGreaterThan(0);
    expect(within(o2).getByText('25%')).toBeTruthy();
    // owners' names come from Jira (one bulk look-up)
    expect(await within(o2).findByText('Ana Alves')).toBeTruthy();
    expect(host.jiraRequests.filter((r) => r.path.startsWith('/rest/api/3/user/bulk'))).toHaveLength(1);
    // a row is heard as it is seen
    // a row is heard as it is seen
    expect(
      within(tree).getByRole('treeitem', {
        name: 'O-2 Checkout converts better · 2/4 issues At risk 25% against an even pace of 50% Ana Alves',
      }),
    ).toBe(o2);
    // "no measure" is not 0 %
    expect(within(treeOf('Payments')).getByText('No data yet')).toBeTruthy();
    expect(callsOf(host, 'project-page/view')).toEqual([{ projectKey: 'SHOP' }]);
  });

  it('folds and unfolds with the keyboard, one tab stop for the tree', async () => {
    renderSurface(<ProjectPage />, pageHost());
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    const o1 = within(tree).getByRole('treeitem', { name: /^O-1 Customers pay without friction/ });
    expect(o1.getAttribute('aria-expanded')).toBe('true');
    expect(o1.tabIndex).toBe(0);
    o1.focus();
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(itemNames(tree)).toEqual(['O-1 Customers pay without friction']);
    expect(o1.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(itemNames(tree)).toHaveLength(4);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    const o2 = within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ });
    expect(document.activeElement).toBe(o2);
    expect(o2.tabIndex).toBe(0);
    expect(o1.tabIndex).toBe(-1);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' }); // collapses O-2 (it has O-4 below)
    expect(itemNames(tree)).not.toContain('O-4 One-click payment');
    fireEvent.keyDown(tree, { key: 'ArrowLeft' }); // then moves up to its parent
    expect(document.activeElement).toBe(o1);
  });

  it('collapses and expands every tree at once', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost());
    await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(itemNames(treeOf('Checkout squad'))).toEqual(['O-1 Customers pay without friction']);
    expect(itemNames(treeOf('Payments'))).toEqual(['O-5 Refunds in a day']);
    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(itemNames(treeOf('Checkout squad'))).toHaveLength(4);
  });

  it('asks to be opened from a project when Jira gives none', async () => {
    const host = pageHost();
    renderSurface(<ProjectPage />, { ...host, context: { ...host.context, projectKey: null } });
    expect(screen.getByText('Open Tether from a Jira project')).toBeTruthy();
    expect(host.calls).toEqual([]);
  });

  it('filters by text, status, owner and workgroup on the page, keeping the objectives above a match', async () => {
    const user = userEvent.setup();
    const host = pageHost();
    renderSurface(<ProjectPage />, host);
    await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.type(screen.getByRole('textbox', { name: 'Search objectives' }), 'one-click');
    await waitFor(() =>
      expect(itemNames(treeOf('Checkout squad'))).toEqual([
        'O-1 Customers pay without friction',
        'O-2 Checkout converts better',
        'O-4 One-click payment',
      ]),
    );
    expect(screen.queryByRole('tree', { name: 'Objectives of Payments' })).toBeNull();
    expect(screen.getByText('1 of 4 objectives match')).toBeTruthy();

    await user.clear(screen.getByRole('textbox', { name: 'Search objectives' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'On track');
    await waitFor(() =>
      expect(itemNames(treeOf('Checkout squad'))).toEqual([
        'O-1 Customers pay without friction',
        'O-3 Faster page loads',
      ]),
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Any status');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Owner' }), 'Ben Brown');
    await waitFor(() => expect(itemNames(treeOf('Payments'))).toEqual(['O-5 Refunds in a day']));
    expect(itemNames(treeOf('Checkout squad'))).toEqual([
      'O-1 Customers pay without friction',
      'O-3 Faster page loads',
    ]);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Workgroup' }), 'Payments');
    await waitFor(() => expect(screen.queryByRole('tree', { name: 'Objectives of Checkout squad' })).toBeNull());
    // searching by the owner's name works too
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.type(screen.getByRole('textbox', { name: 'Search objectives' }), 'ana');
    await waitFor(() => expect(itemNames(treeOf('Checkout squad'))).toContain('O-4 One-click payment'));
    expect(itemNames(treeOf('Checkout squad'))).not.toContain('O-3 Faster page loads');
    // the server was asked once: filters work on the loaded view
    expect(callsOf(host, 'project-page/view')).toHaveLength(1);
  });

  it('says so when no objective matches, with a way back', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost());
    await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.type(screen.getByRole('textbox', { name: 'Search objectives' }), 'nothing like this');
    expect(await screen.findByText('No objective matches these filters')).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(await screen.findByRole('tree', { name: 'Objectives of Checkout squad' })).toBeTruthy();
  });
});

describe('project page: periods', () => {
  it('asks the server for the period chosen, keeping the page shown meanwhile', async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const host = pageHost({
      'project-page/view': (p) =>
        p.periodId === 'p-2027q1'
          ? new Promise((resolve) => {
              release = () =>
                resolve(
                  ok(
                    aPage({
                      periodId: 'p-2027q1',
                      workgroups: [aPage().workgroups[0]!, { ...aPage().workgroups[1]!, objectives: [] }],
                    }),
                  ),
                );
            })
          : ok(aPage()),
    });
    renderSurface(<ProjectPage />, host);
    await screen.findByRole('tree', { name: 'Objectives of Payments' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '2027 Q1');
    expect(callsOf(host, 'project-page/view')).toEqual([
      { projectKey: 'SHOP' },
      { projectKey: 'SHOP', periodId: 'p-2027q1' },
    ]);
    // the old tree stays while the new period loads: no layout jump
    expect(screen.getByRole('tree', { name: 'Objectives of Payments' })).toBeTruthy();
    expect(screen.getByText('Updating…')).toBeTruthy();
    await act(async () => release());
    expect(await screen.findByText('Payments has no objectives in this period')).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Period' }) as HTMLSelectElement).value).toBe('p-2027q1');
  });
});

describe('project page: empty states and refusals', () => {
  it('tells what to do when no workgroup works in the project', async () => {
    renderSurface(
      <ProjectPage />,
      pageHost({ 'project-page/view': () => ok(aPage({ workgroups: [], aligned: [], owners: [] })) }),
    );
    expect(await screen.findByText('No workgroup works in SHOP yet')).toBeTruthy();
    expect(screen.getByText(/A Jira administrator adds workgroups/)).toBeTruthy();
  });

  it("offers a workgroup's lead to create its first objective, and tells others who does", async () => {
    const page = aPage({
      workgroups: [
        { ...aPage().workgroups[0]!, objectives: [] },
        { ...aPage().workgroups[1]!, objectives: [] },
      ],
      aligned: [],
    });
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(page) }));
    const mine = await screen.findByRole('region', { name: 'Checkout squad' });
    expect(within(mine).getByText('Checkout squad has no objectives in this period')).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Create objective' })).toBeTruthy();
    const theirs = screen.getByRole('region', { name: 'Payments' });
    expect(within(theirs).getByText("The workgroup's leads add its objectives.")).toBeTruthy();
    expect(within(theirs).queryByRole('button', { name: 'Create objective' })).toBeNull();
  });

  it('shows no create button to someone who leads nothing and is not an administrator', async () => {
    const page = aPage({}, { accountId: LEAD, leads: [] });
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(page) }));
    await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    expect(screen.queryByRole('button', { name: 'Create objective' })).toBeNull();
  });

  it("shows the server's refusal when the user may not browse the project", async () => {
    renderSurface(
      <ProjectPage />,
      pageHost({ 'project-page/view': () => fail('FORBIDDEN', 'You cannot browse project SHOP.') }),
    );
    expect(await screen.findByText("You don't have permission to do this")).toBeTruthy();
    expect(screen.getByText('You cannot browse project SHOP.')).toBeTruthy();
  });

  it('shows the feedback the prompts yielded next to each workgroup', async () => {
    const feedback = {
      delivered: 10,
      answered: 8,
      dismissed: 1,
      expired: 0,
      waiting: 1,
      responseRate: 0.8,
      impactAnswers: 4,
      averageImpact: 2 / 3,
      gradedReviews: 0,
      averageGrade: null,
    };
    // as the server answers: the view reads no feedback; project-page/feedback, asked once the rows
    // are on the page, has the headers' figures (held here until the test lets it answer)
    let answer: (reply: unknown) => void = () => undefined;
    const host = pageHost({
      'project-page/feedback': (p) =>
        new Promise((resolve) => {
          answer = () =>
            resolve(
              ok({
                projectKey: p.projectKey,
                periodId: p.periodId ?? null,
                workgroups: [{ id: 'wg-checkout', feedback }],
              }),
            );
        }),
    });
    renderSurface(<ProjectPage />, host);
    const section = await screen.findByRole('region', { name: 'Checkout squad' });
    expect(within(section).getAllByText('O-2').length).toBeGreaterThan(0);
    await waitFor(() =>
      expect(callsOf(host, 'project-page/feedback')).toEqual([{ projectKey: 'SHOP', periodId: 'p-2026q4' }]),
    );
    expect(within(section).queryByText('Response rate')).toBeNull();
    act(() => answer(null));
    expect((await within(section).findByText('Response rate')).nextSibling?.textContent).toBe('80%');
    expect(within(section).getByText('Average impact').nextSibling?.textContent).toBe('67%');
    expect(within(screen.getByRole('region', { name: 'Payments' })).queryByText('Response rate')).toBeNull();
  });

  it('draws the rows on screen of a 200-objective tree, reaches the last with End, and filters them', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 200 }, (_, i) =>
      anEntry(`O-${i + 10}`, { title: `Objective number ${i + 10}`, workgroupId: 'wg-checkout', parentId: 'O-1' }),
    );
    const page = aPage({ workgroups: [{ ...aPage().workgroups[0]!, objectives: many }] });
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(page) }));
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    // jsdom has no IntersectionObserver: the first block counts as on screen, and its neighbour is drawn
    const drawn = within(tree).getAllByRole('treeitem');
    expect(drawn).toHaveLength(2 * BLOCK_ROWS);
    // every row says where it is in the whole tree: 200 children under O-1
    expect(drawn[1]!.getAttribute('aria-setsize')).toBe('200');
    drawn[0]!.focus();
    fireEvent.keyDown(tree, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-objective-key')).toBe('O-209'));
    expect(document.activeElement?.getAttribute('aria-posinset')).toBe('200');
    await user.type(screen.getByRole('textbox', { name: 'Search objectives' }), 'number 199');
    await waitFor(
      () =>
        expect(itemNames(treeOf('Checkout squad'))).toEqual([
          'O-1 Customers pay without friction',
          'O-199 Objective number 199',
        ]),
      { timeout: 10_000 },
    );
  }, 30_000);
});
