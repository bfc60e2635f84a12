/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PromptItem } from '@contract/api/prompts';
import { IssuePanel } from '../../../static/issue-panel/src/issue-panel';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import { anOutcomeReview } from '../support/issue-panel-builders';
import { anInbox, aProjectPageView } from '../support/view-builders';
import { web3View } from './fixtures';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const review = anOutcomeReview();
const gap = anOutcomeReview({
  id: 'alignment-gap:wg-checkout:2026-W47',
  kind: 'alignment-gap',
  subject: { type: 'workgroup', workgroupId: 'wg-checkout', issueKeys: ['WEB-3', 'WEB-9'] },
  reason: "2 issues in Checkout squad's projects serve no objective: WEB-3, WEB-9",
  context: {
    objective: null,
    keyResult: null,
    workgroup: { id: 'wg-checkout', name: 'Checkout squad' },
    issueKeys: ['WEB-3', 'WEB-9'],
  },
});

function closed(p: PromptItem, state: PromptItem['state']) {
  return { prompt: { ...p, state } };
}

function panelHost(handlers: Handlers) {
  return fakeHost(
    { 'issue-panel/view': () => ok(web3View()), 'prompts/inbox': () => ok(anInbox([review, gap])), ...handlers },
    { issueKey: 'WEB-3' },
  );
}

async function reviewCard() {
  return within(await screen.findByRole('listitem', { name: /Outcome review · O-1 Checkout converts better/ }));
}

describe('issue panel: prompts for the user about this issue', () => {
  it('asks for the inbox of this issue and shows its prompts with their reasons', async () => {
    const host = panelHost({});
    renderSurface(<IssuePanel />, host);
    expect(await screen.findByRole('heading', { name: '2 questions for you' })).toBeTruthy();
    expect(screen.getByText('WEB-3 is done: did it deliver what "Checkout converts better" needed?')).toBeTruthy();
    expect(screen.getByText("2 issues in Checkout squad's projects serve no objective: WEB-3, WEB-9")).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'prompts/inbox')?.payload).toEqual({ issueKey: 'WEB-3' });
  });

  it('sends an outcome review with its rating and note, then removes it from the list', async () => {
    const host = panelHost({
      'prompts/answer': () => ok({ ...closed(review, 'answered'), checkIn: null, decision: null }),
    });
    renderSurface(<IssuePanel />, host);
    const card = await reviewCard();
    const user = userEvent.setup();
    const rating = card.getByRole('group', { name: 'How well did it deliver?' });
    await user.click(within(rating).getByRole('radio', { name: 'More than expected' }));
    await user.click(within(rating).getByRole('radio', { name: 'Partly' }));
    await user.type(card.getByLabelText('What made the difference? (optional)'), 'Halved the drop-off at payment');
    await user.click(card.getByRole('button', { name: 'Send answer' }));

    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Outcome review/ })).toBeNull());
    expect(host.calls.find((c) => c.key === 'prompts/answer')?.payload).toEqual({
      promptId: 'outcome-review:WEB-3:O-1',
      answer: { kind: 'outcome-review', impact: 'partly', note: 'Halved the drop-off at payment' },
    });
    expect(host.flags).toEqual([
      {
        type: 'success',
        title: 'Thanks, your review is recorded',
        description: 'WEB-3 for O-1 Checkout converts better: partly.',
      },
    ]);
    expect(screen.getByRole('heading', { name: 'A question for you' })).toBeTruthy();
  });

  it('asks for a rating before sending, and sends nothing without one', async () => {
    const host = panelHost({});
    renderSurface(<IssuePanel />, host);
    const card = await reviewCard();
    await userEvent.setup().click(card.getByRole('button', { name: 'Send answer' }));
    expect(card.getByText('Choose how much it helped before sending.')).toBeTruthy();
    expect(host.calls.some((c) => c.key === 'prompts/answer')).toBe(false);
  });

  it('dismisses a prompt with the reason given', async () => {
    const host = panelHost({ 'prompts/dismiss': () => ok(closed(review, 'dismissed')) });
    renderSurface(<IssuePanel />, host);
    const card = await reviewCard();
    const user = userEvent.setup();
    await user.click(card.getByRole('button', { name: 'Dismiss…' }));
    await user.type(card.getByLabelText('Why dismiss it? (optional)'), 'Reverted the next day');
    await user.click(card.getByRole('button', { name: 'Dismiss prompt' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Outcome review/ })).toBeNull());
    expect(host.calls.find((c) => c.key === 'prompts/dismiss')?.payload).toEqual({
      promptId: 'outcome-review:WEB-3:O-1',
      reason: 'Reverted the next day',
    });
    expect(host.flags[0]?.title).toBe('Prompt dismissed');
  });

  it('dismisses without a reason when none is given', async () => {
    const host = panelHost({ 'prompts/dismiss': () => ok(closed(review, 'dismissed')) });
    renderSurface(<IssuePanel />, host);
    const card = await reviewCard();
    const user = userEvent.setup();
    await user.click(card.getByRole('button', { name: 'Dismiss…' }));
    await user.click(card.getByRole('button', { name: 'Dismiss prompt' }));
    await waitFor(() =>
      expect(host.calls.find((c) => c.key === 'prompts/dismiss')?.payload).toEqual({
        promptId: 'outcome-review:WEB-3:O-1',
      }),
    );
  });

  it('snoozes for a day or a week', async () => {
    const host = panelHost({ 'prompts/snooze': () => ok(closed(review, 'snoozed')) });
    renderSurface(<IssuePanel />, host);
    const user = userEvent.setup();
    await user.click((await reviewCard()).getByRole('button', { name: 'Snooze 1 week' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Outcome review/ })).toBeNull());
    const gapCard = within(screen.getByRole('listitem', { name: /Work that serves no objective/ }));
    await user.click(gapCard.getByRole('button', { name: 'Snooze 1 day' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /question/ })).toBeNull());
    expect(host.calls.filter((c) => c.key === 'prompts/snooze').map((c) => c.payload)).toEqual([
      { promptId: 'outcome-review:WEB-3:O-1', days: 7 },
      { promptId: 'alignment-gap:wg-checkout:2026-W47', days: 1 },
    ]);
    expect(host.flags.map((f) => f.title)).toEqual(['Snoozed for a week', 'Snoozed until tomorrow']);
  });

  it('offers to link the issue from an alignment gap, and answers it with a note', async () => {
    const host = panelHost({
      'project-page/view': () => ok(aProjectPageView({ projectKey: 'WEB' })),
      'prompts/answer': () => ok({ ...closed(gap, 'answered'), checkIn: null, decision: null }),
    });
    renderSurface(<IssuePanel />, host);
    const user = userEvent.setup();
    const gapCard = within(await screen.findByRole('listitem', { name: /Work that serves no objective/ }));
    await user.click(gapCard.getByRole('button', { name: 'Link WEB-3 to an objective' }));
    expect(await screen.findByRole('group', { name: 'Link WEB-3 to an objective' })).toBeTruthy();
    await user.type(gapCard.getByLabelText('Why does this work serve no objective? (optional)'), 'Tooling chore');
    await user.click(gapCard.getByRole('button', { name: 'Send answer' }));
    await waitFor(() =>
      expect(host.calls.find((c) => c.key === 'prompts/answer')?.payload).toEqual({
        promptId: 'alignment-gap:wg-checkout:2026-W47',
        answer: { kind: 'alignment-gap', note: 'Tooling chore' },
      }),
    );
  });

  it("keeps the prompt and shows the server's answer when it was answered elsewhere (CONFLICT)", async () => {
    const host = panelHost({
      'prompts/answer': () => fail('CONFLICT', 'This prompt cannot be answered: it was already answered.'),
    });
    renderSurface(<IssuePanel />, host);
    const card = await reviewCard();
    const user = userEvent.setup();
    await user.click(card.getByRole('radio', { name: 'Fully' }));
    await user.click(card.getByRole('button', { name: 'Send answer' }));
    expect(
      within(await card.findByRole('alert')).getByText('This prompt cannot be answered: it was already answered.'),
    ).toBeTruthy();
    await user.click(card.getByRole('button', { name: 'Reload the latest version' }));
    expect(host.calls.filter((c) => c.key === 'prompts/inbox')).toHaveLength(2);
  });
});

