/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Period } from '@contract/periods';
import type { JiraRequest } from '@shared/jira';
import { AdminPage } from '../../../static/admin-page/src/admin-page';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import { aJiraUser, aSettingsView, aWorkgroup } from './admin-builders';

const people = [aJiraUser('acc-lee', 'Lee Lead'), aJiraUser('acc-mia', 'Mia Member')];

/** Jira's user search and bulk look-up over `people`, recording each path asked. */
function fakeJira(asked: string[]): JiraRequest {
  return async (path) => {
    asked.push(path);
    const url = new URL(path, 'https://jira.example');
    if (url.pathname === '/rest/api/3/user/search') {
      const q = (url.searchParams.get('query') ?? '').toLowerCase();
      return {
        status: 200,
        body: people.filter((p) =>
          p.displayName
            .toLowerCase()
            .split(' ')
            .some((w) => w.startsWith(q)),
        ),
      };
    }
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
}

function setup(handlers: Handlers) {
  const asked: string[] = [];
  const admin = { accountId: 'acc-admin', isSiteAdmin: true, leads: [], memberOf: [] };
  const host = {
    ...fakeHost(
      { 'settings/get': () => ok(aSettingsView()), 'me/get': () => ok(admin), ...handlers },
      { projectKey: null },
    ),
    jira: fakeJira(asked),
  };
  const user = userEvent.setup();
  renderSurface(<AdminPage />, host);
  return { host, user, asked };
}

async function openTab(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole('tab', { name }));
}

describe('admin page: levels', () => {
  it('renames and reorders the levels and saves the whole list with the version read', async () => {
    const { host, user } = setup({
      'levels/update': (p) =>
        ok(aSettingsView({ levels: p.levels.map((l, i) => ({ id: l.id ?? `new-${i}`, name: l.name })), version: 4 })),
    });
    const strategic = await screen.findByRole('textbox', { name: 'Name of level 2' });
    await user.clear(strategic);
    await user.type(strategic, 'Tribe');
    await user.click(screen.getByRole('button', { name: 'Move Programme up' }));
    await user.click(screen.getByRole('button', { name: 'Save levels' }));
    await waitFor(() => expect(host.calls.some((c) => c.key === 'levels/update')).toBe(true));
    expect(host.calls.find((c) => c.key === 'levels/update')?.payload).toEqual({
      version: 3,
      levels: [
        { id: 'organisation', name: 'Organisation priority' },
        { id: 'programme', name: 'Programme' },
        { id: 'strategic', name: 'Tribe' },
        { id: 'workgroup', name: 'Workgroup' },
      ],
    });
    expect(await screen.findByRole('button', { name: 'Save levels' })).toHaveProperty('disabled', true);
    expect(host.flags).toContainEqual({ type: 'success', title: 'Levels saved' });
  });

  it("shows the server's refusal to remove a level that objectives use, and keeps the edit", async () => {
    const { host, user } = setup({
      'levels/update': () =>
        fail('VALIDATION', 'Level "Programme" cannot be removed while objectives use it', [
          {
            path: 'levels',
            message: 'level "Programme" is used by O-3, O-7; move those objectives to another level before removing it',
          },
        ]),
    });
    await user.click(await screen.findByRole('button', { name: 'Remove Programme' }));
    await user.click(screen.getByRole('button', { name: 'Save levels' }));
    expect(await screen.findByText('Level "Programme" cannot be removed while objectives use it')).toBeTruthy();
    expect(screen.getByText(/is used by O-3, O-7; move those objectives/)).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'levels/update')?.payload).toMatchObject({
      levels: [{ id: 'organisation' }, { id: 'strategic' }, { id: 'workgroup' }],
    });
    expect(screen.queryByRole('textbox', { name: 'Name of level 4' })).toBeNull();
  });

  it('offers to reload after a CONFLICT, and the next save names the new version', async () => {
    let version = 3;
    const { host, user } = setup({
      'settings/get': () => ok(aSettingsView({ version })),
      'levels/update': (p) =>
        p.version === 3
          ? fail(
              'CONFLICT',
              'the settings were changed by someone else (you had version 3, it is now 5); reload and try again',
            )
          : ok(aSettingsView({ version: 6 })),
    });
    await user.type(await screen.findByRole('textbox', { name: 'Name of level 4' }), 's');
    await user.click(screen.getByRole('button', { name: 'Save levels' }));
    version = 5;
    await user.click(await screen.findByRole('button', { name: 'Reload the latest version' }));
    await waitFor(() => expect(host.calls.filter((c) => c.key === 'settings/get')).toHaveLength(2));
    await user.type(await screen.findByRole('textbox', { name: 'Name of level 4' }), 's');
    await user.click(screen.getByRole('button', { name: 'Save levels' }));
    await waitFor(() =>
      expect(
        host.calls.filter((c) => c.key === 'levels/update').map((c) => (c.payload as { version: number }).version),
      ).toEqual([3, 5]),
    );
  });
});

