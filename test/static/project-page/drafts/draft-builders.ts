/**
 * Builders and fast-check arbitraries for the project page's draft modules: drafts as the forms
 * start them, the records they are drawn from (parsed through the contract), and what a person
 * may type into a number field.
 */
import fc from 'fast-check';
import { ObjectiveView } from '@contract/api/objectives';
import { KeyResult } from '@contract/key-results';
import { ObjectiveStatus, Visibility } from '@contract/objectives';
import { readNumber } from '../../../../static/project-page/src/number-input';
import * as objectiveDraft from '../../../../static/project-page/src/drafts/objective-draft';
import * as keyResultDraft from '../../../../static/project-page/src/drafts/key-result-draft';
import { aKeyResultOf, anObjectiveView } from '../../support/view-builders';

/** A new objective's draft in the Checkout squad, at the workgroup level of 2026 Q4, titled. */
export function anObjectiveDraft(over: Partial<objectiveDraft.ObjectiveDraft> = {}): objectiveDraft.ObjectiveDraft {
  return {
    ...objectiveDraft.draftFrom({
      defaults: { workgroupId: 'wg-checkout', levelId: 'workgroup', periodId: 'p-2026q4' },
    }),
    title: 'Fewer abandoned carts',
    ...over,
  };
}

/** O-2 "Checkout converts better" of the Checkout squad, under O-1, owned by Ana, at version 3. */
export function anExistingObjective(over: Record<string, unknown> = {}): ObjectiveView {
  return anObjectiveView({
    id: 'O-2',
    key: 'O-2',
    title: 'Checkout converts better',
    workgroupId: 'wg-checkout',
    parentId: 'O-1',
    owner: 'acc-ana',
    version: 3,
    ...over,
  });
}

/** The metric KR-1 "Conversion rate" of O-2: from 2 % to 4 %. */
export function aMetricKeyResult(over: Record<string, unknown> = {}): KeyResult {
  return aKeyResultOf('O-2', {
    id: 'O-2.KR-1',
    key: 'KR-1',
    title: 'Conversion rate',
    kind: 'metric',
    unit: '%',
    direction: 'increase',
    baseline: 2,
    target: 4,
    owner: 'acc-ana',
    ...over,
  });
}

/** A new key result's draft of `kind`, titled. */
export function aKeyResultDraft(
  over: Partial<keyResultDraft.KeyResultFormDraft> = {},
): keyResultDraft.KeyResultFormDraft {
  return { ...keyResultDraft.draftFrom(null), title: 'Checkout time', ...over };
}

/** A number field as sent: its value (blank is null), or undefined when the text is not a number. */
export function numberOf(text: string): number | null | undefined {
  const read = readNumber(text);
  return read.ok ? read.value : undefined;
}

/** What a person may type into a number field: numbers written every way, blanks, and words. */
export const numberTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -2000, max: 2000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -2000, max: 2000 }).map(String),
  fc.constantFrom(' 2 ', '1,5', '0.7', '-0', '1e3', '0x10', 'heavy', 'NaN', 'Infinity', '1e400', '. ', '2 3'),
  fc.string({ maxLength: 4 }),
);

/** Text for a title: trimmed or not, blank, over 255 characters. */
export const titleTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', '  Spaces around  ', '\t'),
  fc.integer({ min: 250, max: 260 }).map((n) => 'x'.repeat(n)),
);

/** Text for a note: short, or around the contract's 10,000 characters. */
export const noteTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 9_995, max: 10_005 }).map((n) => 'n'.repeat(n)),
);

export const objectiveKeyArb = fc.integer({ min: 1, max: 60 }).map((n) => `O-${n}`);
const weightArb = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true }));
const accountArb = fc.constantFrom('acc-ana', 'acc-ben', 'acc-lead', '712020:5b10a2844c20165700ede21g');
const titleArb = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

/** An objective as the project page shows it: any owner, workgroup, parent, weight, alignments, state and visibility. */
export const objectiveViewArb: fc.Arbitrary<ObjectiveView> = fc
  .record({
    title: titleArb,
    description: fc.string({ maxLength: 30 }),
    owner: accountArb,
    workgroupId: fc.option(fc.constantFrom('wg-checkout', 'wg-payments'), { nil: null }),
    parentId: fc.option(objectiveKeyArb, { nil: null }),
    weight: fc.option(weightArb, { nil: null }),
    alignments: fc.uniqueArray(fc.record({ objectiveId: objectiveKeyArb, weight: weightArb }), {
      selector: (a) => a.objectiveId,
      maxLength: 4,
    }),
    status: fc.constantFrom(...ObjectiveStatus.options),
    visibility: fc.constantFrom(...Visibility.options),
    version: fc.integer({ min: 1, max: 500 }),
  })
  .map((o) => anExistingObjective(o));

