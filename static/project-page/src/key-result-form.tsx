/**
 * Adds a key result of any kind, or changes one (only the fields that changed are sent, so an
 * owner who may change targets only is not refused for fields they left alone).
 */
import { Fragment, useState } from 'react';
import { KeyResultsCreatePayload, KeyResultsUpdatePayload, type ObjectiveView } from '@contract/api';
import { detailsFromZod, type AppError, type ErrorDetail } from '@contract/errors';
import { DeliveryMeasure, Direction, type KeyResult } from '@contract/key-results';
import { useHost } from '../../shared/src/app-context';
import { ErrorNotice } from '../../shared/src/components/error-notice';
import { Field, NativeSelect } from '../../shared/src/components/field';
import { fieldErrors } from '../../shared/src/form-errors';
import { useAction } from '../../shared/src/use-resource';
import { DELIVERY_TEXT, KIND_TEXT } from './format';
import { numberText, readNumber } from './number-input';
import { TextInput, TextArea } from '../../shared/src/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';

type Kind = KeyResult['kind'];
const KINDS: Kind[] = ['completion', 'metric', 'query', 'delivery-quality', 'milestone'];

interface Draft {
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

function draftOf(kr: KeyResult | null): Draft {
  const base: Draft = { kind: 'completion', title: '', weight: '', measure: 'count', scope: 'key-result', unit: '', direction: 'increase', baseline: '', target: '', bandMin: '', bandMax: '', jql: '', aggregate: 'count', field: '', windowWeeks: '4' };
  if (kr === null) return base;
  const d: Draft = { ...base, kind: kr.kind, title: kr.title, weight: numberText(kr.weight) };
  switch (kr.kind) {
    case 'completion':
      return { ...d, measure: kr.measure, scope: kr.scope };
    case 'metric':
      return { ...d, unit: kr.unit, direction: kr.direction, baseline: numberText(kr.baseline), target: numberText(kr.target), bandMin: numberText(kr.bandMin), bandMax: numberText(kr.bandMax) };
    case 'query':
      return { ...d, unit: kr.unit, direction: kr.direction, baseline: numberText(kr.baseline), target: numberText(kr.target), bandMin: numberText(kr.bandMin), bandMax: numberText(kr.bandMax), jql: kr.jql, aggregate: kr.aggregate, field: kr.field ?? '' };
    case 'delivery-quality':
      return { ...d, measure: kr.measure, scope: kr.scope, target: numberText(kr.target), baseline: numberText(kr.baseline), windowWeeks: String(kr.windowWeeks) };
    case 'milestone':
      return d;
  }
}

const NUMBER_FIELDS = ['weight', 'baseline', 'target', 'bandMin', 'bandMax', 'windowWeeks'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

const TARGETS = ['baseline', 'target', 'bandMin', 'bandMax'] as const satisfies readonly (keyof Draft)[];
const TARGET_LABELS: Record<(typeof TARGETS)[number], string> = { baseline: 'Baseline', target: 'Target', bandMin: 'Lower bound', bandMax: 'Upper bound' };

/** The fields the form shows for a draft (a VALIDATION detail for another path stays in the banner, with its path). */
function shownFields(d: Draft): string[] {
  const targets = ['unit', 'direction', ...(d.direction === 'band' ? ['bandMin', 'bandMax'] : ['baseline', 'target'])];
  switch (d.kind) {
    case 'completion':
      return ['title', 'weight', 'measure', 'scope'];
    case 'metric':
      return ['title', 'weight', ...targets];
    case 'query':
      return ['title', 'weight', 'jql', 'aggregate', ...(d.aggregate === 'count' ? [] : ['field']), ...targets];
    case 'delivery-quality':
      return ['title', 'weight', 'measure', 'baseline', 'target', 'scope', ...(d.measure === 'throughput-per-week' ? ['windowWeeks'] : [])];
    case 'milestone':
      return ['title', 'weight'];
  }
}

/** The fields a kind has, as they would be sent (numbers read; blank numbers are null). */
function fieldsOf(d: Draft, numbers: Record<NumberField, number | null>): Record<string, unknown> {
  const common = { title: d.title, weight: numbers.weight };
  const target = { unit: d.unit, direction: d.direction, baseline: numbers.baseline, target: numbers.target, bandMin: numbers.bandMin, bandMax: numbers.bandMax };
  switch (d.kind) {
    case 'completion':
      return { ...common, measure: d.measure, scope: d.scope };
    case 'metric':
      return { ...common, ...target };
    case 'query':
      return { ...common, ...target, jql: d.jql, aggregate: d.aggregate, field: d.field.trim() === '' ? null : d.field.trim() };
    case 'delivery-quality':
      return { ...common, measure: d.measure, scope: d.scope, target: numbers.target, baseline: numbers.baseline, windowWeeks: numbers.windowWeeks };
    case 'milestone':
      return common;
  }
}

export default function KeyResultForm({
  objective,
  keyResult,
  onDone,
  onReload,
  targetsOnly = false,
}: {
  objective: ObjectiveView;
  keyResult: KeyResult | null;
  onDone: (changed: boolean) => void;
  onReload: () => void;
  /** For an owner who does not manage the objective: only the targets (baseline, target, band) may change. */
  targetsOnly?: boolean;
}) {
  const { flag } = useHost();
  const create = useAction('key-results/create');
  const update = useAction('key-results/update');
  const [draft, setDraft] = useState<Draft>(() => draftOf(keyResult));
  const [local, setLocal] = useState<AppError | null>(null);
  const editing = keyResult !== null;
  const error = local ?? (editing ? update.error : create.error);
  const prefix = editing ? '' : 'keyResult.';
  const shown = targetsOnly ? shownFields(draft).filter((f) => (TARGETS as readonly string[]).includes(f)) : shownFields(draft);
  const errors = fieldErrors(error, [...shown.map((f) => `${prefix}${f}`), ...(editing ? [] : ['keyResult.kind'])]);
  const at = (f: string) => errors.at(`${prefix}${f}`);
  const idBase = `kr-${objective.key}-${keyResult?.key ?? 'new'}`;
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const submit = async () => {
    const problems: ErrorDetail[] = [];
    const numbers = readNumbers(draft, (f, message) => problems.push({ path: `${prefix}${f}`, message }));
    const fields = fieldsOf(draft, numbers);
    if (keyResult === null) {
      const parsed = KeyResultsCreatePayload.safeParse({ objectiveKey: objective.key, version: objective.version, keyResult: { kind: draft.kind, ...fields } });
      if (!parsed.success || problems.length > 0) {
        setLocal({ code: 'VALIDATION', message: 'The key result was not added', details: [...problems, ...(parsed.success ? [] : detailsFromZod(parsed.error))] });
        return;
      }
      setLocal(null);
      const done = await create.run(parsed.data);
      if (done) {
        flag({ type: 'success', title: `${done.keyResult.key} added to ${objective.key}` });
        onDone(true);
      }
      return;
    }
    if (problems.length > 0) {
      setLocal({ code: 'VALIDATION', message: `${keyResult.key} was not saved`, details: problems });
      return;
    }
    const original = draftOf(keyResult);
    const before = fieldsOf(original, readNumbers(original, () => undefined));
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (JSON.stringify(v) !== JSON.stringify(before[k])) changes[k] = v;
    if (Object.keys(changes).length === 0) {
      onDone(false);
      return;
    }
    const parsed = KeyResultsUpdatePayload.safeParse({ objectiveKey: objective.key, version: objective.version, keyResultId: keyResult.id, ...changes });
    if (!parsed.success) {
      setLocal({ code: 'VALIDATION', message: `${keyResult.key} was not saved`, details: detailsFromZod(parsed.error) });
      return;
    }
    setLocal(null);
    const done = await update.run(parsed.data);
    if (done) {
      flag({ type: 'success', title: `${keyResult.key} saved` });
      onDone(true);
    }
  };

  const text = (field: keyof Draft, label: string, hint?: string) => (
    <Field id={`${idBase}-${field}`} label={label} error={at(field)} {...(hint ? { hint } : {})}>
      {(control) => <TextInput {...control} value={draft[field]} onChange={(e) => set(field)(e.currentTarget.value)} />}
    </Field>
  );
  const select = (field: keyof Draft, label: string, options: readonly (readonly [string, string])[]) => (
    <Field id={`${idBase}-${field}`} label={label} error={at(field)}>
      {(control) => (
        <NativeSelect {...control} value={draft[field]} onChange={(e) => set(field)(e.currentTarget.value)}>
          {options.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </NativeSelect>
      )}
    </Field>
  );
  const targets = (
    <>
      {text('unit', 'Unit', 'For example %, ms, €')}
      {select('direction', 'Direction', Direction.options.map((d) => [d, d === 'band' ? 'Stay within a band' : d === 'increase' ? 'Increase' : 'Decrease'] as const))}
      {draft.direction === 'band' ? (
        <>
          {text('bandMin', 'Lower bound')}
          {text('bandMax', 'Upper bound')}
        </>
      ) : (
        <>
          {text('baseline', 'Baseline')}
          {text('target', 'Target')}
        </>
      )}
    </>
  );

  const targetFields = TARGETS.filter((t) => shown.includes(t));
  const allFields = (
    <>
      {editing ? null : select('kind', 'Kind', KINDS.map((k) => [k, KIND_TEXT[k]] as const))}
      {text('title', 'Title')}
      {text('weight', 'Weight', 'Blank takes the default weight; 0 shows it without counting it')}
      {draft.kind === 'completion' ? (
        <>
          {select('measure', 'Measure', [['count', 'Issues done'], ['story-points', 'Story points done']])}
          {select('scope', 'Work', [['key-result', 'Issues linked to this key result'], ['objective', 'All work of the objective']])}
        </>
      ) : null}
      {draft.kind === 'metric' ? targets : null}
      {draft.kind === 'query' ? (
        <>
          <Field id={`${idBase}-jql`} label="JQL" error={at('jql')}>
            {(control) => <TextArea {...control} value={draft.jql} onChange={(e) => set('jql')(e.currentTarget.value)} rows={2} />}
          </Field>
          {select('aggregate', 'Aggregate', [['count', 'Count the issues'], ['sum', 'Sum a field'], ['avg', 'Average a field']])}
          {draft.aggregate === 'count' ? null : text('field', 'Numeric field', 'A Jira field id, e.g. customfield_10016')}
          {targets}
        </>
      ) : null}
      {draft.kind === 'delivery-quality' ? (
        <>
          {select('measure', 'Measure', DeliveryMeasure.options.map((m) => [m, DELIVERY_TEXT[m]] as const))}
          {text('baseline', 'Baseline', 'Rates are shares between 0 and 1; blank takes a natural baseline')}
          {text('target', 'Target')}
          {draft.measure === 'throughput-per-week' ? text('windowWeeks', 'Window (weeks)') : null}
          {select('scope', 'Work', [['objective', 'All work of the objective'], ['key-result', 'Issues linked to this key result']])}
        </>
      ) : null}
    </>
  );

  return (
    <form
      aria-label={editing ? `Edit ${keyResult.key}` : `Add a key result to ${objective.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={formPanelStyle}
    >
      {errors.rest ? <ErrorNotice error={errors.rest} onReload={onReload} alert /> : null}
      {targetsOnly ? targetFields.map((f) => <Fragment key={f}>{text(f, TARGET_LABELS[f])}</Fragment>) : allFields}
      <FormButtons label={editing ? 'Save' : 'Add key result'} disabled={create.pending || update.pending} onCancel={() => onDone(false)} />
    </form>
  );
}

/** Reads every number field; a field that is not a number is reported and counts as blank. */
function readNumbers(d: Draft, report: (field: NumberField, message: string) => void): Record<NumberField, number | null> {
  const out: Record<NumberField, number | null> = { weight: null, baseline: null, target: null, bandMin: null, bandMax: null, windowWeeks: null };
  for (const f of NUMBER_FIELDS) {
    const read = readNumber(d[f]);
    if (read.ok) out[f] = read.value;
    else report(f, read.message);
  }
  return out;
}
