/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ObjectiveChange, KeyResultChange } from '@contract/api/objectives';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, ok, renderSurface } from '../support/render-surface';
import { aKeyResultOf, anObjectiveView, aRollup } from '../support/view-builders';
import { ADMIN, ANA, AS_ADMIN, aPage } from './page-builders';
import { callsOf, pageHost } from './page-host';

function created(key: string, over: Record<string, unknown> = {}) {
  return ObjectiveChange.parse({
    objective: anObjectiveView({ id: key, key, version: 1, ...over }),
    rollup: aRollup(key, 'no-measure', null),
  });
}

async function startCreating(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(screen.getAllByRole('button', { name: 'Create objective' })[0]!);
  return screen.findByRole('form', { name: 'Create objective' });
}

async function openDetail(user: ReturnType<typeof userEvent.setup>, key: string, title: string) {
  const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(within(tree).getByRole('treeitem', { name: new RegExp(`^${key} ${title}`) }));
  return screen.findByRole('complementary', { name: `${key} details` });
}

describe('project page: creating and changing objectives', () => {
  it('creates an objective in the workgroup the lead leads, aligned and weighted, then shows it', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'objectives/create': (p) =>
        ok(created('O-9', { title: p.title, workgroupId: p.workgroupId, parentId: p.parentId })),
    });
    renderSurface(<ProjectPage />, host);
    const form = await startCreating(user);
    // only the workgroups the caller leads are offered
    expect(
      within(within(form).getByLabelText('Workgroup'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Checkout squad']);
    await user.type(within(form).getByLabelText('Title'), 'Fewer abandoned carts');
    await user.selectOptions(within(form).getByLabelText('Aligned to (parent)'), 'O-1 Customers pay without friction');
    await user.type(within(form).getByLabelText('Weight in the parent'), '2');
    // the owner is picked from Jira's people
    await user.type(within(form).getByRole('combobox', { name: 'Owner (you, if left empty)' }), 'ben');
    await user.click(await within(form).findByRole('option', { name: /Ben Brown/ }));
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(callsOf(host, 'objectives/create')).toEqual([
        {
          title: 'Fewer abandoned carts',
          description: '',
          owner: 'acc-ben',
          levelId: 'workgroup',
          periodId: 'p-2026q4',
          workgroupId: 'wg-checkout',
          parentId: 'O-1',
          weight: 2,
          alignments: [],
          visibility: 'public',
          status: 'active',
        },
      ]),
    );
    expect(host.flags).toEqual([{ type: 'success', title: 'O-9 created', description: 'Fewer abandoned carts' }]);
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    expect(screen.queryByRole('form', { name: 'Create objective' })).toBeNull();
  });

  it('offers the workgroups and "No workgroup" the view says the caller may create in, not the ones they lead', async () => {
    const user = userEvent.setup();
    // a Jira administrator who leads nothing: the server lets them create anywhere
    const page = aPage({}, AS_ADMIN);
    const host = pageHost({
      'project-page/view': () => ok(page),
      'objectives/create': (p) => ok(created('O-9', { title: p.title, workgroupId: p.workgroupId })),
    });
    renderSurface(<ProjectPage />, { ...host, context: { ...host.context, accountId: ADMIN } });
    const form = await startCreating(user);
    expect(
      within(within(form).getByLabelText('Workgroup'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['No workgroup', 'Checkout squad', 'Payments']);
    await user.type(within(form).getByLabelText('Title'), 'Refunds without tickets');
    await user.selectOptions(within(form).getByLabelText('Workgroup'), 'Payments');
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(callsOf(host, 'objectives/create')).toMatchObject([
        { title: 'Refunds without tickets', workgroupId: 'wg-payments' },
      ]),
    );
  });

  it('offers only the workgroups whose can.create is true, even to their lead', async () => {
    const user = userEvent.setup();
    const page = aPage();
    // e.g. an organisation whose lowest level is its top: the lead of Checkout may not create there
    const flagged = {
      ...page,
      workgroups: page.workgroups.map((w) => ({ ...w, can: { create: w.id === 'wg-payments' } })),
    };
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(flagged) }));
    const form = await startCreating(user);
    expect(
      within(within(form).getByLabelText('Workgroup'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Payments']);
  });

  it("shows the server's VALIDATION messages at their fields, the others with their path, and keeps what was typed", async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'objectives/create': () =>
        fail('VALIDATION', 'The objective was not created', [
          { path: 'parentId', message: 'O-1 is in another period' },
          { path: 'alignments', message: 'an alignment would make a cycle' },
          { path: 'periodId', message: 'the period 2026 Q4 is closed' },
        ]),
    });
    renderSurface(<ProjectPage />, host);
    const form = await startCreating(user);
    await user.type(within(form).getByLabelText('Title'), 'Fewer abandoned carts');
    await user.selectOptions(within(form).getByLabelText('Aligned to (parent)'), 'O-1 Customers pay without friction');
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    expect(await within(form).findByText('O-1 is in another period')).toBeTruthy();
    expect(within(form).getByText('an alignment would make a cycle')).toBeTruthy();
    // the server's refusal takes the focus to the first field it names
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Aligned to (parent)')));
    // a detail no field shows is listed in the banner, after the field's name in words (no code font)
    expect(within(form).getByText('Period: the period 2026 Q4 is closed').tagName).toBe('LI');
    expect(form.querySelector('code')).toBeNull();
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Fewer abandoned carts');
    expect(within(form).getByLabelText('Aligned to (parent)').getAttribute('aria-invalid')).toBe('true');
    // each message is the accessible description of what it is about
    expect(
      within(form).getByRole('combobox', { name: 'Aligned to (parent)', description: /O-1 is in another period/ }),
    ).toBeTruthy();
    expect(
      within(form).getByRole('group', { name: 'Also contributes to', description: 'an alignment would make a cycle' }),
    ).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: 'Title' }).getAttribute('aria-describedby')).toBeNull();
  });

  it('checks the title before sending anything', async () => {
    const user = userEvent.setup();
    const host = pageHost();
    renderSurface(<ProjectPage />, host);
    const form = await startCreating(user);
    // the form opens with the focus in its first field, where the user starts typing
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Title')));
    await user.type(within(form).getByLabelText('Weight in the parent'), 'heavy');
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    // every problem at once, each at its field; the focus on the first of them, not left on the button
    expect(await within(form).findByText('"heavy" is not a number')).toBeTruthy();
    expect(within(form).getByText('a title is required')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Title')));
    await user.clear(within(form).getByLabelText('Weight in the parent'));
    await user.click(within(form).getByRole('button', { name: 'Create' }));
    expect(await within(form).findByText('a title is required')).toBeTruthy();
    expect(within(form).queryByText('"heavy" is not a number')).toBeNull();
    expect(callsOf(host, 'objectives/create')).toHaveLength(0);
  });

  it('offers to reload on a CONFLICT, then saves against the version reloaded', async () => {
    const user = userEvent.setup();
    let version = 3;
    const page = () => {
      const p = aPage();
      const w = p.workgroups[0]!;
      return {
        ...p,
        workgroups: [
          {
            ...w,
            objectives: w.objectives.map((e) =>
              e.objective.key === 'O-2' ? { ...e, objective: { ...e.objective, version } } : e,
            ),
          },
          p.workgroups[1]!,
        ],
      };
    };
    const host = pageHost({
      'project-page/view': () => ok(page()),
      'objectives/update': (p) =>
        p.version === 3
          ? fail('CONFLICT', 'O-2 was changed by someone else since you read it (version 4 now)')
          : ok(created('O-2', { title: p.title, version: 5 })),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    await user.click(within(detail).getByRole('button', { name: 'Edit objective' }));
    const form = await within(detail).findByRole('form', { name: 'Edit O-2' });
    await user.clear(within(form).getByLabelText('Title'));
    await user.type(within(form).getByLabelText('Title'), 'Checkout converts much better');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Someone else changed this in the meantime')).toBeTruthy();
    version = 4;
    await user.click(within(form).getByRole('button', { name: 'Reload the latest version' }));
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    // what was typed is still there; saving again names the version reloaded
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Checkout converts much better');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(callsOf(host, 'objectives/update')).toEqual([
        { key: 'O-2', version: 3, title: 'Checkout converts much better' },
        { key: 'O-2', version: 4, title: 'Checkout converts much better' },
      ]),
    );
    expect(host.flags).toContainEqual({ type: 'success', title: 'O-2 saved' });
  });

  it("shows the server's refusal when the caller may not make a change", async () => {
    const user = userEvent.setup();
    const message = 'Only the leads of workgroup "Checkout squad" and Jira administrators can change weight of O-2';
    const host = pageHost({ 'objectives/update': () => fail('FORBIDDEN', message) });
    renderSurface(<ProjectPage />, host);
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    await user.click(within(detail).getByRole('button', { name: 'Edit objective' }));
    const form = await within(detail).findByRole('form', { name: 'Edit O-2' });
    await user.type(within(form).getByLabelText('Weight in the parent'), '3');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText("You don't have permission to do this")).toBeTruthy();
    expect(within(form).getByText(message)).toBeTruthy();
    expect(within(form).queryByRole('button', { name: 'Reload the latest version' })).toBeNull();
  });

  it("offers an objective's owner who leads nothing only what an owner may change", async () => {
    const user = userEvent.setup();
    const page = aPage({}, { accountId: ANA, leads: [] });
    renderSurface(<ProjectPage />, {
      ...pageHost({ 'project-page/view': () => ok(page) }),
      context: { accountId: 'acc-ana', projectKey: 'SHOP', issueKey: null, locale: 'en-US', siteUrl: '' },
    });
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    expect(within(detail).queryByRole('button', { name: 'Archive' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: 'Add key result' })).toBeNull();
    expect(within(detail).queryByRole('button', { name: 'Show the answered prompts' })).toBeNull();
    await user.click(within(detail).getByRole('button', { name: 'Edit objective' }));
    const form = await within(detail).findByRole('form', { name: 'Edit O-2' });
    expect(within(form).getByLabelText('Title')).toBeTruthy();
    expect(within(form).queryByLabelText('Weight in the parent')).toBeNull();
  });

  it("lets a key result's owner change its targets only, sending what changed", async () => {
    const user = userEvent.setup();
    const page = aPage({}, { accountId: ANA, leads: [] });
    const host = pageHost({
      'project-page/view': () => ok(page),
      'key-results/update': (p) => {
        const kr = aKeyResultOf('O-2', {
          id: 'O-2.KR-1',
          key: 'KR-1',
          title: 'Conversion rate',
          kind: 'metric',
          unit: '%',
          baseline: 2,
          target: p.target ?? 4,
          owner: 'acc-ana',
        });
        return ok(KeyResultChange.parse({ ...created('O-2', { version: 4, keyResults: [kr] }), keyResult: kr }));
      },
    });
    renderSurface(<ProjectPage />, { ...host, context: { ...host.context, accountId: 'acc-ana' } });
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    const metric = within(detail).getByRole('listitem', { name: 'KR-1 Conversion rate' });
    expect(within(metric).queryByRole('button', { name: 'Delete KR-1' })).toBeNull();
    await user.click(within(metric).getByRole('button', { name: 'Edit KR-1' }));
    const form = await within(metric).findByRole('form', { name: 'Edit KR-1' });
    expect(within(form).queryByLabelText('Title')).toBeNull();
    expect(within(form).queryByLabelText('Unit')).toBeNull();
    await user.clear(within(form).getByLabelText('Target'));
    await user.type(within(form).getByLabelText('Target'), '5');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(callsOf(host, 'key-results/update')).toEqual([
        { objectiveKey: 'O-2', version: 3, keyResultId: 'O-2.KR-1', target: 5 },
      ]),
    );
  });

  it("shows Jira's refusal of a query key result's JQL at the JQL field, marked invalid, and keeps what was typed", async () => {
    const user = userEvent.setup();
    const message = 'Jira does not accept this JQL: Expecting a field name but got the end of the query';
    const host = pageHost({
      'key-results/create': () =>
        fail('VALIDATION', 'The key result was not added', [{ path: 'keyResult.jql', message }]),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    await user.click(within(detail).getByRole('button', { name: 'Add key result' }));
    const form = await within(detail).findByRole('form', { name: 'Add a key result to O-2' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'Jira query');
    await user.type(within(form).getByLabelText('Title'), 'Open checkout bugs');
    await user.type(within(form).getByLabelText('JQL'), 'project = SHOP AND');
    await user.selectOptions(within(form).getByLabelText('Direction'), 'Decrease');
    await user.type(within(form).getByLabelText('Baseline'), '20');
    await user.type(within(form).getByLabelText('Target'), '5');
    await user.click(within(form).getByRole('button', { name: 'Add key result' }));
    expect(await within(form).findByText(message)).toBeTruthy();
    const jql = within(form).getByLabelText('JQL');
    expect(jql.getAttribute('aria-invalid')).toBe('true');
    // the focus goes to the field Jira refused, not left on the button
    await waitFor(() => expect(document.activeElement).toBe(jql));
    expect(within(form).getByRole('textbox', { name: 'JQL', description: (text) => text.includes(message) })).toBe(jql);
    expect((jql as HTMLTextAreaElement).value).toBe('project = SHOP AND');
    expect(callsOf(host, 'key-results/create')).toHaveLength(1);
  });

  it('adds a key result of the kind chosen', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'key-results/create': (p) => {
        const kr = aKeyResultOf('O-2', { id: 'O-2.KR-3', key: 'KR-3', kind: 'milestone', title: p.keyResult.title });
        return ok(KeyResultChange.parse({ ...created('O-2', { version: 4, keyResults: [kr] }), keyResult: kr }));
      },
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openDetail(user, 'O-2', 'Checkout converts better');
    await user.click(within(detail).getByRole('button', { name: 'Add key result' }));
    const form = await within(detail).findByRole('form', { name: 'Add a key result to O-2' });
    await user.selectOptions(within(form).getByLabelText('Kind'), 'Metric');
    await user.type(within(form).getByLabelText('Title'), 'Checkout time');
    await user.selectOptions(within(form).getByLabelText('Direction'), 'Decrease');
    await user.type(within(form).getByLabelText('Baseline'), '90');
    await user.type(within(form).getByLabelText('Target'), '120');
    await user.click(within(form).getByRole('button', { name: 'Add key result' }));
    // the contract's own rule is checked before anything is sent
    expect(await within(form).findByText('to decrease, the target must be below the baseline')).toBeTruthy();
    expect(callsOf(host, 'key-results/create')).toHaveLength(0);
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Target')));
    await user.clear(within(form).getByLabelText('Target'));
    await user.type(within(form).getByLabelText('Target'), '45');
    await user.type(within(form).getByLabelText('Unit'), 's');
    await user.click(within(form).getByRole('button', { name: 'Add key result' }));
    await waitFor(() =>
      expect(callsOf(host, 'key-results/create')).toEqual([
        {
          objectiveKey: 'O-2',
          version: 3,
          keyResult: {
            kind: 'metric',
            title: 'Checkout time',
            weight: null,
            unit: 's',
            direction: 'decrease',
            baseline: 90,
            target: 45,
            bandMin: null,
            bandMax: null,
          },
        },
      ]),
    );
  });
});