/** What a person may do in the objective form. */
export const objectiveActionArb: fc.Arbitrary<objectiveDraft.ObjectiveDraftAction> = fc.oneof(
  titleTextArb.map((value) => ({ type: 'set', field: 'title', value }) as const),
  fc.string({ maxLength: 10 }).map((value) => ({ type: 'set', field: 'description', value }) as const),
  numberTextArb.map((value) => ({ type: 'set', field: 'weight', value }) as const),
  fc
    .constantFrom('', 'wg-checkout', 'wg-payments')
    .map((value) => ({ type: 'set', field: 'workgroupId', value }) as const),
  fc.oneof(fc.constant(''), objectiveKeyArb).map((value) => ({ type: 'set', field: 'parentId', value }) as const),
  fc
    .constantFrom(...Visibility.options, 'secret')
    .map((value) => ({ type: 'set', field: 'visibility', value }) as const),
  fc
    .constantFrom(...ObjectiveStatus.options, 'paused')
    .map((value) => ({ type: 'set', field: 'status', value }) as const),
  fc.option(accountArb, { nil: null }).map((owner) => ({ type: 'owner', owner }) as const),
  objectiveKeyArb.map((objectiveId) => ({ type: 'add-alignment', objectiveId }) as const),
  fc
    .record({ index: fc.nat(4), value: numberTextArb })
    .map(({ index, value }) => ({ type: 'set-alignment', index, field: 'weight', value }) as const),
  fc
    .record({ index: fc.nat(4), value: objectiveKeyArb })
    .map(({ index, value }) => ({ type: 'set-alignment', index, field: 'objectiveId', value }) as const),
  fc.nat(4).map((index) => ({ type: 'remove-alignment', index }) as const),
);

const finiteArb = fc.oneof(fc.integer({ min: -50, max: 150 }), fc.double({ min: -50, max: 150, noNaN: true }));

/** A key result of any kind that the contract accepts. */
export const keyResultArb: fc.Arbitrary<KeyResult> = fc
  .record({
    kind: fc.constantFrom<KeyResult['kind']>('completion', 'metric', 'query', 'delivery-quality', 'milestone'),
    title: titleArb,
    weight: fc.option(weightArb, { nil: null }),
    measure: fc.constantFrom('count', 'story-points'),
    deliveryMeasure: fc.constantFrom('on-time-rate', 'median-cycle-time', 'throughput-per-week', 'bug-share'),
    scope: fc.constantFrom('key-result', 'objective'),
    unit: fc.constantFrom('', '%', 'ms', ' s '),
    direction: fc.constantFrom('increase', 'decrease', 'band'),
    baseline: fc.option(finiteArb, { nil: null }),
    target: fc.option(finiteArb, { nil: null }),
    bandMin: fc.option(finiteArb, { nil: null }),
    bandMax: fc.option(finiteArb, { nil: null }),
    jql: fc.constantFrom('project = SHOP', ' type = Bug '),
    aggregate: fc.constantFrom('count', 'sum', 'avg'),
    field: fc.option(fc.constantFrom('customfield_10016', 'timespent'), { nil: null }),
    windowWeeks: fc.integer({ min: 1, max: 52 }),
  })
  .map(({ kind, measure, deliveryMeasure, ...rest }) => {
    const fields = { ...rest, measure: kind === 'delivery-quality' ? deliveryMeasure : measure };
    const parsed = KeyResult.safeParse({
      id: 'O-2.KR-1',
      key: 'KR-1',
      objectiveId: 'O-2',
      owner: 'acc-ana',
      createdAt: 0,
      updatedAt: 0,
      ...fields,
      kind,
      ...(kind === 'delivery-quality' ? { target: Math.abs(fields.target ?? 0.5) } : {}),
    });
    return parsed.success ? parsed.data : null;
  })
  .filter((kr): kr is KeyResult => kr !== null);

/** What a person may type or choose in the key-result form (the kind stays: an existing key result's cannot change). */
export const keyResultActionArb: fc.Arbitrary<keyResultDraft.KeyResultDraftAction> = fc.oneof(
  titleTextArb.map((value) => ({ type: 'set', field: 'title', value }) as const),
  fc
    .record({
      field: fc.constantFrom('weight', 'baseline', 'target', 'bandMin', 'bandMax', 'windowWeeks'),
      value: numberTextArb,
    })
    .map((a) => ({ type: 'set', ...a }) as const),
  fc.constantFrom('', '%', ' ms ').map((value) => ({ type: 'set', field: 'unit', value }) as const),
  fc.constantFrom('increase', 'decrease', 'band').map((value) => ({ type: 'set', field: 'direction', value }) as const),
  fc.constantFrom('count', 'sum', 'avg').map((value) => ({ type: 'set', field: 'aggregate', value }) as const),
  fc
    .constantFrom('', 'customfield_10016', ' timespent ')
    .map((value) => ({ type: 'set', field: 'field', value }) as const),
  fc
    .constantFrom('project = SHOP', 'project = SHOP AND type = Bug ', '')
    .map((value) => ({ type: 'set', field: 'jql', value }) as const),
  fc.constantFrom('key-result', 'objective').map((value) => ({ type: 'set', field: 'scope', value }) as const),
);