describe('admin page: periods', () => {
  it('shows a create refusal next to the field it names, and keeps what was typed', async () => {
    const { host, user } = setup({
      'periods/create': () =>
        fail('VALIDATION', 'The request periods/create is not valid', [
          { path: 'end', message: 'a period ends on or after its start' },
        ]),
    });
    await openTab(user, 'Periods');
    // the hint describes its control
    expect(screen.getByRole('textbox', { name: 'Name', description: 'For example 2026 Q4 or FY2027' })).toBeTruthy();
    await user.type(screen.getByLabelText('Name'), '2027 Q1');
    await user.type(screen.getByLabelText('Start'), '2027-03-31');
    await user.type(screen.getByLabelText('End'), '2027-01-01');
    await user.click(screen.getByRole('button', { name: 'Create period' }));
    const end = screen.getByLabelText('End');
    await waitFor(() => expect(end.getAttribute('aria-invalid')).toBe('true'));
    // the focus goes to the field to fix, not left on the button
    await waitFor(() => expect(document.activeElement).toBe(end));
    // the message is tied to its control, not merely placed next to it
    expect(document.getElementById(end.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'a period ends on or after its start',
    );
    expect(screen.getAllByText('a period ends on or after its start').length).toBeGreaterThanOrEqual(1);
    // the request-level refusal reads as a sentence: no resolver key, no code font
    const periodForm = screen.getByRole('form', { name: /New period/ });
    expect(within(periodForm).getByText('Some of what was entered is not valid.')).toBeTruthy();
    expect(within(periodForm).queryByText(/periods\/create/)).toBeNull();
    expect(periodForm.querySelector('code')).toBeNull();
    expect(host.calls.find((c) => c.key === 'periods/create')?.payload).toEqual({
      version: 3,
      name: '2027 Q1',
      start: '2027-03-31',
      end: '2027-01-01',
    });
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('2027 Q1');
  });
});

describe('admin page: workgroups', () => {
  it('creates a workgroup with leads and members picked from Jira people', async () => {
    const { host, user, asked } = setup({
      'workgroups/list': () => ok({ workgroups: [] }),
      'workgroups/create': (p) =>
        ok(
          aWorkgroup({
            id: 'checkout',
            name: p.name,
            kind: p.kind,
            leads: p.leads,
            members: p.members ?? [],
            projects: p.projects ?? [],
            version: 1,
          }),
        ),
    });
    await openTab(user, 'Workgroups');
    await user.click(await screen.findByRole('button', { name: 'Create workgroup' }));
    const form = screen.getByRole('form', { name: 'New workgroup' });
    await user.type(within(form).getByLabelText('Name'), 'Checkout');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'cross-functional-team');
    await user.type(within(form).getByRole('combobox', { name: 'Leads' }), 'lee');
    await user.click(await within(form).findByRole('option', { name: /Lee Lead/ }));
    await user.type(within(form).getByRole('combobox', { name: 'Members' }), 'mi');
    await screen.findByRole('option', { name: /Mia Member/ });
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(within(form).getByRole('list', { name: 'Leads: chosen' }).textContent).toContain('Lee Lead');
    expect(within(form).getByRole('list', { name: 'Members: chosen' }).textContent).toContain('Mia Member');
    await user.type(within(form).getByLabelText('Jira projects'), 'web, mob');
    await user.click(within(form).getByRole('button', { name: 'Create workgroup' }));
    await waitFor(() => expect(host.calls.some((c) => c.key === 'workgroups/create')).toBe(true));
    expect(host.calls.find((c) => c.key === 'workgroups/create')?.payload).toEqual({
      name: 'Checkout',
      kind: 'cross-functional-team',
      leads: ['acc-lee'],
      members: ['acc-mia'],
      projects: ['WEB', 'MOB'],
    });
    expect(asked.some((p) => p.startsWith('/rest/api/3/user/search?query=lee'))).toBe(true);
    expect(host.flags).toContainEqual({ type: 'success', title: 'Workgroup Checkout created' });
  });
});

