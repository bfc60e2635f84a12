/** "Check in on all key results": the form's draft, plain data in, check-ins/create-many's payload out; no DOM. */
import fc from 'fast-check';
import { CheckInsCreateManyPayload, RECORDED_ALREADY } from '@contract/api/check-ins';
import { CHOOSE_CONFIDENCE } from '../../../../static/project-page/src/drafts/check-in-draft';
import {
  atFields,
  draftFor,
  keptOver,
  NOTHING_ENTERED,
  recordedIn,
  reduce,
  toManyPayload,
  touched,
  withoutRecorded,
  type CheckInAllAction,
  type CheckInAllDraft,
} from '../../../../static/project-page/src/drafts/check-in-all-draft';
import { aKeyResultOf } from '../../support/view-builders';
import { aMetricKeyResult } from './draft-builders';

const METRIC = aMetricKeyResult(); // O-2.KR-1
const QUERY = aKeyResultOf('O-2', { id: 'O-2.KR-2', key: 'KR-2', kind: 'query' });
const MILESTONE = aKeyResultOf('O-2', { id: 'O-2.KR-3', key: 'KR-3', kind: 'milestone' });
const REQUEST = 'a1b2c3d4e5f60718';

const fresh = () => draftFor({ lines: [METRIC, QUERY, MILESTONE], requestId: REQUEST });
const applied = (...actions: CheckInAllAction[]) => actions.reduce(reduce, fresh());

