/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrganisationPage } from '../../../static/organisation-page/src/organisation-page';
import { anOrganisationEntry, anOrganisationView } from '../support/organisation-builders';
import { fail, fakeHost, ok, renderSurface } from '../support/render-surface';
import { captureDownloads, csvLines } from '../support/downloads';

const top = anOrganisationEntry('O-1', 'Customers pay without friction', 'on-track', 0.6, {
  levelId: 'organisation',
});
const squad = anOrganisationEntry('O-2', 'One-click checkout', 'at-risk', 0.25, {
  parentId: 'O-1',
  workgroupId: 'checkout',
});
const platform = anOrganisationEntry('O-3', 'Deliver page speed', 'off-track', 0.1, {
  parentId: 'O-1',
  workgroupId: 'platform',
});

const { files, clicked } = captureDownloads();

describe('the organisation page', () => {
  it('draws the objectives under their parents, with level, workgroup, status and progress, and how many there are', async () => {
    const host = fakeHost({
      'organisation/view': () => ok(anOrganisationView({ entries: [top, squad, platform], total: 3 })),
    });
    renderSurface(<OrganisationPage />, host);
    const parent = await screen.findByRole('listitem', { name: 'O-1 Customers pay without friction' });
    const child = within(parent).getByRole('listitem', { name: 'O-2 One-click checkout' });
    expect(within(child).getByText('At risk')).toBeTruthy();
    expect(within(child).getByText(/Workgroup · Checkout squad/)).toBeTruthy();
    expect(within(child).getByRole('progressbar', { name: 'O-2 One-click checkout: 25%' })).toBeTruthy();
    expect(within(parent).getByRole('listitem', { name: 'O-3 Deliver page speed' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('3 objectives');
    expect(host.calls[0]).toEqual({ key: 'organisation/view', payload: { limit: 200 } });
  });

  it('asks the server again for each filter, and shows a parent that does not match for context', async () => {
    const host = fakeHost({
      'organisation/view': (payload) =>
        ok(
          payload.workgroupIds?.[0] === 'platform'
            ? anOrganisationView({ entries: [platform], context: [top], total: 1 })
            : anOrganisationView({ entries: [top, squad, platform], total: 3 }),
        ),
    });
    renderSurface(<OrganisationPage />, host);
    await screen.findByRole('listitem', { name: 'O-2 One-click checkout' });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Workgroup'), 'Platform Team');
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'O-2 One-click checkout' })).toBeNull());
    const parent = screen.getByRole('listitem', { name: 'O-1 Customers pay without friction' });
    expect(within(parent).getAllByText(/shown for context/)).toHaveLength(1);
    expect(host.calls.at(-1)?.payload).toEqual({ workgroupIds: ['platform'], limit: 200 });
    await user.selectOptions(screen.getByLabelText('Status'), 'Off track');
    await waitFor(() =>
      expect(host.calls.at(-1)?.payload).toEqual({ workgroupIds: ['platform'], statuses: ['off-track'], limit: 200 }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(host.calls.at(-1)?.payload).toEqual({ limit: 200 }));
  });

  it('adds the next page to the tree with "Show more"', async () => {
    const host = fakeHost({
      'organisation/view': (payload) =>
        ok(
          payload.after === 'O-2'
            ? anOrganisationView({ entries: [platform], context: [top], total: 3 })
            : anOrganisationView({ entries: [top, squad], total: 3, next: 'O-2' }),
        ),
    });
    renderSurface(<OrganisationPage />, host);
    await screen.findByRole('listitem', { name: 'O-2 One-click checkout' });
    expect(screen.getByRole('status').textContent).toBe('2 objectives of 3 shown');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show more' }));
    await screen.findByRole('listitem', { name: 'O-3 Deliver page speed' });
    expect(host.calls.at(-1)?.payload).toEqual({ after: 'O-2', limit: 200 });
    expect(screen.getByRole('status').textContent).toBe('3 objectives');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    // O-1 is on the first page: not drawn twice
    expect(screen.getAllByRole('listitem', { name: 'O-1 Customers pay without friction' })).toHaveLength(1);
  });

  it('says when nothing matches the filters, and shows a server error', async () => {
    const host = fakeHost({ 'organisation/view': () => fail('UNAVAILABLE', 'Jira was busy') });
    renderSurface(<OrganisationPage />, host);
    expect(await screen.findByText(/Jira was busy/)).toBeTruthy();

    const empty = fakeHost({ 'organisation/view': () => ok(anOrganisationView()) });
    renderSurface(<OrganisationPage />, empty);
    expect(await screen.findByRole('heading', { name: 'No objectives you can see here' })).toBeTruthy();
  });

  it('exports what it shows as CSV, with the same figures and names, and says when more are not loaded', async () => {
    const user = userEvent.setup();
    const host = fakeHost({
      'organisation/view': () => ok(anOrganisationView({ entries: [top, squad, platform], total: 5, next: 'O-3' })),
    });
    renderSurface(<OrganisationPage />, host);
    await screen.findByRole('listitem', { name: 'O-2 One-click checkout' });
    await user.click(screen.getByRole('button', { name: 'Export the 3 shown as CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('tether-organisation-p-2026q4.csv');
    const rows = (await csvLines(files[0]!)).filter((l) => /^O-\d/.test(l));
    expect(rows.map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      // the owner as the page names them (no Jira profile in this test: the account id)
      'O-1,Customers pay without friction,Organisation,,acc-owner,On track,60',
      'O-2,One-click checkout,Workgroup,Checkout squad,acc-owner,At risk,25',
      'O-3,Deliver page speed,Workgroup,Platform Team,acc-owner,Off track,10',
    ]);
  });
});
