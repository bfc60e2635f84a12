/** The check-in form's draft: plain data in, the contract's payload out; no DOM. */
import fc from 'fast-check';
import { CheckInsCreatePayload } from '@contract/api/check-ins';
import {
  CHOOSE_CONFIDENCE,
  draftFrom,
  reduce,
  takesValue,
  toCreatePayload,
  validate,
  type CheckInDraft,
} from '../../../../static/project-page/src/drafts/check-in-draft';
import { aKeyResultOf } from '../../support/view-builders';
import { aMetricKeyResult, noteTextArb, numberOf, numberTextArb } from './draft-builders';

const onMetric = { objectiveKey: 'O-2', keyResult: aMetricKeyResult() };
const onQuery = { objectiveKey: 'O-2', keyResult: aKeyResultOf('O-2', { id: 'O-2.KR-2', kind: 'query' }) };
const onObjective = { objectiveKey: 'O-2', keyResult: null };
const aCheckInDraft = (over: Partial<CheckInDraft> = {}): CheckInDraft => ({
  ...draftFrom(),
  confidence: 'high',
  ...over,
});

describe('check-in draft', () => {
  it('starts with no confidence chosen and nothing typed', () => {
    expect(draftFrom()).toEqual({ confidence: null, value: '', note: '' });
  });

  it('asks for a confidence, with the missing value at once, until one is chosen', () => {
    expect(validate(draftFrom(), onObjective)).toEqual([{ path: 'confidence', message: CHOOSE_CONFIDENCE }]);
    expect(validate(draftFrom(), onMetric)).toEqual([
      { path: 'value', message: 'a check-in of a metric gives its new value' },
      { path: 'confidence', message: CHOOSE_CONFIDENCE },
    ]);
    expect(validate(reduce(draftFrom(), { type: 'confidence', value: 'low' }), onObjective)).toEqual([]);
    // the form's empty choice chooses nothing
    expect(reduce(draftFrom(), { type: 'confidence', value: '' }).confidence).toBeNull();
  });

  it("records a metric's new value with the confidence and note", () => {
    const draft = [
      { type: 'set', field: 'value', value: '3,4' },
      { type: 'confidence', value: 'medium' },
      { type: 'set', field: 'note', value: 'Better after the fix' },
    ] as const;
    expect(toCreatePayload(draft.reduce(reduce, draftFrom()), onMetric)).toEqual({
      ok: true,
      payload: {
        objectiveKey: 'O-2',
        keyResultId: 'O-2.KR-1',
        value: 3.4,
        confidence: 'medium',
        note: 'Better after the fix',
      },
    });
  });

  it('asks a metric for its new value, and sends no value for anything else', () => {
    expect(validate(aCheckInDraft(), onMetric)).toEqual([
      { path: 'value', message: 'a check-in of a metric gives its new value' },
    ]);
    expect(validate(aCheckInDraft({ value: 'lots' }), onMetric)).toEqual([
      { path: 'value', message: '"lots" is not a number' },
    ]);
    expect(toCreatePayload(aCheckInDraft({ value: '7' }), onQuery)).toEqual({
      ok: true,
      payload: { objectiveKey: 'O-2', keyResultId: 'O-2.KR-2', value: null, confidence: 'high', note: '' },
    });
    expect(toCreatePayload(aCheckInDraft(), onObjective)).toEqual({
      ok: true,
      payload: { objectiveKey: 'O-2', keyResultId: null, value: null, confidence: 'high', note: '' },
    });
    expect([onMetric, onQuery, onObjective].map((s) => takesValue(s.keyResult))).toEqual([true, false, false]);
  });

  it('refuses the value and the note exactly when they are not what the contract takes', () => {
    const shape = CheckInsCreatePayload.shape;
    fc.assert(
      fc.property(numberTextArb, noteTextArb, (value, note) => {
        const refused = new Set(validate(aCheckInDraft({ value, note }), onMetric).map((d) => d.path));
        const read = numberOf(value);
        const valueRefused = read === undefined || read === null || !shape.value.safeParse(read).success;
        expect(refused.has('value')).toBe(valueRefused);
        // the value is checked first; the rest once it is given
        if (!valueRefused) expect(refused.has('note')).toBe(!shape.note.safeParse(note).success);
      }),
    );
  });

  it('ignores a confidence the contract does not know', () => {
    const draft = draftFrom();
    expect(reduce(draft, { type: 'confidence', value: 'certain' })).toBe(draft);
    expect(reduce(draft, { type: 'confidence', value: 'low' }).confidence).toBe('low');
  });
});
