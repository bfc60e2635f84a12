/** The objective form's draft: plain data in, the contract's payloads out; no DOM. */
import fc from 'fast-check';
import { ObjectivesCreatePayload, ObjectivesUpdatePayload, ObjectiveView } from '@contract/api/objectives';
import {
  defaultsFor,
  draftFrom,
  reduce,
  toCreatePayload,
  toPatch,
  toUpdatePayload,
  validate,
  type ObjectiveDraft,
  type ObjectiveDraftAction,
} from '../../../../static/project-page/src/drafts/objective-draft';
import { aPeriod } from '../../../support/builders';
import { aProjectPageView } from '../../support/view-builders';
import {
  anExistingObjective,
  anObjectiveDraft,
  noteTextArb,
  numberOf,
  numberTextArb,
  objectiveActionArb,
  objectiveKeyArb,
  objectiveViewArb,
  titleTextArb,
} from './draft-builders';

const paths = (draft: ObjectiveDraft, original: ObjectiveView | null = null) =>
  validate(draft, original).map((d) => d.path);
const edited = (original: ObjectiveView, actions: readonly ObjectiveDraftAction[]) =>
  actions.reduce(reduce, draftFrom({ existing: original }));

/** The objective after the server applied an update payload. */
function applied(original: ObjectiveView, payload: ObjectivesUpdatePayload): ObjectiveView {
  const { key: _key, version, ...changes } = payload;
  return ObjectiveView.parse({ ...original, ...changes, version: version + 1 });
}

