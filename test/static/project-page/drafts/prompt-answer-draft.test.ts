/** The prompt answer form's draft: plain data in, the contract's answer out; no DOM. */
import fc from 'fast-check';
import { PromptAnswerInput } from '@contract/api/prompts';
import {
  answerTo,
  CHOOSE,
  draftFrom,
  reduce,
  toAnswer,
  validate,
  type AnswerTo,
  type PromptAnswerDraft,
  type PromptAnswerDraftAction,
} from '../../../../static/project-page/src/drafts/prompt-answer-draft';
import { aPrompt } from '../page-builders';
import { noteTextArb, numberOf, numberTextArb } from './draft-builders';

const anAnswerDraft = (over: Partial<PromptAnswerDraft> = {}): PromptAnswerDraft => ({ ...draftFrom(), ...over });
const to = (kind: AnswerTo['kind'], metric = false): AnswerTo => ({ kind, metric });

describe('prompt answer draft', () => {
  it("answers in the shape of the prompt's kind, with what was chosen", () => {
    const draft = anAnswerDraft({
      impact: 'fully',
      confidence: 'high',
      choice: 'keep-course',
      note: 'Only on desktop',
      helped: 'Pairing',
      value: '3',
      grade: '0.7',
    });
    expect(toAnswer(draft, to('outcome-review'))).toEqual({
      ok: true,
      payload: { kind: 'outcome-review', impact: 'fully', note: 'Only on desktop' },
    });
    expect(toAnswer(draft, to('check-in-due', true))).toEqual({
      ok: true,
      payload: { kind: 'check-in-due', value: 3, confidence: 'high', note: 'Only on desktop' },
    });
    expect(toAnswer(draft, to('check-in-due'))).toEqual({
      ok: true,
      payload: { kind: 'check-in-due', value: null, confidence: 'high', note: 'Only on desktop' },
    });
    expect(toAnswer(draft, to('escalation'))).toEqual({
      ok: true,
      payload: { kind: 'escalation', choice: 'keep-course', note: 'Only on desktop' },
    });
    expect(toAnswer(draft, to('period-review'))).toEqual({
      ok: true,
      payload: { kind: 'period-review', grade: 0.7, helped: 'Pairing', hindered: '' },
    });
    expect(toAnswer(draft, to('alignment-gap'))).toEqual({
      ok: true,
      payload: { kind: 'alignment-gap', note: 'Only on desktop' },
    });
  });

  it('suggests no answer: a choice left unmade is refused at its field, with what to do', () => {
    const empty = anAnswerDraft({ note: 'Only on desktop' });
    expect(validate(empty, to('outcome-review'))).toEqual([{ path: 'impact', message: CHOOSE.impact }]);
    expect(validate(empty, to('escalation'))).toEqual([{ path: 'choice', message: CHOOSE.choice }]);
    expect(validate(empty, to('check-in-due'))).toEqual([{ path: 'confidence', message: CHOOSE.confidence }]);
    // a metric's missing value and the missing confidence come together, not in rounds
    expect(validate(anAnswerDraft({ value: 'lots' }), to('check-in-due', true)).map((d) => d.path)).toEqual([
      'value',
      'confidence',
    ]);
    // kinds without a choice are not held up by one
    expect(validate(empty, to('alignment-gap'))).toEqual([]);
  });

  it('takes what is chosen, and ignores an option the contract does not know', () => {
    const steps: PromptAnswerDraftAction[] = [
      { type: 'choose', field: 'impact', value: 'partly' },
      { type: 'choose', field: 'choice', value: 'give-up' },
      { type: 'choose', field: 'confidence', value: 'low' },
      { type: 'set', field: 'note', value: 'Only on desktop' },
    ];
    expect(steps.reduce(reduce, draftFrom())).toEqual(
      anAnswerDraft({ impact: 'partly', confidence: 'low', note: 'Only on desktop' }),
    );
  });

  it("knows a metric's check-in takes a value", () => {
    const metric = aPrompt({
      kind: 'check-in-due',
      context: {
        ...aPrompt().context,
        keyResult: { id: 'O-2.KR-1', key: 'KR-1', title: 'Conversion rate', kind: 'metric' },
      },
    });
    expect(answerTo(metric)).toEqual({ kind: 'check-in-due', metric: true });
    expect(answerTo(aPrompt())).toEqual({ kind: 'outcome-review', metric: false });
  });

  it('asks a period review for a grade between 0 and 1, refusing exactly what the contract refuses', () => {
    expect(validate(anAnswerDraft(), to('period-review'))).toEqual([
      { path: 'grade', message: 'give a grade between 0 and 1' },
    ]);
    expect(validate(anAnswerDraft({ grade: '7' }), to('period-review'))).toEqual([
      { path: 'grade', message: 'a grade is between 0 and 1' },
    ]);
    fc.assert(
      fc.property(numberTextArb, (grade) => {
        const refused = validate(anAnswerDraft({ grade }), to('period-review')).some((d) => d.path === 'grade');
        const read = numberOf(grade);
        expect(refused).toBe(
          read === undefined ||
            read === null ||
            !PromptAnswerInput.safeParse({ kind: 'period-review', grade: read }).success,
        );
      }),
    );
  });

  it("refuses a metric's value and the notes exactly when the contract refuses them", () => {
    fc.assert(
      fc.property(numberTextArb, noteTextArb, (value, note) => {
        const refused = new Set(
          validate(anAnswerDraft({ value, note, confidence: 'high' }), to('check-in-due', true)).map((d) => d.path),
        );
        const read = numberOf(value);
        expect(refused.has('value')).toBe(read === undefined);
        if (read !== undefined)
          expect(refused.has('note')).toBe(
            !PromptAnswerInput.safeParse({ kind: 'check-in-due', value: read, confidence: 'high', note }).success,
          );
      }),
    );
  });
});
