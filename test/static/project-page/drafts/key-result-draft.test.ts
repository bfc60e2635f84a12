/** The key-result form's draft: plain data in, the contract's payloads out; no DOM. */
import fc from 'fast-check';
import {
  KEY_RESULT_PATCH_FIELDS,
  KeyResultDraft,
  KeyResultsCreatePayload,
  type KeyResultsUpdatePayload,
} from '@contract/api/objectives';
import { KeyResult } from '@contract/key-results';
import {
  draftFrom,
  reduce,
  toCreatePayload,
  toPatch,
  toUpdatePayload,
  validate,
  visibleFields,
  type KeyResultDraftAction,
  type KeyResultFormDraft,
} from '../../../../static/project-page/src/drafts/key-result-draft';
import { aKeyResultOf } from '../../support/view-builders';
import {
  aKeyResultDraft,
  aMetricKeyResult,
  anExistingObjective,
  keyResultActionArb,
  keyResultArb,
  numberOf,
  numberTextArb,
} from './draft-builders';

const O2 = { key: 'O-2', version: 3 };
const edited = (kr: KeyResult, actions: readonly KeyResultDraftAction[]) => actions.reduce(reduce, draftFrom(kr));
const text = (n: number | null) => (n === null ? '' : String(n));

/** The key result after the server applied an update payload (null when the merged key result breaks a rule across fields). */
function applied(kr: KeyResult, payload: KeyResultsUpdatePayload): KeyResult | null {
  const { objectiveKey: _o, version: _v, keyResultId: _id, ...changes } = payload;
  const merged = KeyResult.safeParse({ ...kr, ...changes });
  return merged.success ? merged.data : null;
}