describe('check-in-all draft', () => {
  it('starts with every key result offered and nothing chosen: no confidence is suggested', () => {
    const draft = fresh();
    expect(Object.values(draft.drafts)).toEqual([
      { confidence: null, value: '', note: '' },
      { confidence: null, value: '', note: '' },
      { confidence: null, value: '', note: '' },
    ]);
    expect(touched(draft)).toEqual([]);
  });

  it('sends a check-in for each key result filled in, and none for the others', () => {
    const draft = applied(
      { type: 'set', keyResultId: METRIC.id, field: 'value', value: '3,5' },
      { type: 'confidence', keyResultId: METRIC.id, value: 'medium' },
      { type: 'confidence', keyResultId: MILESTONE.id, value: 'low' },
      { type: 'set', keyResultId: MILESTONE.id, field: 'note', value: '  Vendor late  ' },
    );
    expect(touched(draft).map((l) => l.key)).toEqual(['KR-1', 'KR-3']);
    expect(toManyPayload(draft, 'O-2')).toEqual({
      ok: true,
      payload: {
        objectiveKey: 'O-2',
        requestId: REQUEST,
        checkIns: [
          { keyResultId: METRIC.id, value: 3.5, confidence: 'medium', note: '' },
          { keyResultId: MILESTONE.id, value: null, confidence: 'low', note: '  Vendor late  ' },
        ],
      },
    });
  });

  it('puts each problem at the field of its key result: a metric’s value, a confidence not chosen', () => {
    const draft = applied(
      { type: 'confidence', keyResultId: METRIC.id, value: 'high' },
      { type: 'set', keyResultId: QUERY.id, field: 'note', value: 'Query looks right' },
    );
    expect(toManyPayload(draft, 'O-2')).toEqual({
      ok: false,
      details: [
        { path: 'O-2.KR-1.value', message: 'a check-in of a metric gives its new value' },
        { path: 'O-2.KR-2.confidence', message: CHOOSE_CONFIDENCE },
      ],
    });
    const notANumber = reduce(draft, { type: 'set', keyResultId: METRIC.id, field: 'value', value: 'lots' });
    const checked = toManyPayload(notANumber, 'O-2');
    expect(checked.ok ? [] : checked.details.map((d) => d.path)).toEqual(['O-2.KR-1.value', 'O-2.KR-2.confidence']);
  });

  it('asks for at least one check-in when nothing was entered', () => {
    expect(toManyPayload(fresh(), 'O-2')).toEqual({ ok: false, details: [{ path: '', message: NOTHING_ENTERED }] });
    // spaces alone are nothing
    const blank = applied({ type: 'set', keyResultId: QUERY.id, field: 'note', value: '   ' });
    expect(toManyPayload(blank, 'O-2')).toEqual({ ok: false, details: [{ path: '', message: NOTHING_ENTERED }] });
  });

  it('ignores a confidence the contract does not know and a key result the form does not offer', () => {
    const draft = fresh();
    expect(reduce(draft, { type: 'confidence', keyResultId: METRIC.id, value: 'certain' })).toBe(draft);
    expect(reduce(draft, { type: 'set', keyResultId: 'O-9.KR-1', field: 'note', value: 'x' })).toBe(draft);
  });

  it('shows the server’s checkIns.<i> details at the key result sent i-th', () => {
    const draft = applied(
      { type: 'confidence', keyResultId: QUERY.id, value: 'high' },
      { type: 'confidence', keyResultId: MILESTONE.id, value: 'high' },
    );
    const checked = toManyPayload(draft, 'O-2');
    if (!checked.ok) throw new Error('the draft should be sendable');
    expect(
      atFields(
        [
          { path: 'checkIns.1.value', message: 'no value here' },
          { path: 'checkIns.0.keyResultId', message: 'not one of O-2’s' },
          { path: 'requestId', message: 'bad id' },
        ],
        checked.payload,
      ),
    ).toEqual([
      { path: 'O-2.KR-3.value', message: 'no value here' },
      { path: 'checkIns.0.keyResultId', message: 'not one of O-2’s' },
      { path: 'requestId', message: 'bad id' },
    ]);
  });

  it('sends only what the contract accepts, keeping the request id, whatever is chosen', () => {
    const action = fc.oneof(
      fc.record({
        type: fc.constant('confidence' as const),
        keyResultId: fc.constantFrom(METRIC.id, QUERY.id, MILESTONE.id),
        value: fc.constantFrom('high', 'medium', 'low', 'unsure'),
      }),
      fc.record({
        type: fc.constant('set' as const),
        keyResultId: fc.constantFrom(METRIC.id, QUERY.id, MILESTONE.id),
        field: fc.constantFrom('value' as const, 'note' as const),
        value: fc.oneof(fc.constantFrom('', ' ', '3', '-1.5', 'x'), fc.string({ maxLength: 8 })),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        const draft: CheckInAllDraft = actions.reduce(reduce, fresh());
        const checked = toManyPayload(draft, 'O-2');
        if (!checked.ok) return;
        expect(CheckInsCreateManyPayload.safeParse(checked.payload).success).toBe(true);
        expect(checked.payload.requestId).toBe(REQUEST);
        expect(checked.payload.checkIns.map((c) => c.keyResultId)).toEqual(touched(draft).map((l) => l.id));
      }),
    );
  });

  it('locks a key result a refused attempt recorded: changes to it are ignored, the others still change', () => {
    const sentFirst = applied(
      { type: 'set', keyResultId: METRIC.id, field: 'value', value: '3' },
      { type: 'confidence', keyResultId: METRIC.id, value: 'low' },
      { type: 'confidence', keyResultId: QUERY.id, value: 'high' },
    );
    const first = toManyPayload(sentFirst, 'O-2');
    if (!first.ok) throw new Error('expected a payload');
    const recorded = recordedIn(
      [
        { path: 'checkIns.0', message: RECORDED_ALREADY },
        { path: 'checkIns.1', message: 'something else' },
      ],
      first.payload,
    );
    expect(recorded).toEqual([METRIC.id]);
    const locked = [
      { type: 'recorded', keyResultIds: recorded },
      { type: 'set', keyResultId: METRIC.id, field: 'value', value: '4' },
      { type: 'confidence', keyResultId: METRIC.id, value: 'high' },
      { type: 'confidence', keyResultId: QUERY.id, value: 'medium' },
    ].reduce((d, a) => reduce(d, a as CheckInAllAction), sentFirst);
    const again = toManyPayload(locked, 'O-2');
    expect(again.ok && again.payload.checkIns).toEqual([
      { keyResultId: METRIC.id, value: 3, confidence: 'low', note: '' },
      { keyResultId: QUERY.id, value: null, confidence: 'medium', note: '' },
    ]);
    expect(again.ok && again.payload.requestId).toBe(REQUEST);
    // the banner does not list the "recorded" details; the others stay
    expect(
      withoutRecorded([
        { path: 'checkIns.0', message: RECORDED_ALREADY },
        { path: '', message: 'busy' },
      ]),
    ).toEqual([{ path: '', message: 'busy' }]);
  });

  it('names a key result the reply kept as an earlier attempt recorded it, when that differs from what was sent', () => {
    const sent = {
      objectiveKey: 'O-2',
      requestId: REQUEST,
      checkIns: [
        { keyResultId: METRIC.id, value: 4, confidence: 'low' as const, note: '' },
        { keyResultId: QUERY.id, value: null, confidence: 'high' as const, note: '' },
      ],
    };
    const stored = (keyResultId: string, value: number | null, confidence: 'low' | 'high') => ({
      id: `ci-${keyResultId}`,
      objectiveId: 'O-2',
      keyResultId,
      value,
      confidence,
      note: '',
      author: 'me',
      at: 1,
    });
    expect(
      keptOver(sent, {
        checkIns: [stored(METRIC.id, 3, 'low'), stored(QUERY.id, null, 'high')],
        alreadyRecorded: [METRIC.id],
      }),
    ).toEqual([METRIC.id]);
    // the same as sent, or recorded now: nothing to say
    expect(
      keptOver(sent, {
        checkIns: [stored(METRIC.id, 4, 'low'), stored(QUERY.id, null, 'high')],
        alreadyRecorded: [METRIC.id],
      }),
    ).toEqual([]);
    expect(
      keptOver(sent, { checkIns: [stored(METRIC.id, 3, 'low'), stored(QUERY.id, null, 'high')], alreadyRecorded: [] }),
    ).toEqual([]);
  });
});
