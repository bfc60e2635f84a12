/** @jest-environment jsdom */
/** The trend chart as a user meets it: values on hover and on keyboard focus, and the table screen readers read. */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { TrendChart } from '../../../static/project-page/src/trend-chart';

const Q4 = { start: '2026-10-01', end: '2026-12-31' };
const snapshots = [
  { day: '2026-10-11', progress: 0.05, expected: 0.11 },
  { day: '2026-11-10', progress: 0.3, expected: 0.44 },
  { day: '2026-12-03', progress: 0.44, expected: 0.61 },
];

function renderChart(today = '2026-12-06') {
  return render(<TrendChart snapshots={snapshots} period={Q4} today={today} label="O-2 trend" />);
}

describe('trend chart', () => {
  it('draws axes with the period’s dates, percent ticks, today and a one-sentence name', () => {
    renderChart();
    const chart = screen.getByRole('img', {
      name: 'O-2 trend: progress from 5% on 11 Oct to 44% on 3 Dec; an even pace would be at 61%',
    });
    const labels = Array.from(chart.querySelectorAll('text')).map((t) => t.textContent);
    expect(labels).toEqual(['0%', '25%', '50%', '75%', '100%', '1 Oct', '1 Nov', '1 Dec', 'Today']);
    // today outside the period is not marked
    renderChart('2027-01-20');
    const later = screen.getAllByRole('img', { name: /^O-2 trend: progress/ })[1];
    expect(Array.from(later?.querySelectorAll('text') ?? []).map((t) => t.textContent)).not.toContain('Today');
  });

  it('shows a point’s value on hover', () => {
    const { container } = renderChart();
    expect(screen.queryByTestId('trend-tooltip')).toBeNull();
    const point = container.querySelector('[data-day="2026-11-10"]');
    if (point === null) throw new Error('no point for 10 Nov');
    fireEvent.mouseEnter(point);
    expect(screen.getByTestId('trend-tooltip').textContent).toBe('10 Nov: 30% (pace 44%)');
    fireEvent.mouseLeave(screen.getByRole('group', { name: /O-2 trend/ }));
    expect(screen.queryByTestId('trend-tooltip')).toBeNull();
  });

  it('reads each point from the keyboard: one tab stop, the arrows move, the value is announced', async () => {
    const user = userEvent.setup();
    renderChart();
    await user.tab();
    const group = screen.getByRole('group', { name: 'O-2 trend: the arrow keys read each day' });
    expect(document.activeElement).toBe(group);
    // focus starts at the latest point
    expect(screen.getByTestId('trend-tooltip').textContent).toBe('3 Dec: 44% (pace 61%)');
    expect(screen.getByRole('status').textContent).toBe('3 Dec: 44% (pace 61%)');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('status').textContent).toBe('10 Nov: 30% (pace 44%)');
    await user.keyboard('{Home}');
    expect(screen.getByTestId('trend-tooltip').textContent).toBe('11 Oct: 5% (pace 11%)');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByTestId('trend-tooltip').textContent).toBe('11 Oct: 5% (pace 11%)');
    await user.keyboard('{End}');
    expect(screen.getByRole('status').textContent).toBe('3 Dec: 44% (pace 61%)');
    await user.tab();
    expect(screen.queryByTestId('trend-tooltip')).toBeNull();
  });

  it('holds every point in a table for screen readers', () => {
    renderChart();
    const table = screen.getByRole('table', { name: 'O-2 trend: progress and an even pace by day' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Day', 'Progress', 'Even pace'],
      ['11 Oct', '5%', '11%'],
      ['10 Nov', '30%', '44%'],
      ['3 Dec', '44%', '61%'],
    ]);
  });

  it('has no serious or critical axe violation, at rest and while a point is focused', async () => {
    const user = userEvent.setup();
    const { container } = renderChart();
    // jsdom lays nothing out: contrast is checked in the local host's walks (test/e2e/looks)
    const serious = async () =>
      (await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    expect(await serious()).toEqual([]);
    await user.tab();
    expect(await serious()).toEqual([]);
  });

  it('says the trend is coming rather than drawing one point', () => {
    render(<TrendChart snapshots={snapshots.slice(0, 1)} period={Q4} today="2026-12-06" label="O-2 trend" />);
    expect(screen.getByText(/The trend appears once Tether has snapshots of two days/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
