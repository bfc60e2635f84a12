/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { JiraRequest } from '@shared/jira';
import { AdminPage } from '../../../static/admin-page/src/admin-page';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import { aJiraUser, aSettingsView } from './admin-builders';
import {
  anAncestor,
  anAnsweredObjective,
  aPeriodFeedback,
  aReviewedObjective,
  aWorkgroupFeedback,
} from './period-review-builders';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const people = [aJiraUser('acc-lee', 'Lee Lead'), aJiraUser('acc-mia', 'Mia Member')];

const jira: JiraRequest = async (path) => {
  const url = new URL(path, 'https://jira.example');
  if (url.pathname === '/rest/api/3/user/bulk') {
    const ids = url.searchParams.getAll('accountId');
    return {
      status: 200,
      body: {
        startAt: 0,
        maxResults: 100,
        total: ids.length,
        isLast: true,
        values: people.filter((p) => ids.includes(p.accountId)),
      },
    };
  }
  return { status: 404, body: { errorMessages: ['not here'] } };
};

const settings = aSettingsView({
  periods: [
    { id: '2026-q3', name: '2026 Q3', start: '2026-07-01', end: '2026-09-30', state: 'closed' },
    { id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', state: 'open' },
  ],
});

async function openReviews(handlers: Handlers) {
  const admin = { accountId: 'acc-admin', isSiteAdmin: true, leads: [], memberOf: [] };
  const host = {
    ...fakeHost({ 'settings/get': () => ok(settings), 'me/get': () => ok(admin), ...handlers }, { projectKey: null }),
    jira,
  };
  const user = userEvent.setup();
  renderSurface(<AdminPage />, host);
  await user.click(await screen.findByRole('tab', { name: 'Period reviews' }));
  return { host, user };
}

const asked = (host: { calls: { key: string; payload: unknown }[] }) =>
  host.calls.filter((c) => c.key === 'feedback/period').map((c) => c.payload);

/** O-1 (organisation, not answered) above O-2 (0.8) and O-3 (restricted, 0.4); O-1 serves O-9 of another period. */
const graded = aPeriodFeedback({
  objectives: [
    aReviewedObjective('O-1', {
      title: 'Customers pay without friction',
      level: 'Organisation priority',
      owner: 'acc-admin',
      workgroupId: null,
      parentId: 'O-9',
      review: 'open',
      asked: 1,
      responseRate: 0,
      subtreeGradedReviews: 2,
      subtreeGrade: 0.6,
    }),
    anAnsweredObjective(
      'O-2',
      0.8,
      { helped: 'Pairing with design', hindered: 'Two outages in November' },
      { title: 'One-click checkout', parentId: 'O-1' },
    ),
    anAnsweredObjective(
      'O-3',
      0.4,
      { author: 'acc-lee', hindered: 'The app store review took three weeks' },
      { title: 'Offline mode', parentId: 'O-1', visibility: 'restricted', workgroupId: 'mobile-team' },
    ),
  ],
  ancestors: [anAncestor('O-9', { title: 'Grow revenue', subtreeGradedReviews: 2, subtreeGrade: 0.6 })],
  workgroups: [
    aWorkgroupFeedback('mobile-team', 'Mobile Team', {
      delivered: 2,
      answered: 1,
      responseRate: 0.5,
      gradedReviews: 1,
      averageGrade: 0.4,
    }),
    aWorkgroupFeedback('web-squad', 'Web Squad', {
      delivered: 2,
      answered: 2,
      responseRate: 1,
      gradedReviews: 1,
      averageGrade: 0.8,
    }),
  ],
});

const row = (name: string) => screen.getByRole('listitem', { name });

describe('admin page: period reviews', () => {
  it("shows each objective's grade, response rate and notes, and the grades rolled up to the parents", async () => {
    const { host, user } = await openReviews({ 'feedback/period': () => ok(graded) });
    await screen.findByRole('list', { name: 'Period reviews by objective' });
    expect(asked(host)).toEqual([{ periodId: '2026-q4' }]);
    expect(screen.getByText('2 of 3 reviews answered (67%)')).toBeTruthy();

    // the parent: not answered itself, its subtree's grade rolled up
    const parentRollup = screen.getByRole('group', { name: 'Grade of O-1 with the objectives below it' });
    expect(parentRollup.textContent).toMatch(/0\.60 \(60%\)/);
    expect(parentRollup.textContent).toMatch(/2 reviews/);
    expect(within(screen.getByRole('group', { name: 'Grade of O-1' })).getByText('No grade yet')).toBeTruthy();
    expect(screen.getAllByText('Waiting for the owner')).toHaveLength(1);
    expect(screen.getByText('0 of 1 answered (0%)')).toBeTruthy();
    // the ancestor of another period, with the same rolled-up grade
    expect(screen.getByRole('group', { name: 'Grade of O-9 with the objectives below it' }).textContent).toMatch(
      /0\.60/,
    );
    expect(within(row('O-9 Grow revenue')).getByText('Organisation priority, 2026')).toBeTruthy();

    const o2 = row('O-2 One-click checkout');
    expect(within(o2).getByRole('group', { name: 'Grade of O-2' }).textContent).toMatch(/0\.80 \(80%\)/);
    expect(within(o2).getByText('1 of 1 answered (100%)')).toBeTruthy();
    expect(within(row('O-3 Offline mode')).getByText('Restricted')).toBeTruthy();
    expect(within(row('O-3 Offline mode')).getByRole('group', { name: 'Grade of O-3' }).textContent).toMatch(
      /0\.40 \(40%\)/,
    );

    // notes open on demand
    expect(screen.queryByText('Pairing with design')).toBeNull();
    const toggle = within(o2).getByRole('button', { name: 'Notes (1) of O-2' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const notes = screen.getByRole('region', { name: 'Notes on O-2' });
    expect(within(notes).getByText('What helped')).toBeTruthy();
    expect(within(notes).getByText('Pairing with design')).toBeTruthy();
    expect(within(notes).getByText('What did not')).toBeTruthy();
    expect(within(notes).getByText('Two outages in November')).toBeTruthy();
    expect(await within(notes).findByText('Mia Member graded it 0.80 on 1 Oct')).toBeTruthy();
    await user.click(within(row('O-3 Offline mode')).getByRole('button', { name: 'Notes (1) of O-3' }));
    const o3Notes = screen.getByRole('region', { name: 'Notes on O-3' });
    expect(within(o3Notes).getByText('Nothing noted')).toBeTruthy();
    expect(within(o3Notes).getByText('The app store review took three weeks')).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Feedback per workgroup' });
    const web = within(table).getByRole('row', { name: /Web Squad/ });
    expect(within(web).getByText('100%')).toBeTruthy();
    expect(within(web).getByText('2 of 2')).toBeTruthy();
    expect(within(within(table).getByRole('row', { name: /Mobile Team/ })).getByText('50%')).toBeTruthy();
  });

  it('asks again for the period chosen', async () => {
    const { host, user } = await openReviews({
      'feedback/period': (p) =>
        ok(
          p.periodId === '2026-q3'
            ? aPeriodFeedback({
                period: { id: '2026-q3', name: '2026 Q3', start: '2026-07-01', end: '2026-09-30', state: 'closed' },
                objectives: [anAnsweredObjective('O-7', 0.3, { helped: 'Clear scope' })],
              })
            : graded,
        ),
    });
    await screen.findByRole('list', { name: 'Period reviews by objective' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '2026-q3');
    expect(await screen.findByRole('listitem', { name: 'O-7 Objective O-7' })).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: 'O-2 One-click checkout' })).toBeNull();
    // one review, in the singular
    expect(screen.getByText('1 of 1 review answered (100%)')).toBeTruthy();
    expect(asked(host)).toEqual([{ periodId: '2026-q4' }, { periodId: '2026-q3' }]);
  });

  it('says when the reviews open, and where to set the lead time, before anyone was asked', async () => {
    await openReviews({
      'feedback/period': () =>
        ok(
          aPeriodFeedback({ objectives: [aReviewedObjective('O-1'), aReviewedObjective('O-2', { review: 'queued' })] }),
        ),
    });
    expect(await screen.findByRole('heading', { name: 'No period reviews yet' })).toBeTruthy();
    expect(
      screen.getByText(
        'Period reviews open 7 days before the period ends (for 2026 Q4: from 25 Dec); set the lead time in Policies.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Period reviews by objective' })).toBeNull();
  });

  it('says when period reviews are switched off, and when the period has no objectives', async () => {
    const { user } = await openReviews({
      'feedback/period': (p) =>
        ok(
          p.periodId === '2026-q3'
            ? aPeriodFeedback({ objectives: [] })
            : aPeriodFeedback({ enabled: false, objectives: [aReviewedObjective('O-1')] }),
        ),
    });
    expect(
      await screen.findByText('Period reviews are switched off; switch them on and set the lead time in Policies.'),
    ).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '2026-q3');
    expect(await screen.findByRole('heading', { name: 'No objectives in this period' })).toBeTruthy();
  });

  it("shows the server's refusal", async () => {
    await openReviews({
      'feedback/period': () => fail('FORBIDDEN', 'Only Jira administrators can read the period reviews'),
    });
    expect(await screen.findByText('Only Jira administrators can read the period reviews')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers to try again after a failure, and shows the reviews when it works', async () => {
    let calls = 0;
    const { host, user } = await openReviews({
      'feedback/period': () => (++calls === 1 ? fail('UNAVAILABLE', 'Forge storage did not answer') : ok(graded)),
    });
    expect(await screen.findByText('Forge storage did not answer')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Period reviews by objective' })).toBeTruthy();
    expect(screen.queryByText('Forge storage did not answer')).toBeNull();
    await waitFor(() => expect(asked(host)).toHaveLength(2));
  });
});
