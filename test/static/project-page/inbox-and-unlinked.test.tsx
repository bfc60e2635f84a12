/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PromptAnswered, PromptChanged } from '@contract/api/prompts';
import { ContributionChange } from '@contract/api/contributions';
import { ProjectPage } from '../../../static/project-page/src/project-page';
import { fail, ok, renderSurface } from '../support/render-surface';
import { aKeyResultOf, anInbox } from '../support/view-builders';
import { aPage, aPrompt } from './page-builders';
import { callsOf, pageHost } from './page-host';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

describe('project page: the prompt inbox', () => {
  it('answers an outcome review in place; the prompt leaves the inbox and the page refreshes', async () => {
    const user = userEvent.setup();
    const prompt = aPrompt();
    const host = pageHost({
      'prompts/inbox': () =>
        ok(
          anInbox([
            prompt,
            aPrompt({
              id: 'check-in-due:O-2.KR-1:1',
              kind: 'check-in-due',
              reason: 'Time to check in on KR-1 Conversion rate',
              subject: { type: 'key-result', objectiveId: 'O-2', keyResultId: 'O-2.KR-1' },
            }),
          ]),
        ),
      'prompts/answer': () =>
        ok(PromptAnswered.parse({ prompt: { ...prompt, state: 'answered' }, checkIn: null, decision: null })),
    });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (2)' });
    const card = within(inbox).getByRole('listitem', { name: `Outcome review: ${prompt.reason}` });
    await user.click(within(card).getByRole('button', { name: 'Answer' }));
    const form = within(card).getByRole('form', { name: `Answer: ${prompt.reason}` });
    await user.selectOptions(within(form).getByLabelText('Did it deliver what the objective needed?'), 'Partly');
    await user.type(within(form).getByLabelText('Note'), 'Only on desktop');
    await user.click(within(form).getByRole('button', { name: 'Send answer' }));
    await waitFor(() =>
      expect(callsOf(host, 'prompts/answer')).toEqual([
        { promptId: prompt.id, answer: { kind: 'outcome-review', impact: 'partly', note: 'Only on desktop' } },
      ]),
    );
    expect(await screen.findByRole('region', { name: 'Your prompts (1)' })).toBeTruthy();
    expect(host.flags).toEqual([{ type: 'success', title: 'Thanks: your answer is recorded' }]);
    await waitFor(() => expect(callsOf(host, 'project-page/view')).toHaveLength(2));
    // attention moves on to the next prompt, not to the page
    const next = within(inbox).getByRole('listitem', {
      name: 'Check-in due: Time to check in on KR-1 Conversion rate',
    });
    await waitFor(() => expect(document.activeElement).toBe(within(next).getByRole('button', { name: 'Answer' })));
  });

  it('names the issues a prompt is about as links that read as links in its text (underlined), opening them in Jira', async () => {
    const user = userEvent.setup();
    const prompt = aPrompt({ context: { ...aPrompt().context, issueKeys: ['SHOP-7'] } });
    const host = pageHost({ 'prompts/inbox': () => ok(anInbox([prompt])) });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (1)' });
    const link = within(inbox).getByRole('link', { name: 'SHOP-7' });
    // inside a sentence, colour alone does not tell a link apart (axe: link-in-text-block)
    expect(link.style.textDecoration).toBe('underline');
    await user.click(link);
    expect(host.opened).toEqual(['/browse/SHOP-7']);
  });

  it('says what a prompt is about in one line, without a stray separator when it has no objective', async () => {
    const gap = aPrompt({
      id: 'alignment-gap:wg-checkout:2026-W47',
      kind: 'alignment-gap',
      subject: { type: 'workgroup', workgroupId: 'wg-checkout', issueKeys: ['SHOP-1'] },
      reason: "1 open epic in Checkout squad's projects serves no objective: SHOP-1",
      context: {
        objective: null,
        keyResult: null,
        workgroup: { id: 'wg-checkout', name: 'Checkout squad' },
        issueKeys: ['SHOP-1'],
      },
    });
    const host = pageHost({ 'prompts/inbox': () => ok(anInbox([aPrompt(), gap])) });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (2)' });
    const [review, alignment] = within(inbox).getAllByRole('listitem');
    // the objective is a link to its detail (it is on the page); the line reads as one
    const objective = within(review!).getByRole('link', { name: 'O-2 Checkout converts better' });
    expect(objective.parentElement?.textContent).toBe('O-2 Checkout converts better · Checkout squad · SHOP-7');
    expect(within(alignment!).getByText(/^Checkout squad/).textContent).toBe('Checkout squad · SHOP-1');
  });

  it('snoozes and dismisses, and shows a refusal without losing the prompt', async () => {
    const user = userEvent.setup();
    const prompt = aPrompt();
    const host = pageHost({
      'prompts/inbox': () => ok(anInbox([prompt])),
      'prompts/snooze': () => fail('VALIDATION', 'This prompt was answered already'),
      'prompts/dismiss': () => ok(PromptChanged.parse({ prompt: { ...prompt, state: 'dismissed' } })),
    });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (1)' });
    await user.click(within(inbox).getByRole('button', { name: 'Snooze 1 week' }));
    expect(await within(inbox).findByText('This prompt was answered already')).toBeTruthy();
    expect(callsOf(host, 'prompts/snooze')).toEqual([{ promptId: prompt.id, days: 7 }]);
    await user.click(within(inbox).getByRole('button', { name: 'Dismiss' }));
    expect(
      await within(screen.getByRole('region', { name: 'Your prompts' })).findByText(/Nothing is waiting for you/),
    ).toBeTruthy();
  });

  it('asks a period review for a grade between 0 and 1 before sending', async () => {
    const user = userEvent.setup();
    const prompt = aPrompt({
      id: 'period-review:O-2:p',
      kind: 'period-review',
      reason: 'The period ends soon: grade O-2',
      subject: { type: 'objective', objectiveId: 'O-2' },
    });
    const host = pageHost({ 'prompts/inbox': () => ok(anInbox([prompt])) });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (1)' });
    await user.click(within(inbox).getByRole('button', { name: 'Answer' }));
    await user.type(within(inbox).getByLabelText('Grade (0 to 1)'), '7');
    await user.click(within(inbox).getByRole('button', { name: 'Send answer' }));
    expect(await within(inbox).findByText('a grade is between 0 and 1')).toBeTruthy();
    expect(callsOf(host, 'prompts/answer')).toHaveLength(0);
  });
});

