/**
 * Records a check-in on a key result: confidence, a note and, for a metric, its new value. What is
 * typed, checked and sent is computed by ./drafts/check-in-draft; this component renders.
 */
import { useReducer, useState } from 'react';
import type { ObjectiveView } from '@contract/api';
import { Confidence, type CheckIn } from '@contract/check-ins';
import type { ErrorDetail } from '@contract/errors';
import type { KeyResult } from '@contract/key-results';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { useFirstInvalid } from '@shared/use-first-invalid';
import { EnumOptions, Field, NativeSelect } from '@shared/components/field';
import { fieldErrors } from '@shared/form-errors';
import { useAction } from '@shared/use-resource';
import { CONFIDENCE_TEXT } from './format';
import { draftFrom, reduce, takesValue, toCreatePayload } from './drafts/check-in-draft';
import { TextInput, TextArea } from '@shared/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';

export default function CheckInForm({
  objective,
  keyResult,
  onDone,
}: {
  objective: ObjectiveView;
  keyResult: KeyResult | null;
  /** `checkIn`: the check-in recorded, from the reply (the history shows it without waiting for a list). */
  onDone: (changed: boolean, checkIn?: CheckIn) => void;
}) {
  const { flag } = useHost();
  const save = useAction('check-ins/create');
  const [draft, dispatch] = useReducer(reduce, undefined, draftFrom);
  const firstInvalid = useFirstInvalid();
  /** What the contract refuses in what was typed: shown at its field (the server's errors show above the form too). */
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const subject = { objectiveKey: objective.key, keyResult };
  const isMetric = takesValue(keyResult);
  const shown = isMetric ? ['value', 'confidence', 'note'] : ['confidence', 'note'];
  const elsewhere = problems.filter((p) => !shown.includes(p.path));
  const errors = fieldErrors(
    save.error ??
      (elsewhere.length > 0
        ? { code: 'VALIDATION', message: 'The check-in was not recorded', details: elsewhere }
        : null),
    shown,
  );
  const at = (path: string) => problems.find((p) => p.path === path)?.message ?? errors.at(path);
  const idBase = `ci-${objective.key}-${keyResult?.key ?? 'objective'}`;

  const submit = async () => {
    const checked = toCreatePayload(draft, subject);
    if (!checked.ok) {
      setProblems(checked.details);
      firstInvalid.show();
      return;
    }
    setProblems([]);
    const done = await save.run(checked.payload);
    if (!done) firstInvalid.show();
    if (done) {
      flag({ type: 'success', title: `Check-in recorded on ${keyResult?.key ?? objective.key}` });
      onDone(true, done.checkIn);
    }
  };

  return (
    <form
      ref={firstInvalid.ref}
      aria-label={`Check in on ${keyResult?.key ?? objective.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={formPanelStyle}
    >
      {errors.rest ? <ErrorNotice error={errors.rest} alert /> : null}
      {isMetric ? (
        <Field
          id={`${idBase}-value`}
          label={`New value${keyResult.unit === '' ? '' : ` (${keyResult.unit})`}`}
          error={at('value')}
        >
          {(control) => (
            <TextInput
              {...control}
              inputMode="decimal"
              value={draft.value}
              onChange={(e) => dispatch({ type: 'set', field: 'value', value: e.currentTarget.value })}
            />
          )}
        </Field>
      ) : null}
      <Field
        id={`${idBase}-confidence`}
        label="Confidence"
        error={at('confidence')}
        hint="How sure are you that it will be met?"
      >
        {(control) => (
          <NativeSelect
            {...control}
            value={draft.confidence ?? ''}
            onChange={(e) => dispatch({ type: 'confidence', value: e.currentTarget.value })}
          >
            <option value="" disabled>
              Choose…
            </option>
            <EnumOptions values={Confidence.options} text={CONFIDENCE_TEXT} />
          </NativeSelect>
        )}
      </Field>
      <Field id={`${idBase}-note`} label="Note" error={at('note')}>
        {(control) => (
          <TextArea
            {...control}
            value={draft.note}
            onChange={(e) => dispatch({ type: 'set', field: 'note', value: e.currentTarget.value })}
            rows={2}
          />
        )}
      </Field>
      <FormButtons label="Record check-in" disabled={save.pending} onCancel={() => onDone(false)} />
    </form>
  );
}