describe('admin page: workgroups, refused', () => {
  it("ties the server's messages to the people picker and the projects field (a detail below a field's path counts), as their accessible descriptions", async () => {
    const { user } = setup({
      'workgroups/list': () => ok({ workgroups: [] }),
      'workgroups/create': () =>
        fail('VALIDATION', 'The workgroup was not created', [
          { path: 'leads.0', message: 'acc-lee is not an active Jira user' },
          { path: 'projects.1', message: 'MOB is not a Jira project' },
        ]),
    });
    await openTab(user, 'Workgroups');
    await user.click(await screen.findByRole('button', { name: 'Create workgroup' }));
    const form = screen.getByRole('form', { name: 'New workgroup' });
    expect(
      within(form)
        .getByRole('textbox', { name: 'Jira projects', description: /^Project keys, separated by commas/ })
        .getAttribute('aria-invalid'),
    ).toBeNull();
    await user.type(within(form).getByLabelText('Name'), 'Checkout');
    await user.type(within(form).getByRole('combobox', { name: 'Leads' }), 'lee');
    await user.click(await within(form).findByRole('option', { name: /Lee Lead/ }));
    await user.type(within(form).getByLabelText('Jira projects'), 'web, mob');
    await user.click(within(form).getByRole('button', { name: 'Create workgroup' }));
    const leads = await within(form).findByRole('combobox', {
      name: 'Leads',
      description: 'acc-lee is not an active Jira user',
    });
    expect(leads.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(leads));
    const projects = within(form).getByRole('textbox', {
      name: 'Jira projects',
      description: 'MOB is not a Jira project',
    });
    expect(projects.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('combobox', { name: 'Members' }).getAttribute('aria-describedby')).toBeNull();
    expect(
      within(form).getByRole('textbox', { name: 'Name', description: '' }).getAttribute('aria-invalid'),
    ).toBeNull();
  });
});

describe('admin page: workgroups, changed and deleted', () => {
  const web = aWorkgroup({ leads: ['acc-lee'], members: ['acc-mia'], projects: ['WEB'], version: 2 });

  it('sends only what changed, with the version read, and shows leads by name', async () => {
    const { host, user } = setup({
      'workgroups/list': () => ok({ workgroups: [web] }),
      'workgroups/update': (p) => ok({ ...web, ...p, version: 3 }),
    });
    await openTab(user, 'Workgroups');
    expect(await screen.findByRole('cell', { name: 'Lee Lead' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit Web Squad' }));
    const form = screen.getByRole('form', { name: 'Edit workgroup Web Squad' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'delivery-group');
    await user.click(await within(form).findByRole('button', { name: 'Remove Mia Member from members' }));
    await user.click(within(form).getByRole('button', { name: 'Save workgroup' }));
    await waitFor(() => expect(host.flags).toContainEqual({ type: 'success', title: 'Workgroup Web Squad saved' }));
    expect(host.calls.find((c) => c.key === 'workgroups/update')?.payload).toEqual({
      id: 'web-squad',
      version: 2,
      kind: 'delivery-group',
      members: [],
    });
  });

  it("shows the server's refusal to delete a workgroup that still has objectives", async () => {
    const { host, user } = setup({
      'workgroups/list': () => ok({ workgroups: [web] }),
      'workgroups/delete': () =>
        fail('VALIDATION', 'Workgroup "Web Squad" still has objectives: O-2, O-5; move or archive them first'),
    });
    await openTab(user, 'Workgroups');
    await user.click(await screen.findByRole('button', { name: 'Delete… Web Squad' }));
    await user.click(screen.getByRole('button', { name: 'Delete workgroup' }));
    expect(
      await screen.findByText('Workgroup "Web Squad" still has objectives: O-2, O-5; move or archive them first'),
    ).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'workgroups/delete')?.payload).toEqual({ id: 'web-squad', version: 2 });
    expect(host.calls.filter((c) => c.key === 'workgroups/list')).toHaveLength(1);
  });
});

describe('admin page: policies', () => {
  it('switches a prompt kind off at once, sending only that switch with the version read', async () => {
    const { host, user } = setup({
      'settings/update': () => ok(aSettingsView({ version: 4, promptPolicy: { enabled: { escalation: false } } })),
    });
    await openTab(user, 'Policies');
    const escalations = screen.getByRole('switch', { name: /Escalations/ });
    expect(escalations).toHaveProperty('checked', true);
    await user.click(escalations);
    await waitFor(() => expect(screen.getByRole('switch', { name: /Escalations/ })).toHaveProperty('checked', false));
    expect(host.calls.find((c) => c.key === 'settings/update')?.payload).toEqual({
      version: 3,
      promptPolicy: { enabled: { escalation: false } },
    });
    expect(screen.getByRole('switch', { name: /Outcome reviews/ })).toHaveProperty('checked', true);
  });

  it('saves only the changed figures, lags as fractions, and shows a refusal at its field', async () => {
    const { host, user } = setup({
      'settings/update': () =>
        fail('VALIDATION', 'The settings are not valid', [
          { path: 'rollupPolicy.offTrackLag', message: 'the off-track lag must be at least the at-risk lag' },
        ]),
    });
    await openTab(user, 'Policies');
    const atRisk = screen.getByLabelText('At risk when behind the calendar by (%)');
    await user.clear(atRisk);
    await user.type(atRisk, '30');
    expect(
      screen.getByRole('spinbutton', {
        name: 'Off track when behind by (%)',
        description: 'At least the at-risk figure',
      }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save policies' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Off track when behind by (%)').getAttribute('aria-invalid')).toBe('true'),
    );
    // the error replaces the hint as the field's description
    expect(
      screen.getByRole('spinbutton', {
        name: 'Off track when behind by (%)',
        description: 'the off-track lag must be at least the at-risk lag',
      }),
    ).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'settings/update')?.payload).toEqual({
      version: 3,
      rollupPolicy: { atRiskLag: 0.3 },
    });
  });
});

