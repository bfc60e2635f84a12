/**
 * Adds a key result of any kind, or changes one (only the fields that changed are sent, so an
 * owner who may change targets only is not refused for fields they left alone). What is typed,
 * checked and sent is computed by ./drafts/key-result-draft; this component renders.
 */
import { Fragment, useEffect, useReducer, useState } from 'react';
import { usePinned } from './use-pinned';
import type { ObjectiveView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { DeliveryMeasure, Direction, type KeyResult } from '@contract/key-results';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Field, NativeSelect } from '@shared/components/field';
import { fieldErrors } from '@shared/form-errors';
import { useFirstInvalid } from '@shared/use-first-invalid';
import { useAction } from '@shared/use-resource';
import { DELIVERY_TEXT, KIND_TEXT } from './format';
import {
  draftFrom,
  KINDS,
  reduce,
  TARGETS,
  toCreatePayload,
  toUpdatePayload,
  visibleFields,
  type TextField,
} from './drafts/key-result-draft';
import { TextInput, TextArea } from '@shared/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';

const TARGET_LABELS: Record<(typeof TARGETS)[number], string> = {
  baseline: 'Baseline',
  target: 'Target',
  bandMin: 'Lower bound',
  bandMax: 'Upper bound',
};

export default function KeyResultForm({
  objective: current,
  keyResult: currentKeyResult,
  onDone,
  onReload,
  targetsOnly = false,
  defaultWeight,
}: {
  objective: ObjectiveView;
  keyResult: KeyResult | null;
  onDone: (changed: boolean) => void;
  onReload: () => void;
  /** For an owner who does not manage the objective: only the targets (baseline, target, band) may change. */
  targetsOnly?: boolean;
  /** The rollup policy's weight for a key result that sets none, said in the weight's hint. */
  defaultWeight?: number;
}) {
  const { flag } = useHost();
  // the objective's version and the key result as the form opened them: a live reload of the view
  // does not move what is saved against (use-pinned.ts); "Reload the latest version" does
  const readObjective = usePinned(current);
  const readKeyResult = usePinned(currentKeyResult);
  const objective = readObjective.pinned;
  const keyResult = readKeyResult.pinned;
  const reloadLatest = () => {
    readObjective.arm();
    readKeyResult.arm();
    onReload();
  };
  const create = useAction('key-results/create');
  const update = useAction('key-results/update');
  const [draft, dispatch] = useReducer(reduce, keyResult, draftFrom);
  const [local, setLocal] = useState<AppError | null>(null);
  const editing = keyResult !== null;
  const error = local ?? (editing ? update.error : create.error);
  // a refused save (the form's own check or the server's) puts the focus on the first field to fix
  const { ref: formRef, show: showInvalid } = useFirstInvalid();
  const serverError = editing ? update.error : create.error;
  useEffect(() => {
    if (serverError !== null) showInvalid();
  }, [serverError, showInvalid]);
  const prefix = editing ? '' : 'keyResult.';
  const shown = targetsOnly
    ? visibleFields(draft).filter((f) => (TARGETS as readonly string[]).includes(f))
    : visibleFields(draft);
  const errors = fieldErrors(error, [...shown.map((f) => `${prefix}${f}`), ...(editing ? [] : ['keyResult.kind'])]);
  const at = (f: string) => errors.at(`${prefix}${f}`);
  const idBase = `kr-${objective.key}-${keyResult?.key ?? 'new'}`;
  const set = (field: TextField) => (value: string) => dispatch({ type: 'set', field, value });

  const submit = async () => {
    if (keyResult === null) {
      const checked = toCreatePayload(draft, objective);
      if (!checked.ok) {
        setLocal({ code: 'VALIDATION', message: 'The key result was not added', details: checked.details });
        showInvalid();
        return;
      }
      setLocal(null);
      const done = await create.run(checked.payload);
      if (done) {
        flag({ type: 'success', title: `${done.keyResult.key} added to ${objective.key}` });
        onDone(true);
      }
      return;
    }
    const checked = toUpdatePayload(keyResult, draft, objective);
    if (!checked.ok) {
      setLocal({ code: 'VALIDATION', message: `${keyResult.key} was not saved`, details: checked.details });
      showInvalid();
      return;
    }
    if (checked.payload === null) {
      onDone(false);
      return;
    }
    setLocal(null);
    const done = await update.run(checked.payload);
    if (done) {
      flag({ type: 'success', title: `${keyResult.key} saved` });
      onDone(true);
    }
  };

  const text = (field: TextField, label: string, hint?: string) => (
    <Field id={`${idBase}-${field}`} label={label} error={at(field)} {...(hint ? { hint } : {})}>
      {(control) => <TextInput {...control} value={draft[field]} onChange={(e) => set(field)(e.currentTarget.value)} />}
    </Field>
  );
  const select = (field: TextField | 'kind', label: string, options: readonly (readonly [string, string])[]) => (
    <Field id={`${idBase}-${field}`} label={label} error={at(field)}>
      {(control) => (
        <NativeSelect
          {...control}
          value={draft[field]}
          onChange={(e) =>
            dispatch(
              field === 'kind'
                ? { type: 'kind', value: e.currentTarget.value }
                : { type: 'set', field, value: e.currentTarget.value },
            )
          }
        >
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
      {select(
        'direction',
        'Direction',
        Direction.options.map(
          (d) => [d, d === 'band' ? 'Stay within a band' : d === 'increase' ? 'Increase' : 'Decrease'] as const,
        ),
      )}
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
      {editing
        ? null
        : select(
            'kind',
            'Kind',
            KINDS.map((k) => [k, KIND_TEXT[k]] as const),
          )}
      {text('title', 'Title')}
      {text(
        'weight',
        'Weight',
        `Blank takes the default weight${defaultWeight === undefined ? '' : `, ${defaultWeight}`}; 0 shows it without counting it`,
      )}
      {draft.kind === 'completion' ? (
        <>
          {select('measure', 'Measure', [
            ['count', 'Issues done'],
            ['story-points', 'Story points done'],
          ])}
          {select('scope', 'Work', [
            ['key-result', 'Issues linked to this key result'],
            ['objective', 'All work of the objective'],
          ])}
        </>
      ) : null}
      {draft.kind === 'metric' ? targets : null}
      {draft.kind === 'query' ? (
        <>
          <Field id={`${idBase}-jql`} label="JQL" error={at('jql')}>
            {(control) => (
              <TextArea {...control} value={draft.jql} onChange={(e) => set('jql')(e.currentTarget.value)} rows={2} />
            )}
          </Field>
          {select('aggregate', 'Aggregate', [
            ['count', 'Count the issues'],
            ['sum', 'Sum a field'],
            ['avg', 'Average a field'],
          ])}
          {draft.aggregate === 'count'
            ? null
            : text('field', 'Numeric field', 'A Jira field id, e.g. customfield_10016')}
          {targets}
        </>
      ) : null}
      {draft.kind === 'delivery-quality' ? (
        <>
          {select(
            'measure',
            'Measure',
            DeliveryMeasure.options.map((m) => [m, DELIVERY_TEXT[m]] as const),
          )}
          {text('baseline', 'Baseline', 'Rates are shares between 0 and 1; blank takes a natural baseline')}
          {text('target', 'Target')}
          {draft.measure === 'throughput-per-week' ? text('windowWeeks', 'Window (weeks)') : null}
          {select('scope', 'Work', [
            ['objective', 'All work of the objective'],
            ['key-result', 'Issues linked to this key result'],
          ])}
        </>
      ) : null}
    </>
  );

  return (
    <form
      ref={formRef}
      aria-label={editing ? `Edit ${keyResult.key}` : `Add a key result to ${objective.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={formPanelStyle}
    >
      {errors.rest ? <ErrorNotice error={errors.rest} onReload={reloadLatest} alert /> : null}
      {targetsOnly ? targetFields.map((f) => <Fragment key={f}>{text(f, TARGET_LABELS[f])}</Fragment>) : allFields}
      <FormButtons
        label={editing ? 'Save' : 'Add key result'}
        disabled={create.pending || update.pending}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}