describe('key-result draft: a new key result', () => {
  it('starts as a completion of the issues linked to it, and adds a metric as typed', () => {
    expect(draftFrom(null)).toMatchObject({
      kind: 'completion',
      title: '',
      weight: '',
      measure: 'count',
      scope: 'key-result',
      direction: 'increase',
      windowWeeks: '4',
    });
    const actions: KeyResultDraftAction[] = [
      { type: 'kind', value: 'metric' },
      { type: 'set', field: 'direction', value: 'decrease' },
      { type: 'set', field: 'baseline', value: '90' },
      { type: 'set', field: 'target', value: '45' },
      { type: 'set', field: 'unit', value: 's' },
    ];
    expect(toCreatePayload(actions.reduce(reduce, aKeyResultDraft()), anExistingObjective())).toEqual({
      ok: true,
      payload: {
        objectiveKey: 'O-2',
        version: 3,
        keyResult: {
          kind: 'metric',
          title: 'Checkout time',
          weight: null,
          unit: 's',
          direction: 'decrease',
          baseline: 90,
          target: 45,
          bandMin: null,
          bandMax: null,
        },
      },
    });
  });

  it("checks the contract's rules before anything is sent, at the field at fault", () => {
    const draft = aKeyResultDraft({ kind: 'metric', direction: 'decrease', baseline: '90', target: '120' });
    expect(validate(draft)).toEqual([
      { path: 'target', message: 'to decrease, the target must be below the baseline' },
    ]);
    // in the create payload the same problem sits under keyResult, where the server's details would
    expect(toCreatePayload(draft, O2)).toEqual({
      ok: false,
      details: [{ path: 'keyResult.target', message: 'to decrease, the target must be below the baseline' }],
    });
    expect(
      validate(aKeyResultDraft({ kind: 'query', aggregate: 'sum', title: '' }))
        .map((d) => d.path)
        .sort(),
    ).toEqual(['baseline', 'field', 'jql', 'target', 'title']);
    expect(validate(aKeyResultDraft({ kind: 'metric', baseline: 'two', target: '4' }))).toContainEqual({
      path: 'baseline',
      message: '"two" is not a number',
    });
  });

  it('refuses a metric exactly when the contract refuses its numbers', () => {
    const n = fc.option(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -5, max: 5, noNaN: true })), {
      nil: null,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('increase', 'decrease', 'band'),
        n,
        n,
        n,
        n,
        n,
        (direction, weight, baseline, target, bandMin, bandMax) => {
          const draft = aKeyResultDraft({
            kind: 'metric',
            direction,
            weight: text(weight),
            baseline: text(baseline),
            target: text(target),
            bandMin: text(bandMin),
            bandMax: text(bandMax),
          });
          const contract = KeyResultDraft.safeParse({
            kind: 'metric',
            title: 'Checkout time',
            weight,
            unit: '',
            direction,
            baseline,
            target,
            bandMin,
            bandMax,
          });
          expect(validate(draft).length === 0).toBe(contract.success);
          if (!contract.success)
            expect(
              validate(draft)
                .map((d) => d.path)
                .sort(),
            ).toEqual(contract.error.issues.map((i) => i.path.join('.')).sort());
        },
      ),
    );
  });

  it('refuses a delivery-quality key result exactly when the contract refuses its measure, target, baseline and window', () => {
    const measure = fc.constantFrom('on-time-rate', 'median-cycle-time', 'throughput-per-week', 'bug-share');
    fc.assert(
      fc.property(
        measure,
        fc.double({ min: -1, max: 3, noNaN: true }),
        fc.option(fc.double({ min: -1, max: 3, noNaN: true }), { nil: null }),
        fc.integer({ min: -1, max: 60 }),
        (m, target, baseline, windowWeeks) => {
          const draft = aKeyResultDraft({
            kind: 'delivery-quality',
            measure: m,
            scope: 'objective',
            target: String(target),
            baseline: text(baseline),
            windowWeeks: String(windowWeeks),
          });
          const contract = KeyResultDraft.safeParse({
            kind: 'delivery-quality',
            title: 'Checkout time',
            weight: null,
            measure: m,
            scope: 'objective',
            target,
            baseline,
            windowWeeks,
          });
          expect(validate(draft).length === 0).toBe(contract.success);
        },
      ),
    );
  });

  it('refuses a number field exactly when its text is not a number, or the contract refuses the number', () => {
    fc.assert(
      fc.property(numberTextArb, (weight) => {
        const refused = validate(aKeyResultDraft({ kind: 'milestone', weight })).some((d) => d.path === 'weight');
        const read = numberOf(weight);
        expect(refused).toBe(read === undefined || !KEY_RESULT_PATCH_FIELDS.weight.safeParse(read).success);
      }),
    );
  });

  it('creates exactly when it validates, and what it sends is a payload the contract keeps as it is', () => {
    const kind = fc.constantFrom('completion', 'metric', 'query', 'delivery-quality', 'milestone', 'rocket');
    fc.assert(
      fc.property(kind, fc.array(keyResultActionArb, { maxLength: 8 }), (k, actions) => {
        const draft = actions.reduce(reduce, reduce(aKeyResultDraft(), { type: 'kind', value: k }));
        const created = toCreatePayload(draft, O2);
        expect(created.ok).toBe(validate(draft).length === 0);
        if (created.ok) expect(KeyResultsCreatePayload.parse(created.payload)).toEqual(created.payload);
      }),
    );
  });
});

