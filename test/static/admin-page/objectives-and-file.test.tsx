/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AdminPage } from '../../../static/admin-page/src/admin-page';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import { anObjectiveList, anOrgObjective, aSettingsView } from './admin-builders';

function setup(handlers: Handlers) {
  const admin = { accountId: 'acc-admin', isSiteAdmin: true, leads: [], memberOf: [] };
  const host = fakeHost(
    { 'settings/get': () => ok(aSettingsView()), 'me/get': () => ok(admin), ...handlers },
    { projectKey: null },
  );
  const user = userEvent.setup();
  renderSurface(<AdminPage />, host);
  return { host, user };
}

const emptySummary = {
  objectives: { created: [], updated: [], unchanged: [] },
  keyResults: { created: [], updated: [], removed: [] },
  links: { added: 0, removed: 0 },
  periods: { created: [], updated: [] },
  workgroups: { created: [], updated: [] },
  levelsChanged: false,
  untouched: [],
};

function chooseFile(name: string, text: string) {
  const input = screen.getByLabelText('Objectives file');
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'application/yaml' })] } });
}

describe('admin page: objectives file', () => {
  it('previews a file with every problem and its location, and does not let it be applied', async () => {
    const { host, user } = setup({
      'objectives-file/import': () =>
        ok({
          applied: false,
          summary: null,
          errors: [
            { path: 'objectives.3.parent', message: 'O-9 aligns to O-99, which does not exist' },
            { path: 'line 4, column 3', message: 'Nested mappings are not allowed in compact mappings' },
          ],
          progress: null,
          job: null,
        }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Import and export' }));
    chooseFile('objectives.yaml', 'format: tether-objectives/1\n');
    const problems = await screen.findByRole('region', { name: 'Problems in the file' });
    expect(within(problems).getByText('objectives.3.parent')).toBeTruthy();
    expect(within(problems).getByText('O-9 aligns to O-99, which does not exist')).toBeTruthy();
    expect(within(problems).getByText('line 4, column 3')).toBeTruthy();
    expect(within(problems).getByText(/2 problems must be fixed/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply import' })).toHaveProperty('disabled', true);
    expect(host.calls.filter((c) => c.key === 'objectives-file/import')).toEqual([
      { key: 'objectives-file/import', payload: { text: 'format: tether-objectives/1\n', apply: false } },
    ]);
  });

  it('previews what a clean file changes, then applies it and says what was written', async () => {
    const text = 'format: tether-objectives/1\nobjectives: []\n';
    const { host, user } = setup({
      'objectives-file/import': (p) =>
        p.apply
          ? ok({
              applied: true,
              summary: emptySummary,
              errors: [],
              progress: {
                settingsWritten: true,
                workgroupsWritten: 1,
                objectivesWritten: 2,
                rollupsUpdated: 3,
                linksAdded: 4,
                linksRemoved: 0,
                issuesRecomputed: 4,
                propertiesWritten: 4,
                propertiesPending: [],
              },
              job: null,
            })
          : ok({
              applied: false,
              summary: {
                ...emptySummary,
                objectives: { created: ['O-1', 'O-2'], updated: [], unchanged: [] },
                workgroups: { created: ['web-squad'], updated: [] },
              },
              errors: [],
              progress: null,
              job: null,
            }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Import and export' }));
    chooseFile('org.yml', text);
    const changes = await screen.findByRole('list', { name: 'What the import changes' });
    expect(within(changes).getByText('Objectives created (2): O-1, O-2')).toBeTruthy();
    expect(within(changes).getByText('Workgroups created (1): web-squad')).toBeTruthy();
    const apply = screen.getByRole('button', { name: 'Apply import' });
    expect(apply).toHaveProperty('disabled', false);
    await user.click(apply);
    expect(await screen.findByText(/2 objectives and 3 rollups written; 4 issue links added/)).toBeTruthy();
    expect(host.calls.filter((c) => c.key === 'objectives-file/import').map((c) => c.payload)).toEqual([
      { text, apply: false },
      { text, apply: true },
    ]);
    await waitFor(() => expect(host.calls.filter((c) => c.key === 'settings/get')).toHaveLength(2));
  });

  it('exports the whole hierarchy as a YAML file to download', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:tether/1';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { host, user } = setup({
      'objectives-file/export': () =>
        ok({ text: 'format: tether-objectives/1\n', objectives: 40, keyResults: 60, links: 42 }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Import and export' }));
    await user.click(screen.getByRole('button', { name: 'Export objectives file' }));
    const link = await screen.findByRole('link', {
      name: /Download tether-objectives-.*\.yaml \(40 objectives, 60 key results, 42 issue links\)/,
    });
    expect(link.getAttribute('href')).toBe('blob:tether/1');
    expect(link.getAttribute('download')).toMatch(/^tether-objectives-\d{4}-\d{2}-\d{2}\.yaml$/);
    expect(blobs[0]?.type).toBe('application/yaml');
    expect(blobs[0]?.size).toBe('format: tether-objectives/1\n'.length);
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(host.calls.map((c) => c.key)).toContain('objectives-file/export');
    clicked.mockRestore();
  });
});

describe('admin page: objectives tree', () => {
  const o1 = anOrgObjective('O-1', { title: 'Customers pay without friction' });
  const o2 = anOrgObjective('O-2', { title: 'Sell online', levelId: 'strategic', parentId: 'O-1', version: 4 });
  const o3 = anOrgObjective('O-3', {
    title: 'Faster checkout',
    levelId: 'programme',
    parentId: 'O-2',
    alignments: [{ objectiveId: 'O-5', weight: 1 }],
  });
  const o5 = anOrgObjective('O-5', { title: 'Grow mobile', levelId: 'strategic' });

  it('shows each objective under its parent, with its level', async () => {
    const { user } = setup({ 'objectives/list': () => ok(anObjectiveList([o1, o2, o3, o5])) });
    await user.click(await screen.findByRole('tab', { name: 'Objectives' }));
    const parent = await screen.findByRole('listitem', { name: 'O-1 Customers pay without friction' });
    const child = within(parent).getByRole('listitem', { name: 'O-2 Sell online' });
    expect(within(child).getByRole('listitem', { name: 'O-3 Faster checkout' })).toBeTruthy();
    expect(within(parent).queryByRole('listitem', { name: 'O-5 Grow mobile' })).toBeNull();
    expect(within(child).getAllByText('Strategic').length).toBeGreaterThan(0);
  });

  it('moves an objective with "Move to…" from the keyboard, and explains the server\'s cycle refusal', async () => {
    const cycle = 'these objectives align to each other in a circle: O-5 → O-3 → O-5';
    const { host, user } = setup({
      'objectives/list': () => ok(anObjectiveList([o1, o2, o3, o5])),
      'objectives/move': () => fail('VALIDATION', 'O-5 cannot move there', [{ path: 'parentId', message: cycle }]),
    });
    await user.click(await screen.findByRole('tab', { name: 'Objectives' }));
    const row = await screen.findByRole('listitem', { name: 'O-5 Grow mobile' });
    within(row).getByRole('button', { name: 'Move to… O-5' }).focus();
    await user.keyboard('{Enter}');
    const form = await screen.findByRole('form', { name: 'Move O-5' });
    expect(within(row).getByRole('button', { name: 'Move to… O-5' }).getAttribute('aria-expanded')).toBe('true');
    const parent = within(form).getByLabelText('New parent of O-5');
    expect(document.activeElement).toBe(parent);
    // O-3 (programme) sits below O-5 (strategic): offered once O-5 is to move down to workgroup
    expect(within(parent).queryByRole('option', { name: /^O-3/ })).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Level'), 'workgroup');
    await user.selectOptions(parent, 'O-3');
    await user.click(within(form).getByRole('button', { name: 'Move' }));
    expect(await within(form).findAllByText(cycle)).not.toHaveLength(0);
    expect(within(form).getByText('O-5 cannot move there')).toBeTruthy();
    expect(parent.getAttribute('aria-invalid')).toBe('true');
    expect(host.calls.find((c) => c.key === 'objectives/move')?.payload).toEqual({
      key: 'O-5',
      version: 1,
      parentId: 'O-3',
      levelId: 'workgroup',
    });
  });

  it('offers neither the objective itself nor anything below it as its new parent, and moves it to the top', async () => {
    const { host, user } = setup({
      'objectives/list': () => ok(anObjectiveList([o1, o2, o3, o5])),
      'objectives/move': (p) => ok({ objective: { ...o2, parentId: p.parentId, version: 5 }, rollup: null }),
    });
    await user.click(await screen.findByRole('tab', { name: 'Objectives' }));
    await user.click(await screen.findByRole('button', { name: 'Move to… O-2' }));
    const parent = within(screen.getByRole('form', { name: 'Move O-2' })).getByLabelText('New parent of O-2');
    const offered = within(parent)
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    // only parents above its level: O-5 sits at its own level
    expect(offered).toEqual(['', 'O-1']);
    await user.selectOptions(parent, '');
    await user.click(screen.getByRole('button', { name: 'Move' }));
    await waitFor(() =>
      expect(host.flags).toContainEqual({ type: 'success', title: 'O-2 is now at the top of the tree' }),
    );
    expect(host.calls.find((c) => c.key === 'objectives/move')?.payload).toEqual({
      key: 'O-2',
      version: 4,
      parentId: null,
    });
    expect(host.calls.filter((c) => c.key === 'objectives/list')).toHaveLength(2);
    // the focus comes back to the moved objective's "Move to…", where it now sits
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move to… O-2' })));
  });

  it('gives the focus back to "Move to…" when the move is cancelled with Escape', async () => {
    const { user } = setup({ 'objectives/list': () => ok(anObjectiveList([o1, o2, o3, o5])) });
    await user.click(await screen.findByRole('tab', { name: 'Objectives' }));
    await user.click(await screen.findByRole('button', { name: 'Move to… O-5' }));
    expect(document.activeElement).toBe(screen.getByLabelText('New parent of O-5'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Move O-5' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move to… O-5' })));
  });
});

describe('admin page: new organisation objective', () => {
  it('creates an objective in the period shown, serving one at a higher level, and shows it', async () => {
    const o1 = anOrgObjective('O-1', { title: 'Customers pay without friction' });
    const o6 = anOrgObjective('O-6', { title: 'Sell in two clicks', levelId: 'strategic', parentId: 'O-1' });
    let listed = [o1];
    const { host, user } = setup({
      'objectives/list': () => ok(anObjectiveList(listed)),
      'workgroups/list': () => ok({ workgroups: [] }),
      'objectives/create': () => {
        listed = [o1, o6];
        return ok({ objective: o6, rollup: null });
      },
    });
    await user.click(await screen.findByRole('tab', { name: 'Objectives' }));
    await user.click(await screen.findByRole('button', { name: 'New objective' }));
    const form = screen.getByRole('form', { name: 'New objective' });
    await user.type(within(form).getByLabelText('Title'), 'Sell in two clicks');
    await user.selectOptions(within(form).getByLabelText('Level'), 'strategic');
    await user.selectOptions(within(form).getByLabelText('Serves'), 'O-1');
    await user.click(within(form).getByRole('button', { name: 'Create objective' }));
    const parent = await screen.findByRole('listitem', { name: 'O-1 Customers pay without friction' });
    expect(await within(parent).findByRole('listitem', { name: 'O-6 Sell in two clicks' })).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'objectives/create')?.payload).toEqual({
      title: 'Sell in two clicks',
      levelId: 'strategic',
      periodId: '2026-q4',
      parentId: 'O-1',
      workgroupId: null,
    });
  });
});