describe('admin page: closing a period', () => {
  const q4 = Period.parse({ id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
  const q1 = Period.parse({ id: '2027-q1', name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });

  it('previews the objectives carried into the next period, then carries them (in as many calls as needed) and closes, from the version read', async () => {
    const { host, user } = setup({
      'settings/get': () => ok(aSettingsView({ periods: [q4, q1] })),
      'carry-forward/preview': () =>
        ok({
          from: q4,
          to: q1,
          objectives: [
            {
              key: 'O-2',
              title: 'Sell online',
              levelId: 'strategic',
              workgroupId: null,
              status: 'active',
              progress: 0.4,
              parent: { key: 'O-1', carried: false },
              alignments: [],
              dropped: [],
              keyResults: 2,
              workIssues: 5,
            },
            {
              key: 'O-3',
              title: 'Faster checkout',
              levelId: 'programme',
              workgroupId: null,
              status: 'active',
              progress: null,
              parent: { key: 'O-2', carried: true },
              alignments: [],
              dropped: ['O-9'],
              keyResults: 1,
              workIssues: 0,
            },
          ],
          alreadyCarried: [],
        }),
      // 60 per call: the second call carries what the first left
      'carry-forward/apply': () =>
        host.calls.filter((c) => c.key === 'carry-forward/apply').length === 1
          ? ok({ from: q4, to: q1, carried: [{ from: 'O-2', to: 'O-20' }], alreadyCarried: [], remaining: 1 })
          : ok({
              from: q4,
              to: q1,
              carried: [{ from: 'O-3', to: 'O-21' }],
              alreadyCarried: [{ key: 'O-2', copy: 'O-20' }],
              remaining: 0,
            }),
      'periods/close': () =>
        ok({
          settings: aSettingsView({ periods: [{ ...q4, state: 'closed' }, q1], version: 4 }),
          period: { ...q4, state: 'closed' as const },
        }),
    });
    await openTab(user, 'Periods');
    await user.click(screen.getByRole('button', { name: 'Close… 2026 Q4' }));
    const preview = await screen.findByRole('region', { name: 'Carried into 2027 Q1' });
    expect(within(preview).getByText('2 objectives continue in 2027 Q1')).toBeTruthy();
    expect(within(preview).getByText('40%')).toBeTruthy();
    expect(within(preview).getByText('the copy of O-2')).toBeTruthy();
    expect(within(preview).getByText(/Drops O-9/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Carry forward and close' }));
    expect(await screen.findByText('Closed', {}, { timeout: 5000 })).toBeTruthy();
    expect(host.flags).toContainEqual({ type: 'success', title: '2 objectives carried into 2027 Q1; 2026 Q4 closed' });
    expect(
      host.calls.filter((c) => c.key !== 'settings/get' && c.key !== 'me/get').map((c) => [c.key, c.payload]),
    ).toEqual([
      ['carry-forward/preview', { id: '2026-q4', toPeriodId: '2027-q1' }],
      ['carry-forward/apply', { version: 3, id: '2026-q4', toPeriodId: '2027-q1' }],
      ['carry-forward/apply', { version: 3, id: '2026-q4', toPeriodId: '2027-q1' }],
      ['periods/close', { version: 3, id: '2026-q4' }],
    ]);
  });
});

describe('admin page: who may use it', () => {
  it('tells someone who is not a Jira administrator that the page is for administrators, and offers no tab', async () => {
    const { host } = setup({
      'me/get': () =>
        ok({
          accountId: 'acc-lead',
          isSiteAdmin: false,
          leads: [{ id: 'web-squad', name: 'Web Squad' }],
          memberOf: [],
        }),
    });
    expect(await screen.findByText('Only Jira administrators can configure Tether')).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(host.calls.map((c) => c.key).sort()).toEqual(['me/get', 'settings/get']);
  });
});