describe('issue panel: questions about this issue held back by the weekly cap', () => {
  const MON_14_DEC = Date.parse('2026-12-14T09:00:00Z');

  it('says how many more about the issue wait, when the next arrives (the date from the reply) and why', async () => {
    const host = panelHost({ 'prompts/inbox': () => ok(anInbox([review], { count: 2, nextAt: MON_14_DEC, cap: 5 })) });
    renderSurface(<IssuePanel />, host);
    const section = within(await screen.findByRole('region', { name: 'A question for you' }));
    expect(section.getByText(/^2 more questions about WEB-3 are waiting/).textContent).toBe(
      '2 more questions about WEB-3 are waiting: the next arrives on Mon 14 Dec. Held back by the weekly cap of 5 prompts a person; escalations are never held back.',
    );
  });

  it('shows what waits even when no question about the issue is open', async () => {
    const host = panelHost({ 'prompts/inbox': () => ok(anInbox([], { count: 1, nextAt: MON_14_DEC, cap: 5 })) });
    renderSurface(<IssuePanel />, host);
    const section = within(await screen.findByRole('region', { name: 'Questions for you' }));
    expect(section.getByText(/^1 question about WEB-3 is waiting: it arrives on Mon 14 Dec\./)).toBeTruthy();
    expect(section.queryByRole('list')).toBeNull();
  });

  it('shows no prompt section when nothing is open or waiting', async () => {
    const host = panelHost({ 'prompts/inbox': () => ok(anInbox()) });
    renderSurface(<IssuePanel />, host);
    expect(await screen.findByRole('heading', { name: 'What WEB-3 serves' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: /question/i })).toBeNull();
  });
});
