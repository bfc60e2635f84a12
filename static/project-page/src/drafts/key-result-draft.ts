/**
 * The key-result form's draft: a key result of any kind, as typed (numbers stay text until sent).
 * Pure: no React, no DOM. The form keeps it with `useReducer(reduce, keyResult, draftFrom)` and
 * renders; this module says which fields the kind shows (`visibleFields`), what is wrong
 * (`validate`), what adding sends (`toCreatePayload`) and what changed (`toPatch`,
 * `toUpdatePayload`: only the changed fields, so an owner who may change targets only is not
 * refused for fields they left alone).
 */
import {
  KEY_RESULT_PATCH_FIELDS,
  KeyResultDraft,
  KeyResultsCreatePayload,
  KeyResultsUpdatePayload,
  type KeyResultPatchField,
  type ObjectiveView,
} from '@contract/api';
import { detailsFromZod, type ErrorDetail } from '@contract/errors';
import type { KeyResult } from '@contract/key-results';
import { numberText } from '../number-input';
import { asSent, detailsOf, numberAt, parseWith, type Checked } from './checked';

export type Kind = KeyResult['kind'];
export const KINDS: readonly Kind[] = ['completion', 'metric', 'query', 'delivery-quality', 'milestone'];

export interface KeyResultFormDraft {
  kind: Kind;
  title: string;
  weight: string;
  measure: string;
  scope: string;
  unit: string;
  direction: string;
  baseline: string;
  target: string;
  bandMin: string;
  bandMax: string;
  jql: string;
  aggregate: string;
  field: string;
  windowWeeks: string;
}

/** Every field but the kind: text typed or an option chosen. */
export type TextField = Exclude<keyof KeyResultFormDraft, 'kind'>;

/** The draft of a new key result (`null`) or of an existing one. */
export function draftFrom(kr: KeyResult | null): KeyResultFormDraft {
  const base: KeyResultFormDraft = {
    kind: 'completion',
    title: '',
    weight: '',
    measure: 'count',
    scope: 'key-result',
    unit: '',
    direction: 'increase',
    baseline: '',
    target: '',
    bandMin: '',
    bandMax: '',
    jql: '',
    aggregate: 'count',
    field: '',
    windowWeeks: '4',
  };
  if (kr === null) return base;
  const d: KeyResultFormDraft = { ...base, kind: kr.kind, title: kr.title, weight: numberText(kr.weight) };
  switch (kr.kind) {
    case 'completion':
      return { ...d, measure: kr.measure, scope: kr.scope };
    case 'metric':
      return {
        ...d,
        unit: kr.unit,
        direction: kr.direction,
        baseline: numberText(kr.baseline),
        target: numberText(kr.target),
        bandMin: numberText(kr.bandMin),
        bandMax: numberText(kr.bandMax),
      };
    case 'query':
      return {
        ...d,
        unit: kr.unit,
        direction: kr.direction,
        baseline: numberText(kr.baseline),
        target: numberText(kr.target),
        bandMin: numberText(kr.bandMin),
        bandMax: numberText(kr.bandMax),
        jql: kr.jql,
        aggregate: kr.aggregate,
        field: kr.field ?? '',
      };
    case 'delivery-quality':
      return {
        ...d,
        measure: kr.measure,
        scope: kr.scope,
        target: numberText(kr.target),
        baseline: numberText(kr.baseline),
        windowWeeks: String(kr.windowWeeks),
      };
    case 'milestone':
      return d;
  }
}

export type KeyResultDraftAction =
  /** A field typed or an option chosen. */
  | { type: 'set'; field: TextField; value: string }
  /** Another kind (only a new key result offers it); a kind the contract does not know is ignored. */
  | { type: 'kind'; value: string };

export function reduce(draft: KeyResultFormDraft, action: KeyResultDraftAction): KeyResultFormDraft {
  switch (action.type) {
    case 'set':
      return { ...draft, [action.field]: action.value };
    case 'kind': {
      const kind = KINDS.find((k) => k === action.value);
      return kind === undefined ? draft : { ...draft, kind };
    }
  }
}

/** The target fields: what an owner who does not manage the objective may change. */
export const TARGETS = ['baseline', 'target', 'bandMin', 'bandMax'] as const satisfies readonly TextField[];

/** The fields the form shows for a draft (a VALIDATION detail for another path stays in the banner, with its path). */
export function visibleFields(d: KeyResultFormDraft): TextField[] {
  const targets: TextField[] = [
    'unit',
    'direction',
    ...(d.direction === 'band' ? (['bandMin', 'bandMax'] as const) : (['baseline', 'target'] as const)),
  ];
  switch (d.kind) {
    case 'completion':
      return ['title', 'weight', 'measure', 'scope'];
    case 'metric':
      return ['title', 'weight', ...targets];
    case 'query':
      return [
        'title',
        'weight',
        'jql',
        'aggregate',
        ...(d.aggregate === 'count' ? [] : (['field'] as const)),
        ...targets,
      ];
    case 'delivery-quality':
      return [
        'title',
        'weight',
        'measure',
        'baseline',
        'target',
        'scope',
        ...(d.measure === 'throughput-per-week' ? (['windowWeeks'] as const) : []),
      ];
    case 'milestone':
      return ['title', 'weight'];
  }
}

