/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PromptItem } from '@contract/api/prompts';
import { IssueContext } from '../../../static/issue-context/src/issue-context';
import { fail, fakeHost, ok, renderSurface, type Handlers } from '../support/render-surface';
import { anOutcomeReview } from '../support/issue-panel-builders';
import { anInbox } from '../support/view-builders';
import { web3View } from '../issue-panel/fixtures';
import { PINNED_NOW, pinClock } from '../../support/clock';

// Dates are written without their year within the current year: the clock is pinned in the fixtures' year.
pinClock(PINNED_NOW);

const review = anOutcomeReview();

function closed(p: PromptItem, state: PromptItem['state']) {
  return { prompt: { ...p, state } };
}

function contextHost(handlers: Handlers = {}) {
  return fakeHost(
    { 'issue-panel/view': () => ok(web3View()), 'prompts/inbox': () => ok(anInbox()), ...handlers },
    { issueKey: 'WEB-3', projectKey: 'WEB' },
  );
}

describe('issue context: what the issue serves, on every issue', () => {
  it('shows a skeleton, then each objective with its status, progress, how the issue serves it and its share', async () => {
    const host = contextHost();
    renderSurface(<IssueContext />, host);
    expect(screen.getByRole('status', { name: 'Loading what this issue serves' }).style.height).toBe('96px');

    const direct = within(await screen.findByRole('listitem', { name: 'O-1 Checkout converts better' }));
    expect(screen.getByRole('heading', { name: 'What WEB-3 serves' })).toBeTruthy();
    expect(direct.getByText('At risk')).toBeTruthy();
    expect(direct.getByRole('progressbar', { name: 'O-1 Checkout converts better: 40%' })).toBeTruthy();
    expect(direct.getByText('Linked here, to KR-1 New checkout flow shipped')).toBeTruthy();
    // the objective's work and the key result's say different things: one line each
    expect(direct.getByText(/WEB-3 counts for 1 of 12 issues \(8%\)/)).toBeTruthy();
    expect(direct.getByText(/^KR-1 New checkout flow shipped:/).parentElement?.textContent).toContain(
      '5 of 40 story points (13%)',
    );

    const through = within(screen.getByRole('listitem', { name: 'O-2 Customers come back' }));
    expect(through.getByText('On track')).toBeTruthy();
    expect(through.getByText(/Through/).textContent).toBe('Through WEB-1 (its parent)');
    expect(through.getByText('WEB-3 counts for 1 of 40 issues (3%).')).toBeTruthy();

    // the same key as the issue panel, for this issue; the user's prompts about it
    expect(host.calls.find((c) => c.key === 'issue-panel/view')?.payload).toEqual({ issueKey: 'WEB-3' });
    expect(host.calls.find((c) => c.key === 'prompts/inbox')?.payload).toEqual({ issueKey: 'WEB-3' });
  });

  it('opens the epic in Jira from "Through WEB-1"', async () => {
    const host = contextHost();
    renderSurface(<IssueContext />, host);
    const through = within(await screen.findByRole('listitem', { name: 'O-2 Customers come back' }));
    await userEvent.setup().click(through.getByRole('link', { name: 'WEB-1' }));
    expect(host.opened).toEqual(['/browse/WEB-1']);
  });

  it('says where linking is, and, with nothing served, that nothing the user may see is served', async () => {
    renderSurface(<IssueContext />, contextHost({ 'issue-panel/view': () => ok(web3View({ serves: [] })) }));
    expect(await screen.findByText("WEB-3 doesn't serve any objective you can see yet.")).toBeTruthy();
    expect(
      screen.getByText("To link WEB-3 to an objective or unlink it, open Objectives from the issue's Apps button."),
    ).toBeTruthy();
    // no way to link or unlink here: that stays in the panel
    expect(screen.queryByRole('button', { name: /link/i })).toBeNull();
  });

  it('says how many objectives the issue serves that the user may not see, never which', async () => {
    renderSurface(
      <IssueContext />,
      contextHost({ 'issue-panel/view': () => ok(web3View({ serves: [], hiddenServed: 1 })) }),
    );
    expect(
      await screen.findByText('WEB-3 serves an objective you cannot see (restricted to its workgroup).'),
    ).toBeTruthy();
    expect(screen.queryByText(/doesn't serve any objective/)).toBeNull();
  });

  it('tells a user who may not edit the issue who can link it', async () => {
    renderSurface(<IssueContext />, contextHost({ 'issue-panel/view': () => ok(web3View({ canEdit: false })) }));
    expect(
      await screen.findByText(
        "Someone who may edit WEB-3 can link it, or its epic, to an objective from the issue's Apps button (Objectives).",
      ),
    ).toBeTruthy();
  });

  it("shows the server's refusal when the user may not browse the issue", async () => {
    renderSurface(
      <IssueContext />,
      contextHost({ 'issue-panel/view': () => fail('FORBIDDEN', 'You do not have permission to browse issue WEB-3') }),
    );
    expect(await screen.findByText('You do not have permission to browse issue WEB-3')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'What WEB-3 serves' })).toBeNull();
  });
});

