/** Records a check-in on a key result: confidence, a note and, for a metric, its new value. */
import { useState } from 'react';
import type { ObjectiveView } from '@contract/api';
import { Confidence } from '@contract/check-ins';
import type { KeyResult } from '@contract/key-results';
import { useHost } from '../../shared/src/app-context';
import { ErrorNotice } from '../../shared/src/components/error-notice';
import { EnumOptions, Field, NativeSelect } from '../../shared/src/components/field';
import { fieldErrors } from '../../shared/src/form-errors';
import { useAction } from '../../shared/src/use-resource';
import { CONFIDENCE_TEXT } from './format';
import { readNumber } from './number-input';
import { TextInput, TextArea } from '../../shared/src/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';

export default function CheckInForm({ objective, keyResult, onDone }: { objective: ObjectiveView; keyResult: KeyResult | null; onDone: (changed: boolean) => void }) {
  const { flag } = useHost();
  const save = useAction('check-ins/create');
  const [confidence, setConfidence] = useState<Confidence>('high');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [valueError, setValueError] = useState<string | undefined>(undefined);
  const isMetric = keyResult?.kind === 'metric';
  const errors = fieldErrors(save.error, isMetric ? ['value', 'confidence', 'note'] : ['confidence', 'note']);
  const idBase = `ci-${objective.key}-${keyResult?.key ?? 'objective'}`;

  const submit = async () => {
    let number: number | null = null;
    if (isMetric) {
      const read = readNumber(value);
      if (!read.ok || read.value === null) {
        setValueError(read.ok ? 'a check-in of a metric gives its new value' : read.message);
        return;
      }
      number = read.value;
    }
    setValueError(undefined);
    const done = await save.run({ objectiveKey: objective.key, keyResultId: keyResult?.id ?? null, value: number, confidence, note });
    if (done) {
      flag({ type: 'success', title: `Check-in recorded on ${keyResult?.key ?? objective.key}` });
      onDone(true);
    }
  };

  return (
    <form
      aria-label={`Check in on ${keyResult?.key ?? objective.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={formPanelStyle}
    >
      {errors.rest ? <ErrorNotice error={errors.rest} alert /> : null}
      {isMetric ? (
        <Field id={`${idBase}-value`} label={`New value${keyResult.unit === '' ? '' : ` (${keyResult.unit})`}`} error={valueError ?? errors.at('value')}>
          {(control) => <TextInput {...control} inputMode="decimal" value={value} onChange={(e) => setValue(e.currentTarget.value)} />}
        </Field>
      ) : null}
      <Field id={`${idBase}-confidence`} label="Confidence" error={errors.at('confidence')} hint="How sure are you that it will be met?">
        {(control) => (
          <NativeSelect
            {...control}
            value={confidence}
            onChange={(e) => {
              const picked = Confidence.safeParse(e.currentTarget.value);
              if (picked.success) setConfidence(picked.data);
            }}
          >
            <EnumOptions values={Confidence.options} text={CONFIDENCE_TEXT} />
          </NativeSelect>
        )}
      </Field>
      <Field id={`${idBase}-note`} label="Note" error={errors.at('note')}>
        {(control) => <TextArea {...control} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={2} />}
      </Field>
      <FormButtons label="Record check-in" disabled={save.pending} onCancel={() => onDone(false)} />
    </form>
  );
}
