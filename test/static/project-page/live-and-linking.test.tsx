/** @jest-environment jsdom */
/**
 * The project page stays current (docs/project-page.md, "Live"): it polls `project-page/changes`
 * while visible and reloads its view in place when the mark moves; and "Work not tied": its count,
 * the link to it from the top, links that take an epic's children out at once, several issues
 * linked in one action, and every issue of a JQL search after its count.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContributionChange, type LinkManyResult, type PayloadIn } from '@contract/api';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { POLL_MS } from '../../../static/project-page/src/use-live-updates';
import { fail, ok, renderSurface } from '../support/render-surface';
import type { FakeIssue } from './fake-jira';
import { aPage } from './page-builders';
import { callsOf, pageHost } from './page-host';

const changed = (issueKey: string, objectiveKey: string, descendants: string[] = []) =>
  ContributionChange.parse({
    issueKey,
    objectiveKey,
    keyResultId: null,
    linked: true,
    changed: true,
    rollup: null,
    properties: { written: 1, pending: [] },
    descendants,
  });

/** O-3's figure moved: the view after a change in Jira. */
function pageWithO3At(progress: number) {
  const page = aPage();
  const o3 = page.workgroups[0]!.objectives.find((e) => e.objective.key === 'O-3')!;
  o3.rollup = { ...o3.rollup!, progress };
  return page;
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('project page: live', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setHidden(false);
  });

  it('reloads in place when the mark moves: the open detail, the focus and what is typed stay, and it says so quietly', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    let mark = 'm-1';
    let view = aPage();
    const host = pageHost({
      'project-page/changes': () => ok({ mark, at: null }),
      'project-page/view': () => ok(view),
    });
    renderSurface(<ProjectPage />, host);
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    expect(within(tree).getByRole('treeitem', { name: /^O-3 .*60%/ })).toBeTruthy();
    // the user opens O-2 and starts typing a new objective's title
    await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
    const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
    await user.click(screen.getByRole('button', { name: 'Create objective' }));
    const title = await screen.findByLabelText(/^Title/);
    await user.type(title, 'Fewer refunds');
    expect(document.activeElement).toBe(title);
    const status = screen
      .getAllByRole('status')
      .find((s) => s.getAttribute('aria-live') === 'polite' && s.textContent === '');

    // nothing changed: the polls do not reload the view
    await act(() => jest.advanceTimersByTimeAsync(POLL_MS * 2));
    expect(callsOf(host, 'project-page/changes').length).toBeGreaterThanOrEqual(3);
    expect(callsOf(host, 'project-page/view')).toHaveLength(1);

    // a story is finished in Jira: the mark moves, the next poll reloads the view
    mark = 'm-2';
    view = pageWithO3At(0.9);
    await act(() => jest.advanceTimersByTimeAsync(POLL_MS));
    await waitFor(() => expect(within(tree).getByRole('treeitem', { name: /^O-3 .*90%/ })).toBeTruthy());
    expect(callsOf(host, 'project-page/view')).toHaveLength(2);
    expect(await screen.findByText('Updated just now')).toBe(status);
    expect(screen.getByRole('complementary', { name: 'O-2 details' })).toBe(detail);
    expect(document.activeElement).toBe(title);
    expect((title as HTMLInputElement).value).toBe('Fewer refunds');
  });

  it('an edit open during a live reload saves against the version it opened, not over the change someone else made', async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    let mark = 'm-1';
    let view = aPage();
    const host = pageHost({
      'project-page/changes': () => ok({ mark, at: null }),
      'project-page/view': () => ok(view),
      'objectives/update': () => fail('CONFLICT', 'O-2 was changed by someone else since you read it (version 4 now)'),
    });
    renderSurface(<ProjectPage />, host);
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
    const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
    await user.click(within(detail).getByRole('button', { name: 'Edit objective' }));
    const form = await within(detail).findByRole('form', { name: 'Edit O-2' });
    await user.type(within(form).getByLabelText('Weight in the parent'), '3');
    // meanwhile someone else renames O-2 (version 4); the page reloads its view
    mark = 'm-2';
    view = aPage();
    const o2 = view.workgroups[0]!.objectives.find((e) => e.objective.key === 'O-2')!;
    o2.objective = { ...o2.objective, title: 'Checkout converts far better', version: 4 };
    await act(() => jest.advanceTimersByTimeAsync(POLL_MS));
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    // at the version read, with only what this user changed: the server answers CONFLICT, nothing is overwritten
    await waitFor(() => expect(callsOf(host, 'objectives/update')).toEqual([{ key: 'O-2', version: 3, weight: 3 }]));
    expect(await within(form).findByRole('button', { name: 'Reload the latest version' })).toBeTruthy();
  });

  it('does not ask while the page is hidden, and asks at once when it shows again', async () => {
    let mark = 'm-1';
    const host = pageHost({ 'project-page/changes': () => ok({ mark, at: null }) });
    renderSurface(<ProjectPage />, host);
    await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await waitFor(() => expect(callsOf(host, 'project-page/changes')).toHaveLength(1));
    act(() => setHidden(true));
    mark = 'm-2';
    await act(() => jest.advanceTimersByTimeAsync(POLL_MS * 6));
    expect(callsOf(host, 'project-page/changes')).toHaveLength(1);
    act(() => setHidden(false));
    await waitFor(() => expect(callsOf(host, 'project-page/changes')).toHaveLength(2));
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
  });
});