describe('project page: prompts held back by the weekly cap', () => {
  const MON_14_DEC = Date.parse('2026-12-14T09:00:00Z');

  it('says how many more wait, when the next arrives (the date from the reply) and why', async () => {
    const escalation = aPrompt({
      id: 'escalation:O-2:acc-lead:confidence:2026-W50',
      kind: 'escalation',
      reason: 'Confidence in O-2 dropped from high to low',
      subject: { type: 'objective', objectiveId: 'O-2' },
    });
    const host = pageHost({
      'prompts/inbox': () => ok(anInbox([escalation], { count: 2, nextAt: MON_14_DEC, cap: 5 })),
    });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (1)' });
    expect(within(inbox).getByText(/^2 more prompts are waiting: the next arrives on Mon 14 Dec\./).textContent).toBe(
      '2 more prompts are waiting: the next arrives on Mon 14 Dec. Held back by the weekly cap of 5 prompts a person; escalations are never held back.',
    );
  });

  it('with nothing open, does not say that nothing waits', async () => {
    const host = pageHost({ 'prompts/inbox': () => ok(anInbox([], { count: 1, nextAt: MON_14_DEC, cap: 3 })) });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts' });
    expect(within(inbox).getByText(/^1 prompt is waiting: it arrives on Mon 14 Dec\./).textContent).toContain(
      'Held back by the weekly cap of 3 prompts a person; escalations are never held back.',
    );
    expect(within(inbox).queryByText(/Nothing is waiting for you/)).toBeNull();
  });

  it('says nothing of the cap when nothing waits', async () => {
    const host = pageHost({ 'prompts/inbox': () => ok(anInbox([aPrompt()])) });
    renderSurface(<ProjectPage />, host);
    const inbox = await screen.findByRole('region', { name: 'Your prompts (1)' });
    expect(within(inbox).queryByText(/waiting|weekly cap/)).toBeNull();
  });
});

