/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { ok, renderSurface } from '../support/render-surface';
import { aPage } from './page-builders';
import { callsOf, pageHost } from './page-host';
import { captureDownloads, csvLines, textOf } from '../support/downloads';

const { files, clicked } = captureDownloads();

describe('project page: Export CSV', () => {
  it("downloads the period's rollup as the page shows it, named for the project and period", async () => {
    const user = userEvent.setup();
    const host = pageHost();
    renderSurface(<ProjectPage />, host);
    await screen.findAllByText('Ana Alves');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    const period = aPage().periodId;
    const name = `tether-SHOP-${period ?? 'all-periods'}.csv`;
    expect(clicked[0]).toEqual({ href: 'blob:test/1', download: name });
    expect(screen.getByRole('link', { name: `Download ${name}` })).toBeTruthy();
    expect(files[0]!.type).toBe('text/csv;charset=utf-8');
    const lines = await csvLines(files[0]!);
    expect(lines[0]).toBe(
      'Objective,Title,Level,Workgroup,Owner,Status,Progress %,Key results,Key results (progress),Work done,Work total',
    );
    expect(lines).toContain(
      'O-2,Checkout converts better,Workgroup,Checkout squad,Ana Alves,At risk,25,2,KR-1 Conversion rate (50%); KR-2 Payment bugs fixed (30%),2,4',
    );
    expect(lines.filter((l) => /^O-\d/.test(l)).map((l) => l.split(',')[0])).toEqual([
      'O-2',
      'O-3',
      'O-4',
      'O-5',
      'O-1',
    ]);
  });

  it('exports the period chosen in the header', async () => {
    const user = userEvent.setup();
    const q1 = aPage({ periodId: 'p-2027q1', workgroups: [aPage().workgroups[1]], aligned: [] });
    const host = pageHost({
      'project-page/view': (p) => ok(p.periodId === 'p-2027q1' ? q1 : aPage()),
    });
    renderSurface(<ProjectPage />, host);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Period' }), 'p-2027q1');
    await waitFor(() =>
      expect(callsOf(host, 'project-page/view')).toContainEqual({ projectKey: 'SHOP', periodId: 'p-2027q1' }),
    );
    await screen.findByRole('button', { name: 'Export CSV' });
    await waitFor(() => expect(screen.queryByText('Checkout converts better')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('tether-SHOP-p-2027q1.csv');
    const rows = (await textOf(files[0]!)).split('\r\n').filter((l) => /^O-\d/.test(l));
    expect(rows.map((l) => l.split(',')[0])).toEqual(['O-5']);
  });
});