const UNLINKED: FakeIssue[] = [
  { key: 'SHOP-1', summary: 'Wallets', type: 'Epic', status: 'In Progress', category: 'indeterminate' },
  { key: 'SHOP-2', summary: 'Apple Pay button' },
  { key: 'SHOP-3', summary: 'Tidy the basket code' },
  { key: 'SHOP-4', summary: 'Faster basket' },
];

describe('project page: work not tied', () => {
  it('shows its count in its heading, and a link at the top goes there', async () => {
    const user = userEvent.setup();
    renderSurface(
      <ProjectPage />,
      pageHost({}, (jql) => (jql.includes('objective IS EMPTY') ? UNLINKED : [])),
    );
    const heading = await screen.findByRole('heading', { name: 'Work not tied (4)' });
    const jump = screen.getByRole('link', { name: 'Work not tied (4)' });
    Element.prototype.scrollIntoView = jest.fn();
    await user.click(jump);
    expect(document.activeElement).toBe(heading);
    expect(heading.scrollIntoView).toHaveBeenCalled();
  });

  it('takes a linked epic and its children out of the list at once, by the keys the link answered', async () => {
    const user = userEvent.setup();
    const host = pageHost(
      { 'contributions/link': (p) => ok(changed(p.issueKey, p.objectiveKey, ['SHOP-2', 'SHOP-9'])) },
      // Jira's search still lists the children (it lags the issue property the link wrote)
      (jql) => (jql.includes('objective IS EMPTY') ? UNLINKED : []),
    );
    renderSurface(<ProjectPage />, host);
    const list = await screen.findByRole('list', { name: 'Unlinked issues' });
    await user.click(within(list).getByLabelText('Objective for SHOP-1'));
    await user.selectOptions(within(list).getByLabelText('Objective for SHOP-1'), 'O-3 Faster page loads');
    await user.click(within(list).getByRole('button', { name: 'Link SHOP-1 to O-3' }));
    await waitFor(() => expect(within(list).queryByRole('link', { name: 'SHOP-1' })).toBeNull());
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['SHOP-3', 'SHOP-4']);
    expect(screen.getByRole('heading', { name: 'Work not tied (2)' })).toBeTruthy();
  });

  it('links the selected issues to one objective in one action, and keeps a refused one selected with why', async () => {
    const user = userEvent.setup();
    const host = pageHost(
      {
        'contributions/link-many': (p: PayloadIn<'contributions/link-many'>) =>
          ok({
            objectiveKey: p.objectiveKey,
            keyResultId: null,
            results: p.issueKeys.map((issueKey) =>
              issueKey === 'SHOP-4'
                ? {
                    issueKey,
                    ok: false as const,
                    error: { code: 'FORBIDDEN' as const, message: 'You do not have permission to edit issue SHOP-4' },
                  }
                : { issueKey, ok: true as const, change: changed(issueKey, p.objectiveKey) },
            ),
          } satisfies LinkManyResult),
      },
      (jql) => (jql.includes('objective IS EMPTY') ? UNLINKED : []),
    );
    renderSurface(<ProjectPage />, host);
    const list = await screen.findByRole('list', { name: 'Unlinked issues' });
    const several = screen.getByRole('group', { name: 'Link several at once' });
    const button = within(several).getByRole('button', { name: 'Link selected to …' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    for (const key of ['SHOP-2', 'SHOP-3', 'SHOP-4'])
      await user.click(within(list).getByRole('checkbox', { name: `Select ${key}` }));
    expect(within(several).getByText('3 selected')).toBeTruthy();
    await user.click(within(several).getByLabelText('Objective for the selected issues'));
    await user.selectOptions(
      within(several).getByLabelText('Objective for the selected issues'),
      'O-3 Faster page loads',
    );
    await user.click(within(several).getByRole('button', { name: 'Link 3 to O-3' }));
    await waitFor(() =>
      expect(callsOf(host, 'contributions/link-many')).toEqual([
        { issueKeys: ['SHOP-2', 'SHOP-3', 'SHOP-4'], objectiveKey: 'O-3', keyResultId: null },
      ]),
    );
    const done = await screen.findByText('2 issues now serve O-3.');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(within(screen.getByRole('list', { name: 'Not linked' })).getByRole('listitem').textContent).toBe(
      'SHOP-4: You do not have permission to edit issue SHOP-4',
    );
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['SHOP-1', 'SHOP-4']);
    expect((within(list).getByRole('checkbox', { name: 'Select SHOP-4' }) as HTMLInputElement).checked).toBe(true);
    expect(host.flags).toEqual([{ type: 'success', title: 'Linked 2 issues to O-3' }]);
  });
});

