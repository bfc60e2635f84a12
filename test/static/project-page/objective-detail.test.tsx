/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ObjectiveHistory } from '@contract/api/history';
import { CheckInList } from '@contract/api/check-ins';
import { DecisionList } from '@contract/api/prompts';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, ok, renderSurface } from '../support/render-surface';
import { ADMIN, ANA, AS_ADMIN, aPage, aPrompt, BEN } from './page-builders';
import { callsOf, pageHost } from './page-host';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

function snapshot(day: string, progress: number, status: 'on-track' | 'at-risk', done: number) {
  return {
    objectiveId: 'O-2',
    day,
    progress,
    expected: 0.3,
    status,
    work: { issues: 4, done, inProgress: 1, toDo: 3 - done, points: 0, pointsDone: 0 },
    keyResults: [{ keyResultId: 'O-2.KR-1', progress: 0.2, value: 2.4 }],
  };
}

async function openO2(user: ReturnType<typeof userEvent.setup>) {
  const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
  await user.click(within(tree).getByRole('treeitem', { name: /^O-2 Checkout converts better/ }));
  return screen.findByRole('complementary', { name: 'O-2 details' });
}

describe('project page: an objective in detail', () => {
  it('opens beside the tree with its key results and what each kind shows', async () => {
    const user = userEvent.setup();
    const checkIns = CheckInList.parse({
      checkIns: [
        {
          id: 'ci-1',
          objectiveId: 'O-2',
          keyResultId: 'O-2.KR-1',
          value: 3,
          confidence: 'medium',
          note: 'A/B test running',
          author: ANA,
          at: Date.parse('2026-11-02T10:00:00Z'),
        },
      ],
      nextCursor: null,
    });
    const host = pageHost({ 'check-ins/list': () => ok(checkIns) });
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    expect(within(detail).getByRole('heading', { name: 'Checkout converts better' })).toBeTruthy();
    const metric = within(detail).getByRole('listitem', { name: 'KR-1 Conversion rate' });
    expect(within(metric).getByText(/Now 3% · target 4% from 2%/)).toBeTruthy();
    expect(
      within(await within(metric).findByRole('list', { name: 'Values of KR-1' })).getByText('2 Nov: 3%'),
    ).toBeTruthy();
    expect(within(metric).getByRole('progressbar', { name: 'KR-1 Conversion rate: 50%' })).toBeTruthy();
    const query = within(detail).getByRole('listitem', { name: 'KR-2 Payment bugs fixed' });
    expect(within(query).getByText('project = SHOP AND type = Bug')).toBeTruthy();
    await user.click(within(query).getByRole('button', { name: 'Open in Jira issue search' }));
    expect(host.opened).toEqual(['/issues/?jql=project%20%3D%20SHOP%20AND%20type%20%3D%20Bug']);
    // check-in history with its author's name from Jira
    expect(within(detail).getByText('A/B test running')).toBeTruthy();
    expect(callsOf(host, 'check-ins/list')).toEqual([{ objectiveKey: 'O-2', limit: 20 }]);
    expect(callsOf(host, 'objectives/history')).toEqual([{ objectiveKey: 'O-2', days: 120 }]);
    // the parent it serves opens in turn
    await user.click(within(detail).getByRole('button', { name: 'O-1 Customers pay without friction' }));
    expect(await screen.findByRole('complementary', { name: 'O-1 details' })).toBeTruthy();
  });

  it('lists the contributing issues from Jira, each opening in Jira', async () => {
    const user = userEvent.setup();
    const host = pageHost({}, (jql) =>
      jql.startsWith('objective = O-2')
        ? [{ key: 'SHOP-7', summary: 'Apple Pay button', type: 'Story', status: 'Done', category: 'done' }]
        : [],
    );
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const issues = await within(detail).findByRole('list', { name: 'Issues serving O-2' });
    expect(within(issues).getByText('Apple Pay button')).toBeTruthy();
    await user.click(within(issues).getByRole('link', { name: 'SHOP-7' }));
    expect(host.opened).toEqual(['/browse/SHOP-7']);
    // the counts come from the rollup
    expect(within(detail).getByText('Contributing work')).toBeTruthy();
    expect(within(detail).getByText('In progress').nextSibling?.textContent).toBe('1');
  });

  it('shows what changed since last week and the trend from the snapshots', async () => {
    const user = userEvent.setup();
    const history = ObjectiveHistory.parse({
      objectiveKey: 'O-2',
      snapshots: [
        snapshot(daysAgo(20), 0.05, 'on-track', 0),
        snapshot(daysAgo(8), 0.1, 'on-track', 1),
        snapshot(daysAgo(1), 0.2, 'at-risk', 2),
      ],
    });
    renderSurface(<ProjectPage />, pageHost({ 'objectives/history': () => ok(history) }));
    const detail = await openO2(user);
    const changes = await within(detail).findByRole('list', { name: /^Changes since/ });
    const lines = within(changes)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      'Progress: 10% → 25%',
      'Status: On track → At risk',
      'Issues done: 1 → 2',
      'KR-1 Conversion rate: 20% → 50%',
      'KR-2 Payment bugs fixed: not there yet → 30%',
    ]);
    expect(
      within(detail).getByRole('img', {
        name: /O-2 trend: progress from 5% on .* to 20% on .*; an even pace would be at 30%/,
      }),
    ).toBeTruthy();
  });

  it('says when there is no history yet rather than showing an empty chart', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost());
    const detail = await openO2(user);
    expect(await within(detail).findByText(/Nothing to compare with yet/)).toBeTruthy();
    expect(within(detail).queryByRole('img', { name: /trend/ })).toBeNull();
  });

  it('records a check-in on a metric and reloads what it changes', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'check-ins/create': (p) =>
        ok({
          checkIn: {
            id: 'ci-9',
            objectiveId: 'O-2',
            keyResultId: p.keyResultId ?? null,
            value: p.value ?? null,
            confidence: p.confidence,
            note: p.note ?? '',
            author: 'acc-lead',
            at: Date.now(),
          },
          rollup: null,
        }),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const metric = within(detail).getByRole('listitem', { name: 'KR-1 Conversion rate' });
    await user.click(within(metric).getByRole('button', { name: 'Check in' }));
    const form = await within(metric).findByRole('form', { name: 'Check in on KR-1' });
    // no confidence is suggested: the user chooses, and the form says so
    expect((within(form).getByLabelText('Confidence') as HTMLSelectElement).value).toBe('');
    await user.click(within(form).getByRole('button', { name: 'Record check-in' }));
    expect(await within(form).findByText('a check-in of a metric gives its new value')).toBeTruthy();
    expect(
      within(form).getByRole('combobox', {
        name: 'Confidence',
        description: 'choose how sure you are that it will be met',
      }),
    ).toBeTruthy();
    // the refused submit leaves the user at the first field to fix
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('New value (%)')));
    expect(callsOf(host, 'check-ins/create')).toHaveLength(0);
    await user.type(within(form).getByLabelText('New value (%)'), '3.4');
    await user.selectOptions(within(form).getByLabelText('Confidence'), 'Medium');
    await user.type(within(form).getByLabelText('Note'), 'Better after the fix');
    await user.click(within(form).getByRole('button', { name: 'Record check-in' }));
    await waitFor(() =>
      expect(callsOf(host, 'check-ins/create')).toEqual([
        {
          objectiveKey: 'O-2',
          keyResultId: 'O-2.KR-1',
          value: 3.4,
          confidence: 'medium',
          note: 'Better after the fix',
        },
      ]),
    );
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    expect(callsOf(host, 'check-ins/list')).toHaveLength(2);
    expect(host.flags).toEqual([{ type: 'success', title: 'Check-in recorded on KR-1' }]);
  });

  it('shows the decisions on its escalations and, to a lead, the answered prompts about it', async () => {
    const user = userEvent.setup();
    const decision = {
      id: 'decision:escalation:O-2:1',
      objectiveId: 'O-2',
      promptId: 'escalation:O-2:1',
      choice: 'adjust-scope',
      note: 'Drop the wallet work',
      author: BEN,
      at: Date.parse('2026-11-10T09:00:00Z'),
    };
    const answered = aPrompt({
      state: 'answered',
      answer: { kind: 'outcome-review', impact: 'more-than-expected', note: 'Conversion jumped' },
      answeredAt: Date.parse('2026-11-12T09:00:00Z'),
      recipient: ANA,
    });
    const other = aPrompt({
      id: 'outcome-review:SHOP-9:O-3',
      state: 'answered',
      answer: { kind: 'outcome-review', impact: 'partly', note: 'About O-3' },
      answeredAt: Date.parse('2026-11-12T09:00:00Z'),
      context: {
        ...aPrompt().context,
        objective: { id: 'O-3', key: 'O-3', title: 'Faster page loads', status: 'active' },
      },
    });
    const host = pageHost({
      'objectives/decisions': () => ok(DecisionList.parse({ decisions: [decision] })),
      'prompts/answered': () => ok({ prompts: [answered, other] }),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const decisions = await within(detail).findByRole('list', { name: 'Decisions on O-2' });
    expect(within(decisions).getByText('Decided: Adjust the scope')).toBeTruthy();
    expect(within(decisions).getByText('Drop the wallet work')).toBeTruthy();
    expect(callsOf(host, 'prompts/answered')).toHaveLength(0);
    await user.click(within(detail).getByRole('button', { name: 'Show the answered prompts' }));
    const answers = await within(detail).findByRole('list', { name: 'Answered prompts about O-2' });
    expect(within(answers).getAllByRole('listitem')).toHaveLength(1);
    expect(within(answers).getByText('Outcome: More than expected')).toBeTruthy();
    expect(within(answers).getByText('Conversion jumped')).toBeTruthy();
    expect(callsOf(host, 'prompts/answered')).toEqual([{ workgroupId: 'wg-checkout', limit: 200 }]);
  });

  it('offers the answered prompts when the view says the caller may read them (a Jira administrator who leads nothing)', async () => {
    const user = userEvent.setup();
    const answered = aPrompt({
      state: 'answered',
      answer: { kind: 'outcome-review', impact: 'partly', note: 'Some of it' },
      answeredAt: Date.parse('2026-11-12T09:00:00Z'),
      recipient: ANA,
    });
    const host = pageHost({
      'project-page/view': () => ok(aPage({}, AS_ADMIN)),
      'prompts/answered': () => ok({ prompts: [answered] }),
    });
    renderSurface(<ProjectPage />, { ...host, context: { ...host.context, accountId: ADMIN } });
    const detail = await openO2(user);
    await user.click(within(detail).getByRole('button', { name: 'Show the answered prompts' }));
    expect(
      within(await within(detail).findByRole('list', { name: 'Answered prompts about O-2' })).getByText('Some of it'),
    ).toBeTruthy();
    expect(callsOf(host, 'prompts/answered')).toEqual([{ workgroupId: 'wg-checkout', limit: 200 }]);
  });

  it("offers no answered prompts when the view's can.readAnswers is false, even to the workgroup's lead", async () => {
    const user = userEvent.setup();
    const page = aPage();
    const withoutAnswers = {
      ...page,
      workgroups: page.workgroups.map((w) => ({
        ...w,
        objectives: w.objectives.map((e) => ({ ...e, can: { ...e.can, readAnswers: false } })),
      })),
    };
    renderSurface(<ProjectPage />, pageHost({ 'project-page/view': () => ok(withoutAnswers) }));
    const detail = await openO2(user);
    expect(await within(detail).findByRole('heading', { name: 'Feedback answers' })).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: 'Show the answered prompts' })).toBeNull();
  });

  it('closes with Escape and gives the focus back to its row', async () => {
    const user = userEvent.setup();
    renderSurface(<ProjectPage />, pageHost());
    const detail = await openO2(user);
    await waitFor(() =>
      expect(document.activeElement).toBe(within(detail).getByRole('heading', { name: 'Checkout converts better' })),
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'O-2 details' })).toBeNull());
    await waitFor(() => expect(document.activeElement?.getAttribute('data-objective-key')).toBe('O-2'));
  });

  it('keeps a server detail about a field the form does not show in its banner, named in words', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'check-ins/create': () =>
        fail('VALIDATION', 'The check-in was not recorded', [
          { path: 'value', message: 'only a metric key result takes a value' },
        ]),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    const query = within(detail).getByRole('listitem', { name: 'KR-2 Payment bugs fixed' });
    await user.click(within(query).getByRole('button', { name: 'Check in' }));
    const form = await within(query).findByRole('form', { name: 'Check in on KR-2' });
    expect(within(form).queryByLabelText(/New value/)).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Confidence'), 'High');
    await user.click(within(form).getByRole('button', { name: 'Record check-in' }));
    const detail2 = await within(form).findByText('Value: only a metric key result takes a value');
    expect(detail2.tagName).toBe('LI');
    expect(form.querySelector('code')).toBeNull();
  });

  it('states the default weight where an objective or a key result takes it', async () => {
    const user = userEvent.setup();
    const host = pageHost({
      'project-page/view': () => ok(aPage({ defaultWeights: { child: 2, keyResult: 3 } }, AS_ADMIN)),
    });
    renderSurface(<ProjectPage />, host);
    const detail = await openO2(user);
    expect(within(detail).getByText(/\(weight 2, the default\)/)).toBeTruthy();
    await user.click(within(detail).getByRole('button', { name: 'Edit objective' }));
    const form = await within(detail).findByRole('form', { name: 'Edit O-2' });
    expect(
      within(form).getByRole('textbox', { name: 'Weight in the parent', description: 'Blank takes the default, 2' }),
    ).toBeTruthy();
    await user.click(within(detail).getByRole('button', { name: 'Cancel' }));
    const metric = within(detail).getByRole('listitem', { name: 'KR-1 Conversion rate' });
    await user.click(within(metric).getByRole('button', { name: 'Edit KR-1' }));
    const krForm = await within(metric).findByRole('form', { name: 'Edit KR-1' });
    expect(within(krForm).getByText(/Blank takes the default weight, 3;/)).toBeTruthy();
  });
});