describe('project page: work not tied to any objective', () => {
  it('lists open unlinked work of the project, epics first, and links an issue to the objective chosen', async () => {
    const user = userEvent.setup();
    const host = pageHost(
      {
        'contributions/link': (p) =>
          ok(
            ContributionChange.parse({
              issueKey: p.issueKey,
              objectiveKey: p.objectiveKey,
              keyResultId: null,
              linked: true,
              changed: true,
              rollup: null,
              properties: { written: 1, pending: [] },
            }),
          ),
      },
      (jql) =>
        jql.includes('objective IS EMPTY')
          ? [
              { key: 'SHOP-3', summary: 'Tidy the basket code' },
              { key: 'SHOP-1', summary: 'Wallets', type: 'Epic', status: 'In Progress', category: 'indeterminate' },
            ]
          : [],
    );
    renderSurface(<ProjectPage />, host);
    const list = await screen.findByRole('list', { name: 'Unlinked issues' });
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['SHOP-1', 'SHOP-3']);
    const search = host.jiraRequests.find((r) => r.path === '/rest/api/3/search/jql');
    expect(search?.init?.body).toMatchObject({
      jql: 'project = SHOP AND statusCategory != Done AND objective IS EMPTY ORDER BY updated DESC',
    });
    const link = within(list).getByRole('button', { name: 'Link SHOP-1' });
    expect((link as HTMLButtonElement).disabled).toBe(true);
    // the picker builds its options when the user comes to it
    expect(within(within(list).getByLabelText('Objective for SHOP-1')).getAllByRole('option')).toHaveLength(1);
    await user.click(within(list).getByLabelText('Objective for SHOP-1'));
    await user.selectOptions(within(list).getByLabelText('Objective for SHOP-1'), 'O-3 Faster page loads');
    await user.click(within(list).getByRole('button', { name: 'Link SHOP-1 to O-3' }));
    await waitFor(() =>
      expect(callsOf(host, 'contributions/link')).toEqual([
        { issueKey: 'SHOP-1', objectiveKey: 'O-3', keyResultId: null },
      ]),
    );
    await waitFor(() => expect(within(list).queryByRole('link', { name: 'SHOP-1' })).toBeNull());
    expect(host.flags).toEqual([
      {
        type: 'success',
        title: 'SHOP-1 now serves O-3',
        description: 'Its progress counts in the objective from now on.',
      },
    ]);
  });

  it('links in one click to the objective open in the detail, and shows a refusal', async () => {
    const user = userEvent.setup();
    const host = pageHost({ 'contributions/link': () => fail('FORBIDDEN', 'You may not edit issue SHOP-3') }, () => [
      { key: 'SHOP-3', summary: 'Tidy the basket code' },
    ]);
    renderSurface(<ProjectPage />, host);
    const tree = await screen.findByRole('tree', { name: 'Objectives of Checkout squad' });
    await user.click(within(tree).getByRole('treeitem', { name: /^O-4 One-click payment/ }));
    const list = await screen.findByRole('list', { name: 'Unlinked issues' });
    await user.click(within(list).getByRole('button', { name: 'Link SHOP-3 to O-4' }));
    expect(await within(list).findByText('You may not edit issue SHOP-3')).toBeTruthy();
    expect(within(list).getByRole('link', { name: 'SHOP-3' })).toBeTruthy();
  });

  it('says so when all open work serves an objective', async () => {
    renderSurface(<ProjectPage />, pageHost());
    expect(await screen.findByText('All open work serves an objective')).toBeTruthy();
  });

  it('links an issue to a key result measured by its linked work', async () => {
    const user = userEvent.setup();
    const page = aPage();
    const checkout = page.workgroups[0]!;
    const kr = aKeyResultOf('O-3', {
      id: 'O-3.KR-1',
      key: 'KR-1',
      title: 'Pages under a second',
      kind: 'completion',
      scope: 'key-result',
    });
    const withKr = {
      ...page,
      workgroups: [
        {
          ...checkout,
          objectives: checkout.objectives.map((e) =>
            e.objective.key === 'O-3' ? { ...e, objective: { ...e.objective, keyResults: [kr] } } : e,
          ),
        },
        page.workgroups[1]!,
      ],
    };
    const host = pageHost(
      {
        'project-page/view': () => ok(withKr),
        'contributions/link': (p) =>
          ok(
            ContributionChange.parse({
              issueKey: p.issueKey,
              objectiveKey: p.objectiveKey,
              keyResultId: p.keyResultId ?? null,
              linked: true,
              changed: true,
              rollup: null,
              properties: { written: 1, pending: [] },
            }),
          ),
      },
      () => [{ key: 'SHOP-3', summary: 'Lazy-load images' }],
    );
    renderSurface(<ProjectPage />, host);
    const list = await screen.findByRole('list', { name: 'Unlinked issues' });
    // metric and other key results that are not measured by linked work are not offered
    await user.click(within(list).getByLabelText('Objective for SHOP-3'));
    const options = within(within(list).getByLabelText('Objective for SHOP-3'))
      .getAllByRole('option')
      .map((o) => o.textContent?.trim());
    expect(options).toContain('O-3 › KR-1 Pages under a second');
    expect(options.filter((o) => o?.includes('›'))).toHaveLength(1);
    await user.selectOptions(within(list).getByLabelText('Objective for SHOP-3'), 'O-3 › KR-1 Pages under a second');
    await user.click(within(list).getByRole('button', { name: 'Link SHOP-3 to KR-1 of O-3' }));
    await waitFor(() =>
      expect(callsOf(host, 'contributions/link')).toEqual([
        { issueKey: 'SHOP-3', objectiveKey: 'O-3', keyResultId: 'O-3.KR-1' },
      ]),
    );
    expect(host.flags[0]?.title).toBe('SHOP-3 now serves KR-1 of O-3');
  });
});