describe('objective draft: a new objective', () => {
  it('starts in the first workgroup offered, at the lowest level, in the period shown or else the open one', () => {
    const view = aProjectPageView({
      periods: [
        aPeriod({ id: 'p-old', name: '2026 Q3', start: '2026-07-01', end: '2026-09-30', state: 'closed' }),
        aPeriod(),
      ],
    });
    expect(defaultsFor(view, ['wg-checkout', 'wg-payments'], null)).toEqual({
      workgroupId: 'wg-checkout',
      levelId: 'workgroup',
      periodId: 'p-2026q4',
    });
    expect(defaultsFor(view, [], 'p-old')).toEqual({ workgroupId: '', levelId: 'workgroup', periodId: 'p-old' });
    const draft = draftFrom({ defaults: { workgroupId: 'wg-checkout', levelId: 'workgroup', periodId: 'p-2026q4' } });
    expect(draft).toEqual({
      title: '',
      description: '',
      owner: null,
      workgroupId: 'wg-checkout',
      levelId: 'workgroup',
      periodId: 'p-2026q4',
      parentId: '',
      weight: '',
      visibility: 'public',
      status: 'active',
      alignments: [],
    });
  });

  it('creates with what was typed and chosen, blanks as the contract wants them', () => {
    const draft = [
      { type: 'set', field: 'parentId', value: 'O-1' },
      { type: 'set', field: 'weight', value: '2' },
      { type: 'owner', owner: 'acc-ben' },
      { type: 'set', field: 'title', value: '  Fewer abandoned carts ' },
    ] satisfies ObjectiveDraftAction[];
    expect(toCreatePayload(draft.reduce(reduce, anObjectiveDraft()))).toEqual({
      ok: true,
      payload: {
        title: 'Fewer abandoned carts',
        description: '',
        owner: 'acc-ben',
        levelId: 'workgroup',
        periodId: 'p-2026q4',
        workgroupId: 'wg-checkout',
        parentId: 'O-1',
        weight: 2,
        alignments: [],
        visibility: 'public',
        status: 'active',
      },
    });
    // no owner picked: the creator owns it; no workgroup, no parent: null; a blank alignment weight is 1
    const bare = reduce(anObjectiveDraft({ workgroupId: '' }), { type: 'add-alignment', objectiveId: 'O-5' });
    const created = toCreatePayload(reduce(bare, { type: 'set-alignment', index: 0, field: 'weight', value: ' ' }));
    expect(created.ok && created.payload).toMatchObject({
      workgroupId: null,
      parentId: null,
      weight: null,
      alignments: [{ objectiveId: 'O-5', weight: 1 }],
    });
    expect(created.ok && 'owner' in created.payload).toBe(false);
  });

  it('names every problem at once, each at its field, in plain words', () => {
    const draft = anObjectiveDraft({
      title: ' ',
      weight: 'heavy',
      alignments: [
        { objectiveId: 'O-5', weight: '1' },
        { objectiveId: 'O-5', weight: 'x' },
      ],
    });
    expect(validate(draft)).toEqual([
      { path: 'weight', message: '"heavy" is not a number' },
      { path: 'alignments.1.weight', message: '"x" is not a number' },
      { path: 'title', message: 'a title is required' },
      { path: 'alignments.1.objectiveId', message: expect.stringContaining('O-5') },
    ]);
    expect(toCreatePayload(draft)).toEqual({ ok: false, details: validate(draft) });
    expect(validate(anObjectiveDraft())).toEqual([]);
  });

  it('refuses a title, a description, a parent and a weight exactly when the create payload refuses them', () => {
    const shape = ObjectivesCreatePayload.shape;
    fc.assert(
      fc.property(
        titleTextArb,
        noteTextArb,
        fc.oneof(fc.constant(''), objectiveKeyArb, fc.constantFrom('O-0', 'o-3', 'KR-1')),
        numberTextArb,
        (title, description, parentId, weight) => {
          const refused = new Set(paths(anObjectiveDraft({ title, description, parentId, weight })));
          expect(refused.has('title')).toBe(!shape.title.safeParse(title).success);
          expect(refused.has('description')).toBe(!shape.description.safeParse(description).success);
          expect(refused.has('parentId')).toBe(!shape.parentId.safeParse(parentId === '' ? null : parentId).success);
          const w = numberOf(weight);
          expect(refused.has('weight')).toBe(w === undefined || !shape.weight.safeParse(w).success);
        },
      ),
    );
  });

  it('refuses alignments exactly when their weights are not numbers or the create payload refuses the list', () => {
    const alignment = fc.record({ objectiveId: fc.oneof(objectiveKeyArb, fc.constant('')), weight: numberTextArb });
    fc.assert(
      fc.property(fc.array(alignment, { maxLength: 22 }), (alignments) => {
        const refused = paths(anObjectiveDraft({ alignments })).some((p) => p.startsWith('alignments'));
        const read = alignments.map((a) => ({ objectiveId: a.objectiveId, weight: numberOf(a.weight) }));
        const readable = read.every((a) => a.weight !== undefined);
        const sent = read.map((a) => ({ objectiveId: a.objectiveId, weight: a.weight ?? 1 }));
        expect(refused).toBe(!readable || !ObjectivesCreatePayload.shape.alignments.safeParse(sent).success);
      }),
    );
  });

  it('creates exactly when it validates, and what it sends is a payload the contract keeps as it is', () => {
    fc.assert(
      fc.property(fc.array(objectiveActionArb, { maxLength: 8 }), (actions) => {
        const draft = actions.reduce(reduce, anObjectiveDraft());
        const created = toCreatePayload(draft);
        expect(created.ok).toBe(validate(draft).length === 0);
        if (created.ok) expect(ObjectivesCreatePayload.parse(created.payload)).toEqual(created.payload);
      }),
    );
  });
});