describe('project page: linking the issues of a JQL search', () => {
  const JQL = 'project = SHOP AND labels = wallet';
  const many = (n: number): FakeIssue[] =>
    Array.from({ length: n }, (_, i) => ({ key: `SHOP-${100 + i}`, summary: `Issue ${i}` }));

  it('shows the count first, then links them all, 25 a call', async () => {
    const user = userEvent.setup();
    const host = pageHost(
      {
        'jql/validate': () => ok({ valid: true, errors: [], count: 30, more: false }),
        'contributions/link-many': (p: PayloadIn<'contributions/link-many'>) =>
          ok({
            objectiveKey: p.objectiveKey,
            keyResultId: null,
            results: p.issueKeys.map((issueKey) => ({
              issueKey,
              ok: true as const,
              change: changed(issueKey, p.objectiveKey),
            })),
          }),
      },
      (jql) => (jql === JQL ? many(30) : []),
    );
    renderSurface(<ProjectPage />, host);
    await user.click(await screen.findByRole('button', { name: 'Link the issues of a JQL search…' }));
    const form = screen.getByRole('form', { name: 'Link the issues of a JQL search' });
    await user.type(within(form).getByLabelText(/^JQL/), JQL);
    await user.selectOptions(within(form).getByLabelText('Link them to'), 'O-3 Faster page loads');
    await user.click(within(form).getByRole('button', { name: 'Count issues' }));
    expect(await within(form).findByText('30 issues match. Nothing is linked until you confirm.')).toBeTruthy();
    expect(callsOf(host, 'jql/validate')).toEqual([{ jql: JQL }]);
    expect(callsOf(host, 'contributions/link-many')).toEqual([]);
    await user.click(within(form).getByRole('button', { name: 'Link 30 to O-3' }));
    expect(await screen.findByText('30 issues now serve O-3.')).toBeTruthy();
    expect(
      callsOf(host, 'contributions/link-many').map((p) => (p as { issueKeys: string[] }).issueKeys.length),
    ).toEqual([25, 5]);
  });

  it('refuses a search above 100 issues before linking anything, and shows what Jira says of bad JQL at the field', async () => {
    const user = userEvent.setup();
    let reply = { valid: true, errors: [] as string[], count: 140, more: false };
    const host = pageHost({ 'jql/validate': () => ok(reply) });
    renderSurface(<ProjectPage />, host);
    await user.click(await screen.findByRole('button', { name: 'Link the issues of a JQL search…' }));
    const form = screen.getByRole('form', { name: 'Link the issues of a JQL search' });
    await user.type(within(form).getByLabelText(/^JQL/), 'project = SHOP');
    await user.click(within(form).getByRole('button', { name: 'Count issues' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /^This search finds 140 issues; Tether links at most 100 at once\./,
    );
    expect(within(form).queryByRole('button', { name: /^Link \d+/ })).toBeNull();
    reply = { valid: false, errors: ["Field 'colour' does not exist."], count: null as unknown as number, more: false };
    await user.type(within(form).getByLabelText(/^JQL/), ' AND colour = red');
    await user.click(within(form).getByRole('button', { name: 'Count issues' }));
    expect(await within(form).findByText("Field 'colour' does not exist.")).toBeTruthy();
    expect(within(form).getByLabelText(/^JQL/).getAttribute('aria-invalid')).toBe('true');
    expect(callsOf(host, 'contributions/link-many')).toEqual([]);
  });
});
