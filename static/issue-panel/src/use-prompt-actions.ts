/**
 * What can be done with a prompt about an issue, wherever it is shown (the issue panel's card and
 * the issue context's): answer an outcome review (a rating, required, and a note) or an alignment
 * gap (a note), snooze it, dismiss it. The answer's state, the three calls, their one error and
 * what to tell the user when one succeeds live here; the cards render.
 */
import { useState } from 'react';
import type { PromptItem } from '@contract/api/prompts';
import type { Impact } from '@contract/prompts';
import { useAction } from '@shared/use-resource';
import { IMPACT_TEXT } from './impact-choice';

export const KIND_TITLE: Record<PromptItem['kind'], string> = {
  'outcome-review': 'Outcome review',
  'check-in-due': 'Check-in due',
  escalation: 'Escalation',
  'period-review': 'Period review',
  'alignment-gap': 'Work that serves no objective',
};

/** The words of an answer's fields, the same on every card. */
export const RATING_LEGEND = 'How well did it deliver?';
export function noteLabel(prompt: Pick<PromptItem, 'kind'>): string {
  return prompt.kind === 'outcome-review'
    ? 'What made the difference? (optional)'
    : 'Why does this work serve no objective? (optional)';
}

/** Said at the rating when a review is sent without one. */
export const CHOOSE_IMPACT = 'Choose how much it helped before sending.';

/** What became of a prompt, for the list to drop it and say so. */
export interface PromptDone {
  promptId: string;
  title: string;
  description: string;
}

/** The kinds answered where the issue is; the others say to answer them on the project page. */
export function answerableHere(prompt: Pick<PromptItem, 'kind'>): boolean {
  return prompt.kind === 'outcome-review' || prompt.kind === 'alignment-gap';
}

export function usePromptActions(prompt: PromptItem, issueKey: string, onDone: (done: PromptDone) => void) {
  const answer = useAction('prompts/answer');
  const dismiss = useAction('prompts/dismiss');
  const snooze = useAction('prompts/snooze');
  const [impact, setImpactState] = useState<Impact | null>(null);
  const [impactError, setImpactError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const objective = prompt.context.objective;
  const about = objective === null ? '' : ` for ${objective.key} ${objective.title}`;

  const clearErrors = () => {
    answer.clearError();
    dismiss.clearError();
    snooze.clearError();
  };
  const setImpact = (chosen: Impact) => {
    setImpactState(chosen);
    setImpactError(null);
  };

  const send = async () => {
    clearErrors();
    if (prompt.kind === 'outcome-review') {
      if (impact === null) return setImpactError(CHOOSE_IMPACT);
      const done = await answer.run({ promptId: prompt.id, answer: { kind: 'outcome-review', impact, note } });
      if (done !== null)
        onDone({
          promptId: prompt.id,
          title: 'Thanks, your review is recorded',
          description: `${issueKey}${about}: ${IMPACT_TEXT[impact].toLowerCase()}.`,
        });
    } else if (prompt.kind === 'alignment-gap') {
      const done = await answer.run({ promptId: prompt.id, answer: { kind: 'alignment-gap', note } });
      if (done !== null)
        onDone({ promptId: prompt.id, title: 'Thanks, your answer is recorded', description: KIND_TITLE[prompt.kind] });
    }
  };

  const later = async (days: 1 | 7) => {
    clearErrors();
    if ((await snooze.run({ promptId: prompt.id, days })) !== null)
      onDone({
        promptId: prompt.id,
        title: days === 1 ? 'Snoozed until tomorrow' : 'Snoozed for a week',
        description: `${KIND_TITLE[prompt.kind]}${about} comes back then.`,
      });
  };

  const drop = async (reason = '') => {
    clearErrors();
    const trimmed = reason.trim();
    const done = await dismiss.run(trimmed === '' ? { promptId: prompt.id } : { promptId: prompt.id, reason: trimmed });
    if (done !== null)
      onDone({ promptId: prompt.id, title: 'Prompt dismissed', description: `${KIND_TITLE[prompt.kind]}${about}` });
  };

  return {
    impact,
    setImpact,
    impactError,
    note,
    setNote,
    send,
    later,
    drop,
    sending: answer.pending,
    dismissing: dismiss.pending,
    pending: answer.pending || dismiss.pending || snooze.pending,
    error: answer.error ?? dismiss.error ?? snooze.error,
  };
}
