/**
 * The prompt answer form's draft: every field any kind of prompt asks for, as typed (numbers stay
 * text until sent). Pure: no React, no DOM. The form keeps it with
 * `useReducer(reduce, undefined, draftFrom)` and renders; this module says what is wrong
 * (`validate`) and what the answer is (`toAnswer`), in the shape the prompt's kind asks for.
 */
import { PromptAnswerInput, type PromptItem } from '@contract/api';
import { Confidence } from '@contract/check-ins';
import type { ErrorDetail } from '@contract/errors';
import { EscalationChoice, Impact } from '@contract/prompts';
import { readNumber } from '../number-input';
import { CHOOSE_CONFIDENCE, takesValue } from './check-in-draft';
import { detailsOf, parseWith, type Checked } from './checked';

export interface PromptAnswerDraft {
  /** The three choices are null until the user chooses: the form suggests no answer. */
  impact: Impact | null;
  confidence: Confidence | null;
  choice: EscalationChoice | null;
  /** A metric's new value (check-in due), as typed. */
  value: string;
  /** A period review's grade, as typed. */
  grade: string;
  note: string;
  helped: string;
  hindered: string;
}

export function draftFrom(): PromptAnswerDraft {
  return {
    impact: null,
    confidence: null,
    choice: null,
    value: '',
    grade: '',
    note: '',
    helped: '',
    hindered: '',
  };
}

export type PromptAnswerDraftAction =
  | { type: 'set'; field: 'value' | 'grade' | 'note' | 'helped' | 'hindered'; value: string }
  /** An option chosen; one the contract does not know is ignored. */
  | { type: 'choose'; field: 'impact' | 'confidence' | 'choice'; value: string };

const CHOICES = { impact: Impact, confidence: Confidence, choice: EscalationChoice };

export function reduce(draft: PromptAnswerDraft, action: PromptAnswerDraftAction): PromptAnswerDraft {
  switch (action.type) {
    case 'set':
      return { ...draft, [action.field]: action.value };
    case 'choose': {
      const picked = CHOICES[action.field].safeParse(action.value);
      return picked.success ? { ...draft, [action.field]: picked.data } : draft;
    }
  }
}

/** What the answer is to: the prompt's kind, and whether its key result is a metric (which takes a value). */
export interface AnswerTo {
  kind: PromptItem['kind'];
  metric: boolean;
}

export function answerTo(prompt: Pick<PromptItem, 'kind' | 'context'>): AnswerTo {
  return { kind: prompt.kind, metric: takesValue(prompt.context.keyResult) };
}

/** Said at a choice left unmade. */
export const CHOOSE = {
  impact: 'say how much it delivered of what the objective needed',
  confidence: CHOOSE_CONFIDENCE,
  choice: 'choose what you will do: keep the course, or adjust the target, the scope or the plan',
} as const;

/**
 * The answer, in the contract's shape for the prompt's kind, or the problems at their paths in the
 * answer (`impact`, `choice`, `confidence`, `grade`, `value`): a choice not made and a number that
 * is not one (or a missing grade) first, all of them at once, then nothing else is checked; else
 * what the contract refuses.
 */
export function toAnswer(draft: PromptAnswerDraft, to: AnswerTo): Checked<PromptAnswerInput> {
  const refuse = (path: string, message: string): Checked<PromptAnswerInput> => ({
    ok: false,
    details: [{ path, message }],
  });
  switch (to.kind) {
    case 'outcome-review':
      if (draft.impact === null) return refuse('impact', CHOOSE.impact);
      return parseWith(PromptAnswerInput, { kind: to.kind, impact: draft.impact, note: draft.note });
    case 'check-in-due': {
      const read = readNumber(to.metric ? draft.value : '');
      const missing: ErrorDetail[] = [];
      if (!read.ok) missing.push({ path: 'value', message: read.message });
      if (draft.confidence === null) missing.push({ path: 'confidence', message: CHOOSE.confidence });
      if (!read.ok || missing.length > 0) return { ok: false, details: missing };
      return parseWith(PromptAnswerInput, {
        kind: to.kind,
        value: read.value,
        confidence: draft.confidence,
        note: draft.note,
      });
    }
    case 'escalation':
      if (draft.choice === null) return refuse('choice', CHOOSE.choice);
      return parseWith(PromptAnswerInput, { kind: to.kind, choice: draft.choice, note: draft.note });
    case 'period-review': {
      const read = readNumber(draft.grade);
      if (!read.ok || read.value === null)
        return refuse('grade', read.ok ? 'give a grade between 0 and 1' : read.message);
      return parseWith(PromptAnswerInput, {
        kind: to.kind,
        grade: read.value,
        helped: draft.helped,
        hindered: draft.hindered,
      });
    }
    case 'alignment-gap':
      return parseWith(PromptAnswerInput, { kind: to.kind, note: draft.note });
  }
}

/** What is wrong with the draft, in plain words, each at its path in the answer; empty when it may be sent. */
export function validate(draft: PromptAnswerDraft, to: AnswerTo): ErrorDetail[] {
  return detailsOf(toAnswer(draft, to));
}