describe('key-result draft: changing a key result', () => {
  it("sends only the targets an owner changed, at the objective's version", () => {
    const kr = aMetricKeyResult();
    const draft = reduce(draftFrom(kr), { type: 'set', field: 'target', value: '5' });
    expect(toPatch(kr, draft)).toEqual({ target: 5 });
    expect(toUpdatePayload(kr, draft, O2)).toEqual({
      ok: true,
      payload: { objectiveKey: 'O-2', version: 3, keyResultId: 'O-2.KR-1', target: 5 },
    });
  });

  it('has nothing to send when nothing changed, or only what the contract would normalise away', () => {
    const kr = aKeyResultOf('O-2', {
      kind: 'query',
      jql: 'project = SHOP',
      aggregate: 'sum',
      field: 'customfield_10016',
      direction: 'band',
      bandMin: 1,
      bandMax: 3,
    });
    expect(toPatch(kr, draftFrom(kr))).toEqual({});
    expect(toUpdatePayload(kr, draftFrom(kr), O2)).toEqual({ ok: true, payload: null });
    expect(
      toPatch(kr, { ...draftFrom(kr), jql: ' project = SHOP ', field: 'customfield_10016 ', title: `${kr.title} ` }),
    ).toEqual({});
  });

  it('reports a number that is not one before anything else, and then what the contract refuses in the changes', () => {
    const kr = aMetricKeyResult();
    expect(toUpdatePayload(kr, { ...draftFrom(kr), title: '', target: 'five' }, O2)).toEqual({
      ok: false,
      details: [{ path: 'target', message: '"five" is not a number' }],
    });
    expect(validate({ ...draftFrom(kr), title: '', target: '5' }, kr)).toEqual([
      { path: 'title', message: 'a title is required' },
    ]);
    // a change that breaks a rule across fields is the server's to refuse (it merges the change first)
    expect(validate({ ...draftFrom(kr), target: '1' }, kr)).toEqual([]);
  });

  it('finds no change in the draft drawn from any key result', () => {
    fc.assert(
      fc.property(keyResultArb, (kr) => {
        expect(toPatch(kr, draftFrom(kr))).toEqual({});
        expect(toUpdatePayload(kr, draftFrom(kr), O2)).toEqual({ ok: true, payload: null });
        expect(validate(draftFrom(kr), kr)).toEqual([]);
      }),
    );
  });

  it('finds no change left once the server has applied what was sent', () => {
    fc.assert(
      fc.property(keyResultArb, fc.array(keyResultActionArb, { maxLength: 8 }), (kr, actions) => {
        const draft = edited(kr, actions);
        const update = toUpdatePayload(kr, draft, O2);
        fc.pre(update.ok && update.payload !== null);
        if (!update.ok || update.payload === null) return;
        const after = applied(kr, update.payload);
        fc.pre(after !== null);
        if (after !== null) expect(toPatch(after, draft)).toEqual({});
      }),
    );
  });

  it('sends only fields that differ, and refuses the changes exactly when the update payload refuses them', () => {
    fc.assert(
      fc.property(keyResultArb, fc.array(keyResultActionArb, { maxLength: 8 }), (kr, actions) => {
        const draft = edited(kr, actions);
        const patch = toPatch(kr, draft);
        for (const [field, value] of Object.entries(patch)) expect(kr).not.toHaveProperty([field], value);
        fc.pre(
          (['weight', 'baseline', 'target', 'bandMin', 'bandMax', 'windowWeeks'] as const).every(
            (f) => numberOf(draft[f]) !== undefined,
          ),
        );
        const refused = validate(draft, kr).length > 0;
        const update = toUpdatePayload(kr, draft, O2);
        expect(refused).toBe(!update.ok);
      }),
    );
  });
});

describe('key-result draft: fields and reducer', () => {
  it("shows each kind's fields, following direction, aggregate and measure", () => {
    const shown = (over: Partial<KeyResultFormDraft>) => visibleFields(aKeyResultDraft(over));
    expect(shown({ kind: 'completion' })).toEqual(['title', 'weight', 'measure', 'scope']);
    expect(shown({ kind: 'metric' })).toEqual(['title', 'weight', 'unit', 'direction', 'baseline', 'target']);
    expect(shown({ kind: 'metric', direction: 'band' })).toEqual([
      'title',
      'weight',
      'unit',
      'direction',
      'bandMin',
      'bandMax',
    ]);
    expect(shown({ kind: 'query', aggregate: 'avg' })).toEqual([
      'title',
      'weight',
      'jql',
      'aggregate',
      'field',
      'unit',
      'direction',
      'baseline',
      'target',
    ]);
    expect(shown({ kind: 'delivery-quality', measure: 'throughput-per-week' })).toEqual([
      'title',
      'weight',
      'measure',
      'baseline',
      'target',
      'scope',
      'windowWeeks',
    ]);
    expect(shown({ kind: 'milestone' })).toEqual(['title', 'weight']);
  });

  it('keeps what is typed and ignores a kind the contract does not know', () => {
    const draft = aKeyResultDraft();
    expect(reduce(draft, { type: 'kind', value: 'rocket' })).toBe(draft);
    expect(reduce(draft, { type: 'kind', value: 'query' }).kind).toBe('query');
    expect(reduce(draft, { type: 'set', field: 'target', value: ' 1,5' }).target).toBe(' 1,5');
  });
});
