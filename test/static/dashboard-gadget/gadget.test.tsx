/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Snapshot } from '@contract/rollup';
import type { GadgetConfig } from '../../../static/dashboard-gadget/src/gadget-config';
import { Gadget } from '../../../static/dashboard-gadget/src/gadget';
import { anOrganisationEntry, anOrganisationView } from '../support/organisation-builders';
import { fakeHost, ok, renderSurface } from '../support/render-surface';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const top = anOrganisationEntry('O-1', 'Customers pay without friction', 'on-track', 0.6, {
  levelId: 'organisation',
});
const platform = anOrganisationEntry('O-3', 'Deliver page speed', 'off-track', 0.1, {
  parentId: 'O-1',
  workgroupId: 'platform',
});

function snapshot(day: string, progress: number) {
  return Snapshot.parse({
    objectiveId: 'O-3',
    day,
    progress,
    expected: 0.5,
    status: 'off-track',
    work: { issues: 4, done: 1, inProgress: 1, toDo: 2, points: 0, pointsDone: 0 },
    keyResults: [],
  });
}

function gadgetHost(snapshots = [snapshot('2026-11-01', 0.05), snapshot('2026-12-01', 0.1)]) {
  return fakeHost({
    'organisation/view': () => ok(anOrganisationView({ entries: [platform], context: [top], total: 1 })),
    'objectives/history': () => ok({ objectiveKey: 'O-3', snapshots }),
  });
}

/** The gadget showing O-3's trend from `snapshots`, once it is drawn: its region. */
async function trendOf(snapshots?: ReturnType<typeof snapshot>[]): Promise<HTMLElement> {
  renderSurface(
    <Gadget configuration={{ show: 'trend', objectiveKey: 'O-3' }} editing={false} onSubmit={async () => undefined} />,
    gadgetHost(snapshots),
  );
  return screen.findByRole('region', { name: 'Trend of O-3 Deliver page speed' });
}

/** The x of each point of the trend's progress line (the solid one), left to right. */
function progressXs(region: HTMLElement): number[] {
  const line = region.querySelector('polyline[stroke-width="2"]');
  const points = line?.getAttribute('points') ?? '';
  return points.split(' ').map((p) => Number(p.split(',')[0]));
}

describe('the dashboard gadget', () => {
  it('opens its edit view while it has no settings, and saves the chosen workgroup with the refresh interval', async () => {
    const submitted: GadgetConfig[] = [];
    renderSurface(
      <Gadget configuration={{}} editing={false} onSubmit={async (c) => void submitted.push(c)} />,
      gadgetHost(),
    );
    const form = await screen.findByRole('form', { name: 'Gadget settings' });
    const user = userEvent.setup();
    await user.click(within(form).getByRole('checkbox', { name: 'Platform Team' }));
    await user.selectOptions(within(form).getByLabelText('Only below'), 'O-1 Customers pay without friction');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]).toEqual({
      show: 'tree',
      periodId: null,
      workgroupIds: ['platform'],
      under: 'O-1',
      objectiveKey: null,
      refresh: 15,
    });
  });

  it('asks for the objective of a trend before saving', async () => {
    const submitted: GadgetConfig[] = [];
    renderSurface(<Gadget configuration={null} editing onSubmit={async (c) => void submitted.push(c)} />, gadgetHost());
    const form = await screen.findByRole('form', { name: 'Gadget settings' });
    const user = userEvent.setup();
    await user.click(within(form).getByRole('radio', { name: "One objective's trend" }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose the objective whose trend to show.');
    expect(submitted).toEqual([]);
    await user.selectOptions(within(form).getByLabelText('Objective'), 'O-3 Deliver page speed');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(submitted[0]?.objectiveKey).toBe('O-3'));
  });

  it('shows its configured tree with status and progress, asking only for its workgroups and subtree', async () => {
    const host = gadgetHost();
    renderSurface(
      <Gadget
        configuration={{ show: 'tree', workgroupIds: ['platform'], under: 'O-1' }}
        editing={false}
        onSubmit={async () => undefined}
      />,
      host,
    );
    const item = await screen.findByRole('listitem', { name: 'O-3 Deliver page speed' });
    expect(within(item).getByText('Off track')).toBeTruthy();
    expect(within(item).getByText('10%')).toBeTruthy();
    expect(host.calls[0]?.payload).toEqual({ workgroupIds: ['platform'], under: 'O-1', limit: 50 });
  });

  it("shows one objective's trend, its line described in words", async () => {
    const region = await trendOf();
    expect(within(region).getByRole('img', { name: 'Progress of O-3: From 5% on 1 Nov to 10% on 1 Dec' })).toBeTruthy();
    expect(within(region).getByText('Off track')).toBeTruthy();
  });

  it('spaces the trend by date: two check-ins a day apart sit close, one a month later far off', async () => {
    const region = await trendOf([
      snapshot('2026-11-01', 0.05),
      snapshot('2026-11-02', 0.06),
      snapshot('2026-12-02', 0.3),
    ]);
    const [first = NaN, second = NaN, third = NaN] = progressXs(region);
    // 31 days from the first to the last: the second point is a 31st of the way along, not half-way
    expect(first).toBe(0);
    expect(third).toBe(320);
    expect(second).toBeCloseTo(320 / 31, 0);
    expect(third - second).toBeGreaterThan(25 * (second - first));
  });

  it('opens the edit view with the saved settings when Jira opens it', async () => {
    renderSurface(
      <Gadget configuration={{ show: 'tree', workgroupIds: ['platform'] }} editing onSubmit={async () => undefined} />,
      gadgetHost(),
    );
    const form = await screen.findByRole('form', { name: 'Gadget settings' });
    expect((within(form).getByRole('checkbox', { name: 'Platform Team' }) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole('checkbox', { name: 'Checkout squad' }) as HTMLInputElement).checked).toBe(false);
  });
});