describe('issue context: a question for the user about the issue', () => {
  it('answers an outcome review in place with its rating and note, and it leaves', async () => {
    const host = contextHost({
      'prompts/inbox': () => ok(anInbox([review])),
      'prompts/answer': () => ok({ ...closed(review, 'answered'), checkIn: null, decision: null }),
    });
    renderSurface(<IssueContext />, host);
    expect(await screen.findByRole('heading', { name: 'A question for you' })).toBeTruthy();
    const card = within(screen.getByRole('listitem', { name: /Outcome review · O-1 Checkout converts better/ }));
    const user = userEvent.setup();
    await user.click(card.getByRole('button', { name: 'Send answer' }));
    expect(card.getByText('Choose how much it helped before sending.')).toBeTruthy();
    expect(host.calls.some((c) => c.key === 'prompts/answer')).toBe(false);

    await user.click(card.getByRole('radio', { name: 'Partly' }));
    await user.type(card.getByLabelText('What made the difference? (optional)'), 'Halved the drop-off');
    await user.click(card.getByRole('button', { name: 'Send answer' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'A question for you' })).toBeNull());
    expect(host.calls.find((c) => c.key === 'prompts/answer')?.payload).toEqual({
      promptId: review.id,
      answer: { kind: 'outcome-review', impact: 'partly', note: 'Halved the drop-off' },
    });
    expect(host.flags[0]?.title).toBe('Thanks, your review is recorded');
    expect(host.flags[0]?.description).toBe('WEB-3 for O-1 Checkout converts better: partly.');
  });

  it('snoozes a prompt for a day, or dismisses it', async () => {
    const other = anOutcomeReview({ id: 'outcome-review:WEB-3:O-2' });
    const host = contextHost({
      'prompts/inbox': () => ok(anInbox([review, other])),
      'prompts/snooze': () => ok(closed(review, 'snoozed')),
      'prompts/dismiss': () => ok(closed(other, 'dismissed')),
    });
    renderSurface(<IssueContext />, host);
    expect(await screen.findByRole('heading', { name: '2 questions for you' })).toBeTruthy();
    const user = userEvent.setup();
    const [first] = screen.getAllByRole('listitem', { name: /Outcome review/ });
    await user.click(within(first as HTMLElement).getByRole('button', { name: 'Snooze 1 day' }));
    expect(await screen.findByRole('heading', { name: 'A question for you' })).toBeTruthy();
    expect(host.calls.find((c) => c.key === 'prompts/snooze')?.payload).toEqual({ promptId: review.id, days: 1 });
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /question/ })).toBeNull());
    expect(host.calls.find((c) => c.key === 'prompts/dismiss')?.payload).toEqual({ promptId: other.id });
    expect(host.flags.map((f) => f.title)).toEqual(['Snoozed until tomorrow', 'Prompt dismissed']);
  });

  it('keeps the prompt and shows the refusal when the server says no', async () => {
    const host = contextHost({
      'prompts/inbox': () => ok(anInbox([review])),
      'prompts/snooze': () => fail('CONFLICT', 'This prompt was answered a moment ago'),
    });
    renderSurface(<IssueContext />, host);
    await screen.findByRole('heading', { name: 'A question for you' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Snooze 1 day' }));
    expect(await screen.findByText('This prompt was answered a moment ago')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'A question for you' })).toBeTruthy();
  });

  it('shows what the issue serves before the questions have answered, and adds them below it', async () => {
    let answerInbox: (inbox: ReturnType<typeof anInbox>) => void = () => undefined;
    const inbox = new Promise<ReturnType<typeof anInbox>>((resolve) => {
      answerInbox = resolve;
    });
    renderSurface(<IssueContext />, contextHost({ 'prompts/inbox': () => inbox.then(ok) }));
    const served = await screen.findByRole('listitem', { name: 'O-1 Checkout converts better' });
    expect(screen.queryByRole('status', { name: 'Loading what this issue serves' })).toBeNull();
    expect(screen.queryByRole('heading', { name: /question/ })).toBeNull();

    answerInbox(anInbox([review]));
    const heading = await screen.findByRole('heading', { name: 'A question for you' });
    // below what was already shown: the served line did not move down
    expect(served.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says how many more questions about the issue the weekly cap holds back', async () => {
    const host = contextHost({
      'prompts/inbox': () => ok(anInbox([], { count: 1, nextAt: Date.UTC(2026, 11, 14, 9), cap: 5 })),
    });
    renderSurface(<IssueContext />, host);
    expect(await screen.findByRole('heading', { name: 'Questions for you' })).toBeTruthy();
    expect(screen.getByText(/^1 question about WEB-3 is waiting: it arrives on Mon 14 Dec\./)).toBeTruthy();
  });
});