const NUMBER_FIELDS = ['weight', 'baseline', 'target', 'bandMin', 'bandMax', 'windowWeeks'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Reads every number field; a field that is not a number is reported (at `prefix` + its name) and counts as blank. */
function readNumbers(d: KeyResultFormDraft, prefix = '') {
  const problems: ErrorDetail[] = [];
  const numbers: Record<NumberField, number | null> = {
    weight: null,
    baseline: null,
    target: null,
    bandMin: null,
    bandMax: null,
    windowWeeks: null,
  };
  for (const f of NUMBER_FIELDS) numbers[f] = numberAt(`${prefix}${f}`, d[f], problems);
  return { numbers, problems };
}

/** The fields a kind has, as they would be sent (numbers read; blank numbers are null). */
function fieldsOf(
  d: KeyResultFormDraft,
  numbers: Record<NumberField, number | null>,
): Partial<Record<KeyResultPatchField, unknown>> {
  const common = { title: d.title, weight: numbers.weight };
  const target = {
    unit: d.unit,
    direction: d.direction,
    baseline: numbers.baseline,
    target: numbers.target,
    bandMin: numbers.bandMin,
    bandMax: numbers.bandMax,
  };
  switch (d.kind) {
    case 'completion':
      return { ...common, measure: d.measure, scope: d.scope };
    case 'metric':
      return { ...common, ...target };
    case 'query':
      return {
        ...common,
        ...target,
        jql: d.jql,
        aggregate: d.aggregate,
        field: d.field.trim() === '' ? null : d.field.trim(),
      };
    case 'delivery-quality':
      return {
        ...common,
        measure: d.measure,
        scope: d.scope,
        target: numbers.target,
        baseline: numbers.baseline,
        windowWeeks: numbers.windowWeeks,
      };
    case 'milestone':
      return common;
  }
}

/** The key result the draft describes, as `KeyResultDraft` (the contract's new key result) reads it. */
function keyResultInput(d: KeyResultFormDraft, numbers: Record<NumberField, number | null>) {
  return { kind: d.kind, ...fieldsOf(d, numbers) };
}

/** What adding sends to `objective` (at the version read), or every problem at once, at its path in the payload (`keyResult.target`). */
export function toCreatePayload(
  draft: KeyResultFormDraft,
  objective: Pick<ObjectiveView, 'key' | 'version'>,
): Checked<KeyResultsCreatePayload> {
  const { numbers, problems } = readNumbers(draft, 'keyResult.');
  return parseWith(
    KeyResultsCreatePayload,
    { objectiveKey: objective.key, version: objective.version, keyResult: keyResultInput(draft, numbers) },
    problems,
  );
}

/** The fields an update may carry. */
export type KeyResultPatch = Partial<Record<KeyResultPatchField, unknown>>;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of `draft` that differ from the key result it was drawn from, as they would be sent
 * (text trimmed where the contract trims it); `{}` when nothing changed. A number that is not one
 * counts as blank here; `validate` reports it.
 */
export function toPatch(original: KeyResult, draft: KeyResultFormDraft): KeyResultPatch {
  const before = draftFrom(original);
  const was = fieldsOf(before, readNumbers(before).numbers);
  const now = fieldsOf(draft, readNumbers(draft).numbers);
  const patch: KeyResultPatch = {};
  for (const field of Object.keys(now).filter(isPatchField)) {
    const value = asSent(KEY_RESULT_PATCH_FIELDS[field], now[field]);
    if (!sameValue(value, was[field])) patch[field] = value;
  }
  return patch;
}

function isPatchField(field: string): field is KeyResultPatchField {
  return field in KEY_RESULT_PATCH_FIELDS;
}

/** Each changed field checked with its schema in the contract's update payload. */
function checkPatch(patch: KeyResultPatch): ErrorDetail[] {
  return Object.keys(patch)
    .filter(isPatchField)
    .flatMap((field) => {
      const parsed = KEY_RESULT_PATCH_FIELDS[field].safeParse(patch[field]);
      return parsed.success
        ? []
        : detailsFromZod(parsed.error).map((d) => ({ ...d, path: d.path === '' ? field : `${field}.${d.path}` }));
    });
}

/**
 * What saving sends: the contract's update payload with the changed fields only, null when nothing
 * changed, or the problems: the numbers that are not numbers first (then nothing else is checked),
 * else what the contract refuses in the changes.
 */
export function toUpdatePayload(
  original: KeyResult,
  draft: KeyResultFormDraft,
  objective: Pick<ObjectiveView, 'key' | 'version'>,
): Checked<KeyResultsUpdatePayload | null> {
  const { problems } = readNumbers(draft);
  if (problems.length > 0) return { ok: false, details: problems };
  const patch = toPatch(original, draft);
  if (Object.keys(patch).length === 0) return { ok: true, payload: null };
  return parseWith(KeyResultsUpdatePayload, {
    objectiveKey: objective.key,
    version: objective.version,
    keyResultId: original.id,
    ...patch,
  });
}

/**
 * What is wrong with the draft, in plain words, each at its field (`title`, `target`): for a new
 * key result what the contract refuses in it (the direction rules of targets included), for an
 * existing one (`original`) what it refuses in the changes. Empty when it may be sent.
 */
export function validate(draft: KeyResultFormDraft, original: KeyResult | null = null): ErrorDetail[] {
  if (original !== null) {
    const { problems } = readNumbers(draft);
    return problems.length > 0 ? problems : checkPatch(toPatch(original, draft));
  }
  const { numbers, problems } = readNumbers(draft);
  return detailsOf(parseWith(KeyResultDraft, keyResultInput(draft, numbers), problems));
}
