/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IssuePanel } from '../../../static/issue-panel/src/issue-panel';
import { fail, fakeHost, ok, renderSurface } from '../support/render-surface';
import { anIssuePanelView } from '../support/issue-panel-builders';
import { anInbox } from '../support/view-builders';
import { checkoutRollup, web3View } from './fixtures';

const noPrompts = () => ok(anInbox());
const change = (linked: boolean) => ({
  issueKey: 'WEB-3',
  objectiveKey: 'O-1',
  keyResultId: 'kr-1',
  linked,
  changed: true,
  rollup: checkoutRollup,
  properties: { written: 1, pending: [] },
});

function card(name: RegExp): HTMLElement {
  return screen.getByRole('listitem', { name });
}

describe('issue panel: what the issue serves', () => {
  it('shows a fixed-height skeleton while loading, then each objective with status, progress, where it is linked and what the issue weighs', async () => {
    const host = fakeHost(
      { 'issue-panel/view': () => ok(web3View()), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3', projectKey: 'WEB' },
    );
    renderSurface(<IssuePanel />, host);
    expect(screen.getByRole('status', { name: 'Loading the objectives this issue serves' }).style.height).toBe('176px');

    const direct = within(await screen.findByRole('listitem', { name: /O-1 Checkout converts better/ }));
    // the key and the title are two words in the heading's name, as a screen reader says it
    expect(screen.getByRole('heading', { name: 'O-1 Checkout converts better' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'O-2 Customers come back' })).toBeTruthy();
    expect(direct.getByText('At risk')).toBeTruthy();
    expect(direct.getByRole('progressbar', { name: /O-1 Checkout converts better: 40%/ })).toBeTruthy();
    expect(direct.getByText('Linked here to KR-1 New checkout flow shipped')).toBeTruthy();
    expect(
      direct.getByText(
        (_, el) =>
          el?.tagName === 'LI' &&
          el.textContent === 'Its work: WEB-3 counts for 1 of 12 issues (8%), 5 of 40 story points (13%).',
      ),
    ).toBeTruthy();
    expect(
      direct.getByText(
        (_, el) =>
          el?.tagName === 'LI' &&
          el.textContent ===
            'KR-1 New checkout flow shipped: WEB-3 counts for 5 of 40 story points (13%), 1 of 10 issues (10%).',
      ),
    ).toBeTruthy();

    const viaEpic = within(card(/O-2 Customers come back/));
    expect(viaEpic.getByText('On track')).toBeTruthy();
    expect(
      viaEpic.getByText(
        (_, el) =>
          el?.tagName === 'LI' &&
          el.textContent === 'Through WEB-1 (its parent), linked to the objective as a whole. To unlink, open WEB-1.',
      ),
    ).toBeTruthy();
    expect(viaEpic.getByText('WEB-3 counts for 1 of 40 issues (3%).')).toBeTruthy();
    expect(viaEpic.queryByRole('button', { name: /Unlink/ })).toBeNull();
    expect(host.calls.map((c) => c.key).sort()).toEqual(['issue-panel/view', 'prompts/inbox']);
  });

  it('opens the epic in Jira from a link made through it', async () => {
    const host = fakeHost(
      { 'issue-panel/view': () => ok(web3View()), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    const viaEpic = within(await screen.findByRole('listitem', { name: /O-2 Customers come back/ }));
    const epicLinks = viaEpic.getAllByRole('link', { name: 'WEB-1' });
    expect(epicLinks[0]?.getAttribute('href')).toBe('https://example.atlassian.net/browse/WEB-1');
    await userEvent.setup().click(epicLinks[0]!);
    expect(host.opened).toEqual(['/browse/WEB-1']);
  });

  it('says what to do when the issue serves nothing yet', async () => {
    const host = fakeHost(
      { 'issue-panel/view': () => ok(anIssuePanelView()), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    expect(await screen.findByText("This issue doesn't serve any objective yet")).toBeTruthy();
    expect(screen.getByText(/Link it, or its epic, to an objective or key result/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Link to an objective' })).toBeTruthy();
  });

  it('says how many more objectives the issue serves that the user may not see, never which', async () => {
    const host = fakeHost(
      { 'issue-panel/view': () => ok(web3View({ hiddenServed: 2 })), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    expect(
      await screen.findByText('WEB-3 also serves 2 objectives you cannot see (restricted to their workgroups).'),
    ).toBeTruthy();
    const alone = fakeHost(
      { 'issue-panel/view': () => ok(anIssuePanelView({ hiddenServed: 1 })), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, alone);
    expect(await screen.findByText("This issue doesn't serve any objective you can see")).toBeTruthy();
    expect(screen.getByText('WEB-3 serves an objective you cannot see (restricted to its workgroup).')).toBeTruthy();
  });

  it('is read-only, and says why, when the user may not edit the issue', async () => {
    const host = fakeHost(
      { 'issue-panel/view': () => ok(web3View({ canEdit: false })), 'prompts/inbox': noPrompts },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    expect(await screen.findByRole('region', { name: "You can't link or unlink WEB-3" })).toBeTruthy();
    expect(screen.getByText(/you don't have permission to edit WEB-3 in Jira/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Unlink/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Link to an objective' })).toBeNull();
  });

  it("shows the server's refusal when the user may not browse the issue", async () => {
    const host = fakeHost(
      {
        'issue-panel/view': () => fail('FORBIDDEN', 'You do not have permission to browse issue WEB-3'),
        'prompts/inbox': noPrompts,
      },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    expect(await screen.findByText("You don't have permission to do this")).toBeTruthy();
    expect(screen.getByText('You do not have permission to browse issue WEB-3')).toBeTruthy();
  });

  it('unlinks a direct link, then shows the issue as the server has it', async () => {
    let view = web3View();
    const host = fakeHost(
      {
        'issue-panel/view': () => ok(view),
        'prompts/inbox': noPrompts,
        'contributions/unlink': () => ok(change(false)),
      },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    const unlink = await screen.findByRole('button', { name: 'Unlink WEB-3 from O-1 KR-1 New checkout flow shipped' });
    view = web3View({ serves: [web3View().serves[1]] });
    await userEvent.setup().click(unlink);
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /O-1 Checkout converts better/ })).toBeNull());
    expect(host.calls.find((c) => c.key === 'contributions/unlink')?.payload).toEqual({
      issueKey: 'WEB-3',
      objectiveKey: 'O-1',
      keyResultId: 'kr-1',
    });
    expect(host.flags).toEqual([{ type: 'success', title: 'Unlinked WEB-3 from O-1' }]);
    expect(card(/O-2 Customers come back/)).toBeTruthy();
  });

  it("shows the server's FORBIDDEN when unlinking is refused, and keeps the link", async () => {
    const host = fakeHost(
      {
        'issue-panel/view': () => ok(web3View()),
        'prompts/inbox': noPrompts,
        'contributions/unlink': () => fail('FORBIDDEN', 'You do not have permission to edit issue WEB-3'),
      },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    await userEvent.setup().click(await screen.findByRole('button', { name: /Unlink WEB-3 from O-1/ }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("You don't have permission to do this")).toBeTruthy();
    expect(within(alert).getByText('You do not have permission to edit issue WEB-3')).toBeTruthy();
    expect(card(/O-1 Checkout converts better/)).toBeTruthy();
    expect(host.flags).toEqual([]);
  });

  it('offers to reload after a CONFLICT', async () => {
    const host = fakeHost(
      {
        'issue-panel/view': () => ok(web3View()),
        'prompts/inbox': noPrompts,
        'contributions/unlink': () => fail('CONFLICT', 'The link changed while you were looking'),
      },
      { issueKey: 'WEB-3' },
    );
    renderSurface(<IssuePanel />, host);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Unlink WEB-3 from O-1/ }));
    await user.click(await screen.findByRole('button', { name: 'Reload the latest version' }));
    expect(host.calls.filter((c) => c.key === 'issue-panel/view')).toHaveLength(2);
  });
});
