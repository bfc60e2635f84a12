/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PromptAnswerInput } from '@contract/api';
import { PromptAnswerForm } from '../../../static/project-page/src/prompt-answer-form';
import { aPrompt } from './page-builders';

const escalation = aPrompt({
  id: 'escalation:O-2:acc-lead:off-track:2026-W49',
  kind: 'escalation',
  reason: "'Faster checkout' turned off track: keep course, or adjust the target, the scope or the plan?",
  subject: { type: 'objective', objectiveId: 'O-2' },
});

function renderForm(prompt = escalation) {
  const sent: PromptAnswerInput[] = [];
  render(
    <PromptAnswerForm
      prompt={prompt}
      pending={false}
      serverError={null}
      onSubmit={(a) => sent.push(a)}
      onCancel={() => undefined}
    />,
  );
  return sent;
}

describe('prompt answer form', () => {
  it('suggests no decision for an escalation: sending without one names what to choose and puts the focus there', async () => {
    const user = userEvent.setup();
    const sent = renderForm();
    const choice = screen.getByLabelText<HTMLSelectElement>('What will you do?');
    expect(choice.value).toBe('');
    expect(screen.getByRole('option', { name: 'Choose…' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText(/choose what you will do/)).toBeTruthy();
    expect(document.activeElement).toBe(choice);
    expect(sent).toEqual([]);
    await user.selectOptions(choice, 'Adjust the scope');
    await user.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(sent).toEqual([{ kind: 'escalation', choice: 'adjust-scope', note: '' }]);
  });

  it('suggests no confidence for a check-in that is due: sending without one puts the focus there', async () => {
    const user = userEvent.setup();
    const sent = renderForm(
      aPrompt({
        id: 'check-in-due:O-2.KR-1:1',
        kind: 'check-in-due',
        reason: 'Time to check in on KR-1 Conversion rate',
        subject: { type: 'key-result', objectiveId: 'O-2', keyResultId: 'O-2.KR-1' },
        context: {
          ...aPrompt().context,
          keyResult: { id: 'O-2.KR-1', key: 'KR-1', title: 'Conversion rate', kind: 'metric' },
        },
      }),
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Confidence').value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText(/choose how sure you are/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Confidence'));
    expect(sent).toEqual([]);
  });
});
