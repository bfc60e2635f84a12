/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FigureExplained } from '@contract/figure-explained';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { ok, renderSurface } from '../support/render-surface';
import { aPage } from './page-builders';
import { pageHost } from './page-host';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const line = (over: Record<string, unknown>) => ({
  kind: 'key-result',
  title: '',
  overshoot: 0,
  weightIsDefault: false,
  notCounted: null,
  startsOn: null,
  ...over,
});

/** What the server explains of O-2 (25%, at risk): two key results, a child, a child of next quarter, one restricted child. */
const O2_EXPLAINED = FigureExplained.parse({
  breakdown: {
    progress: 0.25,
    include: 'key-results-and-children',
    lines: [
      line({
        key: 'KR-1',
        title: 'Conversion rate',
        progress: 1,
        overshoot: 0.25,
        weight: 1,
        weightIsDefault: true,
        share: 0.25,
      }),
      line({
        key: 'KR-2',
        title: 'Payment bugs fixed',
        progress: 0.3,
        weight: 0,
        share: null,
        notCounted: 'weight-zero',
      }),
      line({ kind: 'child', key: 'O-4', title: 'One-click payment', progress: 0.1, weight: 2, share: 0.5 }),
      line({
        kind: 'child',
        key: 'O-12',
        title: 'Wallets',
        progress: null,
        weight: 1,
        share: null,
        notCounted: 'not-started',
        startsOn: '2027-01-01',
      }),
    ],
    hidden: { count: 1, share: 0.25 },
  },
  status: {
    status: 'at-risk',
    progress: 0.25,
    expected: 0.5,
    lagPace: 'on-track',
    atRiskLag: 0.3,
    offTrackLag: 0.5,
    confidenceCap: { confidence: 'medium', since: Date.parse('2026-12-03T09:00:00Z') },
    stale: null,
    startsOn: null,
  },
});

function pageWithExplained() {
  // lags under which 25% at 50% of the period is on pace, so the medium confidence is what lowers it
  const page = { ...aPage(), statusPolicy: { atRiskLag: 0.3, offTrackLag: 0.5, checkInCadenceDays: 7 } };
  const checkout = page.workgroups[0]!;
  checkout.objectives = checkout.objectives.map((e) =>
    e.objective.key === 'O-2' && e.rollup !== null
      ? {
          ...e,
          // KR-1 went past its target: the engine keeps the overshoot beside a progress of 1
          rollup: {
            ...e.rollup,
            // the record the page derives O2_EXPLAINED.status from, with the page's policy below
            progress: 0.25,
            expected: 0.5,
            status: 'at-risk' as const,
            pace: 'at-risk' as const,
            confidence: 'medium' as const,
            lastCheckInAt: Date.parse('2026-12-03T09:00:00Z'),
            keyResults: e.rollup.keyResults.map((k) =>
              k.keyResultId === 'O-2.KR-1' ? { ...k, progress: 1, overshoot: 0.25 } : k,
            ),
          },
        }
      : e,
  );
  return page;
}

/** The page with O-2's status reason, and O-2's figure explained when asked. */
const handlers = {
  'project-page/view': () => ok(pageWithExplained()),
  'objectives/explain': (p: { objectiveKey: string }) =>
    ok({ objectiveKey: p.objectiveKey, explained: p.objectiveKey === 'O-2' ? O2_EXPLAINED : null }),
};

async function openO2(user: ReturnType<typeof userEvent.setup>) {
  const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
  return screen.findByRole('complementary', { name: 'O-2 details' });
}

describe('project page: every figure explains itself', () => {
  it('says why the status in the tree row and beside the detail’s lozenge', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost(handlers));
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    const row = within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ });
    const why = 'At risk: 25% done at 50% of the period; confidence Medium since 3 Dec';
    expect(row.getAttribute('aria-description')).toBe(why);
    expect(within(row).getByTitle(why)).toBeTruthy();
    await user.click(row);
    const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
    expect(within(detail).getByText(why)).toBeTruthy();
  });

  it('lists what makes the figure: each input’s progress, weight and share, and what is not counted and why', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost(handlers));
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
    const detail = await screen.findByRole('complementary', { name: 'O-2 details' });
    const section = within(detail).getByRole('region', { name: 'How 25% is made' });
    expect(within(section).getByText(/weighted mean of its key results and the objectives contributing/)).toBeTruthy();
    const table = within(section).getByRole('table', { name: 'What makes the figure of O-2' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'Key result KR-1 Conversion rate125% — 25% beyond targetweight 1 (the default)25% of the figure',
      'Key result KR-2 Payment bugs fixed30%weight 0shown, not counted (weight 0)',
      'Child objective O-4 One-click payment10%weight 250% of the figure',
      'Child objective O-12 Wallets' + 'no measure yetweight 1starts 1 Jan 2027: not counted until then',
      '1 objective you cannot see25% of the figure',
    ]);
    // a contributing objective opens in turn
    await user.click(within(table).getByRole('link', { name: 'O-4 One-click payment' }));
    expect(await screen.findByRole('complementary', { name: 'O-4 details' })).toBeTruthy();
  });

  it('shows a key result past its target with its overshoot', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost(handlers));
    const detail = await openO2(user);
    const kr1 = within(detail).getByRole('listitem', { name: 'KR-1 Conversion rate' });
    expect(within(kr1).getByText('125% — 25% beyond target')).toBeTruthy();
  });
});
