/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IssuePanel } from '../../../static/issue-panel/src/issue-panel';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import {
  aKeyResultOf,
  anInbox,
  anObjectiveView,
  aProjectPageView,
  aViewEntry,
  aWorkgroupRecord,
} from '../support/view-builders';
import { checkout, checkoutRollup, web3View } from './fixtures';

const payments = anObjectiveView({
  id: 'O-5',
  key: 'O-5',
  title: 'Payments never fail',
  workgroupId: 'wg-payments',
  levelId: 'workgroup',
});
payments.keyResults.push(aKeyResultOf('O-5', { id: 'kr-7', key: 'KR-7', title: 'Card errors below 0.5%' }));
const archived = anObjectiveView({
  id: 'O-6',
  key: 'O-6',
  title: 'Payments legacy clean-up',
  workgroupId: 'wg-payments',
  status: 'cancelled',
});
const company = anObjectiveView({
  id: 'O-9',
  key: 'O-9',
  title: 'Grow revenue',
  levelId: 'organisation',
  workgroupId: null,
});

const projectPage = aProjectPageView({
  projectKey: 'WEB',
  workgroups: [
    aWorkgroupRecord({ objectives: [aViewEntry(checkout, checkoutRollup)] }),
    // the server takes no new links to an archived objective
    aWorkgroupRecord({
      id: 'wg-payments',
      name: 'Payments guild',
      objectives: [aViewEntry(payments), aViewEntry(archived, null, { link: false })],
    }),
  ],
  aligned: [aViewEntry(company)],
});

const linked = {
  issueKey: 'WEB-3',
  objectiveKey: 'O-5',
  keyResultId: 'kr-7',
  linked: true,
  changed: true,
  rollup: null,
  properties: { written: 1, pending: [] },
};

function panelHost(link: NonNullable<Handlers['contributions/link']>) {
  return fakeHost(
    {
      'issue-panel/view': () => ok(web3View()),
      'prompts/inbox': () => ok(anInbox()),
      'project-page/view': () => ok(projectPage),
      'contributions/link': link,
    },
    { issueKey: 'WEB-3', projectKey: 'WEB' },
  );
}

async function openPicker() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Link to an objective' }));
  const box = await screen.findByRole('combobox', { name: 'Link WEB-3 to' });
  return { user, box };
}

describe('issue panel: linking through the picker', () => {
  it('finds a key result by workgroup and title and links it with the keyboard', async () => {
    const host = panelHost(() => ok(linked));
    renderSurface(<IssuePanel />, host);
    const { user, box } = await openPicker();
    expect(host.calls.find((c) => c.key === 'project-page/view')?.payload).toEqual({ projectKey: 'WEB' });
    expect(document.activeElement).toBe(box);

    await user.type(box, 'payments card');
    const options = within(screen.getByRole('listbox', { name: 'Link WEB-3 to' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'KR-7 Card errors below 0.5%Key result of O-5 Payments never fail',
    ]);
    // named as it reads: the key, then the title
    expect(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'KR-7 Card errors below 0.5% Key result of O-5 Payments never fail',
      }),
    ).toBeTruthy();

    await user.clear(box);
    await user.type(box, 'payments');
    // The archived objective is not offered; the objective comes first, then its key result.
    const listbox = screen.getByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent?.slice(0, 4)),
    ).toEqual(['O-5 ', 'KR-7']);
    expect(box.getAttribute('aria-activedescendant')).toBe(within(listbox).getAllByRole('option')[0]!.id);
    await user.keyboard('{ArrowDown}');
    const active = within(listbox).getAllByRole('option')[1]!;
    expect(box.getAttribute('aria-activedescendant')).toBe(active.id);
    expect(active.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(host.flags).toHaveLength(1));
    expect(host.calls.find((c) => c.key === 'contributions/link')?.payload).toEqual({
      issueKey: 'WEB-3',
      objectiveKey: 'O-5',
      keyResultId: 'kr-7',
    });
    expect(host.flags[0]).toEqual({
      type: 'success',
      title: 'Linked WEB-3 to KR-7',
      description: 'Card errors below 0.5%. JQL objective = O-5 finds it.',
    });
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(host.calls.filter((c) => c.key === 'issue-panel/view')).toHaveLength(2);
  });

  it('searches by level, and does not offer what the issue is linked to already', async () => {
    renderSurface(
      <IssuePanel />,
      panelHost(() => ok(linked)),
    );
    const { user, box } = await openPicker();
    await user.type(box, 'organisation');
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['O-9 Grow revenueOrganisation']);

    await user.clear(box);
    await user.type(box, 'O-1');
    const [objective, keyResult] = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(keyResult?.getAttribute('aria-disabled')).toBe('true');
    expect(keyResult?.textContent).toContain('(linked already)');
    expect(objective?.getAttribute('aria-disabled')).toBeNull();
  });

  it('says when nothing matches, and Escape closes the list, then the picker', async () => {
    const host = panelHost(() => ok(linked));
    renderSurface(<IssuePanel />, host);
    const { user, box } = await openPicker();
    await user.type(box, 'zzz');
    expect(screen.getByText(/Nothing matches "zzz"/)).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(host.calls.some((c) => c.key === 'contributions/link')).toBe(false);
  });

  it("shows the server's FORBIDDEN when linking is refused, and keeps what was typed", async () => {
    const host = panelHost(() => fail('FORBIDDEN', 'You do not have permission to edit issue WEB-3'));
    renderSurface(<IssuePanel />, host);
    const { user, box } = await openPicker();
    await user.type(box, 'grow');
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: /Grow revenue/ }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("You don't have permission to do this")).toBeTruthy();
    expect(within(alert).getByText('You do not have permission to edit issue WEB-3')).toBeTruthy();
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('grow');
    expect(host.flags).toEqual([]);
  });
});