describe('objective draft: changing an objective', () => {
  it('sends only what changed, at the version read', () => {
    const original = anExistingObjective();
    const draft = reduce(
      reduce(draftFrom({ existing: original }), {
        type: 'set',
        field: 'title',
        value: 'Checkout converts much better',
      }),
      { type: 'set', field: 'weight', value: '3' },
    );
    expect(toPatch(original, draft)).toEqual({ title: 'Checkout converts much better', weight: 3 });
    expect(toUpdatePayload(original, draft)).toEqual({
      ok: true,
      payload: { key: 'O-2', version: 3, title: 'Checkout converts much better', weight: 3 },
    });
    // an owner who does not manage the objective changes title and description only
    expect(toPatch(original, draft, { textOnly: true })).toEqual({ title: 'Checkout converts much better' });
  });

  it('has nothing to send when nothing changed, or only what the contract would normalise away', () => {
    const original = anExistingObjective({ alignments: [{ objectiveId: 'O-5', weight: 2.5 }], weight: 0 });
    const draft = draftFrom({ existing: original });
    expect(toPatch(original, draft)).toEqual({});
    expect(toUpdatePayload(original, draft)).toEqual({ ok: true, payload: null });
    expect(
      toPatch(original, reduce(draft, { type: 'set', field: 'title', value: ' Checkout converts better  ' })),
    ).toEqual({});
    expect(validate(draft, original)).toEqual([]);
  });

  it('reports a number that is not one before anything else, and then what the contract refuses in the changes', () => {
    const original = anExistingObjective();
    const draft = { ...draftFrom({ existing: original }), title: '', weight: 'three' };
    expect(toUpdatePayload(original, draft)).toEqual({
      ok: false,
      details: [{ path: 'weight', message: '"three" is not a number' }],
    });
    expect(validate({ ...draft, weight: '3' }, original)).toEqual([{ path: 'title', message: 'a title is required' }]);
    expect(
      validate({ ...draft, weight: '3', status: 'done', visibility: 'restricted', title: 'Done' }, original),
    ).toEqual([]);
  });

  it('finds no change in the draft drawn from any objective', () => {
    fc.assert(
      fc.property(objectiveViewArb, (original) => {
        const draft = draftFrom({ existing: original });
        expect(toPatch(original, draft)).toEqual({});
        expect(toUpdatePayload(original, draft)).toEqual({ ok: true, payload: null });
        expect(validate(draft, original)).toEqual([]);
      }),
    );
  });

  it('finds no change left once the server has applied what was sent', () => {
    fc.assert(
      fc.property(objectiveViewArb, fc.array(objectiveActionArb, { maxLength: 8 }), (original, actions) => {
        const draft = edited(original, actions);
        const update = toUpdatePayload(original, draft);
        fc.pre(update.ok && update.payload !== null);
        if (!update.ok || update.payload === null) return;
        expect(toPatch(applied(original, update.payload), draft)).toEqual({});
      }),
    );
  });

  it('sends each field that differs and no other, and refuses exactly what the update payload refuses', () => {
    fc.assert(
      fc.property(objectiveViewArb, fc.array(objectiveActionArb, { maxLength: 8 }), (original, actions) => {
        const draft = edited(original, actions);
        const patch = toPatch(original, draft);
        for (const [field, value] of Object.entries(patch)) expect(original).not.toHaveProperty([field], value);
        const numbersRead =
          numberOf(draft.weight) !== undefined && draft.alignments.every((a) => numberOf(a.weight) !== undefined);
        fc.pre(numbersRead);
        const refused = validate(draft, original).length > 0;
        expect(refused).toBe(
          Object.keys(patch).length > 0 &&
            !ObjectivesUpdatePayload.safeParse({ key: original.key, version: original.version, ...patch }).success,
        );
      }),
    );
  });
});

describe('objective draft: the reducer', () => {
  it('keeps what is typed and ignores a state or visibility the contract does not know', () => {
    const draft = anObjectiveDraft();
    expect(reduce(draft, { type: 'set', field: 'status', value: 'paused' })).toBe(draft);
    expect(reduce(draft, { type: 'set', field: 'visibility', value: 'secret' })).toBe(draft);
    expect(reduce(draft, { type: 'set', field: 'status', value: 'draft' }).status).toBe('draft');
    expect(reduce(draft, { type: 'set', field: 'weight', value: ' 2,5' }).weight).toBe(' 2,5');
  });

  it('adds, changes and removes alignments by position', () => {
    const steps: ObjectiveDraftAction[] = [
      { type: 'add-alignment', objectiveId: 'O-1' },
      { type: 'add-alignment', objectiveId: 'O-5' },
      { type: 'set-alignment', index: 1, field: 'weight', value: '3' },
      { type: 'set-alignment', index: 0, field: 'objectiveId', value: 'O-3' },
      { type: 'remove-alignment', index: 0 },
    ];
    const states = steps.reduce<ObjectiveDraft[]>(
      (all, step) => [...all, reduce(all[all.length - 1] ?? anObjectiveDraft(), step)],
      [],
    );
    expect(states.map((s) => s.alignments)).toEqual([
      [{ objectiveId: 'O-1', weight: '1' }],
      [
        { objectiveId: 'O-1', weight: '1' },
        { objectiveId: 'O-5', weight: '1' },
      ],
      [
        { objectiveId: 'O-1', weight: '1' },
        { objectiveId: 'O-5', weight: '3' },
      ],
      [
        { objectiveId: 'O-3', weight: '1' },
        { objectiveId: 'O-5', weight: '3' },
      ],
      [{ objectiveId: 'O-5', weight: '3' }],
    ]);
  });
});