describe('project page: a prompt past its due date', () => {
  it('is marked overdue, with since when; one still in time says when it is due', async () => {
    const now = Date.now(); // the due dates are set around the moment the page renders, whatever the day
    const late = aPrompt({
      id: 'outcome-review:O-2:WEB-7',
      reason: 'WEB-7 is done: did it help O-2?',
      dueAt: now - 86_400_000,
    });
    const early = aPrompt({
      id: 'outcome-review:O-2:WEB-8',
      reason: 'WEB-8 is done: did it help O-2?',
      dueAt: now + 86_400_000,
    });
    renderSurface(<ProjectPage />, pageHost({ 'prompts/inbox': () => ok(anInbox([late, early])) }));
    const inbox = await screen.findByRole('region', { name: 'Your prompts (2)' });
    const card = (p: typeof late) => within(inbox).getByRole('listitem', { name: `Outcome review: ${p.reason}` });
    expect(within(card(late)).getByText(/^Overdue since /)).toBeTruthy();
    expect(within(card(early)).queryByText(/^Overdue/)).toBeNull();
    expect(within(card(early)).getByText(/^Due /)).toBeTruthy();
  });
});

describe('project page: a prompt leads to its objective', () => {
  it('opens the objective of an escalation in the detail when it is on the page; one elsewhere is plain text', async () => {
    const user = userEvent.setup();
    const here = aPrompt({
      id: 'escalation:O-2:acc-lead:off-track:2026-W49',
      kind: 'escalation',
      reason: "'Checkout converts better' turned off track (25% done at 60% of the period): keep course?",
      subject: { type: 'objective', objectiveId: 'O-2' },
    });
    const elsewhere = aPrompt({
      id: 'escalation:O-90:acc-lead:off-track:2026-W49',
      kind: 'escalation',
      reason: "'Another project's objective' turned off track: keep course?",
      subject: { type: 'objective', objectiveId: 'O-90' },
      context: {
        ...aPrompt().context,
        objective: { id: 'O-90', key: 'O-90', title: "Another project's objective", status: 'active' },
      },
    });
    renderSurface(<ProjectPage />, pageHost({ 'prompts/inbox': () => ok(anInbox([here, elsewhere])) }));
    const inbox = await screen.findByRole('region', { name: 'Your prompts (2)' });
    const card = (p: typeof here) => within(inbox).getByRole('listitem', { name: `Escalation: ${p.reason}` });
    expect(within(card(elsewhere)).queryByRole('link', { name: /O-90/ })).toBeNull();
    await user.click(within(card(here)).getByRole('link', { name: 'O-2 Checkout converts better' }));
    expect(await screen.findByRole('complementary', { name: 'O-2 details' })).toBeTruthy();
  });
});
