/** The answer to one prompt, in the shape its kind asks for. */
import { useState } from 'react';
import { PromptAnswerInput, type PromptItem } from '@contract/api';
import { Confidence } from '@contract/check-ins';
import { detailsFromZod, type AppError } from '@contract/errors';
import { EscalationChoice, Impact } from '@contract/prompts';
import { ErrorNotice } from '../../shared/src/components/error-notice';
import { EnumOptions, Field, NativeSelect } from '../../shared/src/components/field';
import { fieldErrors } from '../../shared/src/form-errors';
import { CHOICE_TEXT, CONFIDENCE_TEXT, IMPACT_TEXT } from './format';
import { readNumber } from './number-input';
import { TextInput, TextArea } from '../../shared/src/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';


/** The fields each kind's form shows (a VALIDATION detail for another path stays in the banner, with its path). */
const SHOWN: Record<PromptItem['kind'], (metric: boolean) => string[]> = {
  'outcome-review': () => ['impact', 'note'],
  'check-in-due': (metric) => [...(metric ? ['value'] : []), 'confidence', 'note'],
  escalation: () => ['choice', 'note'],
  'period-review': () => ['grade', 'helped', 'hindered'],
  'alignment-gap': () => ['note'],
};

export function PromptAnswerForm({ prompt, pending, serverError, onSubmit, onCancel }: { prompt: PromptItem; pending: boolean; serverError: AppError | null; onSubmit: (answer: PromptAnswerInput) => void; onCancel: () => void }) {
  const [impact, setImpact] = useState<string>('fully');
  const [confidence, setConfidence] = useState<string>('high');
  const [choice, setChoice] = useState<string>('keep-course');
  const [value, setValue] = useState('');
  const [grade, setGrade] = useState('');
  const [note, setNote] = useState('');
  const [helped, setHelped] = useState('');
  const [hindered, setHindered] = useState('');
  const [local, setLocal] = useState<AppError | null>(null);
  const metric = prompt.context.keyResult?.kind === 'metric';
  const errors = fieldErrors(local ?? serverError, SHOWN[prompt.kind](metric).map((f) => `answer.${f}`));
  const id = (f: string) => `answer-${prompt.id}-${f}`.replace(/[^A-Za-z0-9_-]/g, '_');

  const submit = () => {
    let raw: unknown;
    switch (prompt.kind) {
      case 'outcome-review':
        raw = { kind: prompt.kind, impact, note };
        break;
      case 'check-in-due': {
        const read = readNumber(value);
        if (!read.ok) return setLocal({ code: 'VALIDATION', message: 'The answer was not sent', details: [{ path: 'answer.value', message: read.message }] });
        raw = { kind: prompt.kind, value: metric ? read.value : null, confidence, note };
        break;
      }
      case 'escalation':
        raw = { kind: prompt.kind, choice, note };
        break;
      case 'period-review': {
        const read = readNumber(grade);
        if (!read.ok || read.value === null) return setLocal({ code: 'VALIDATION', message: 'The answer was not sent', details: [{ path: 'answer.grade', message: read.ok ? 'give a grade between 0 and 1' : read.message }] });
        raw = { kind: prompt.kind, grade: read.value, helped, hindered };
        break;
      }
      case 'alignment-gap':
        raw = { kind: prompt.kind, note };
        break;
    }
    const parsed = PromptAnswerInput.safeParse(raw);
    if (!parsed.success) return setLocal({ code: 'VALIDATION', message: 'The answer was not sent', details: detailsFromZod(parsed.error).map((d) => ({ ...d, path: `answer.${d.path}` })) });
    setLocal(null);
    onSubmit(parsed.data);
  };

  const noteField = (path: string, label: string, text: string, set: (v: string) => void) => (
    <Field id={id(path)} label={label} error={errors.at(`answer.${path}`)}>
      {(control) => <TextArea {...control} value={text} onChange={(e) => set(e.currentTarget.value)} rows={2} />}
    </Field>
  );

  return (
    <form
      aria-label={`Answer: ${prompt.reason}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      style={formPanelStyle}
    >
      {errors.rest ? <ErrorNotice error={errors.rest} alert /> : null}
      {prompt.kind === 'outcome-review' ? (
        <Field id={id('impact')} label="Did it deliver what the objective needed?" error={errors.at('answer.impact')}>
          {(control) => (
            <NativeSelect {...control} value={impact} onChange={(e) => setImpact(e.currentTarget.value)}>
              <EnumOptions values={Impact.options} text={IMPACT_TEXT} />
            </NativeSelect>
          )}
        </Field>
      ) : null}
      {prompt.kind === 'check-in-due' ? (
        <>
          {metric ? (
            <Field id={id('value')} label="New value" error={errors.at('answer.value')}>
              {(control) => <TextInput {...control} inputMode="decimal" value={value} onChange={(e) => setValue(e.currentTarget.value)} />}
            </Field>
          ) : null}
          <Field id={id('confidence')} label="Confidence" error={errors.at('answer.confidence')}>
            {(control) => (
              <NativeSelect {...control} value={confidence} onChange={(e) => setConfidence(e.currentTarget.value)}>
                <EnumOptions values={Confidence.options} text={CONFIDENCE_TEXT} />
              </NativeSelect>
            )}
          </Field>
        </>
      ) : null}
      {prompt.kind === 'escalation' ? (
        <Field id={id('choice')} label="What will you do?" error={errors.at('answer.choice')}>
          {(control) => (
            <NativeSelect {...control} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
              <EnumOptions values={EscalationChoice.options} text={CHOICE_TEXT} />
            </NativeSelect>
          )}
        </Field>
      ) : null}
      {prompt.kind === 'period-review' ? (
        <>
          <Field id={id('grade')} label="Grade (0 to 1)" error={errors.at('answer.grade')} hint="1 is fully achieved, 0.7 is a good stretch result">
            {(control) => <TextInput {...control} inputMode="decimal" value={grade} onChange={(e) => setGrade(e.currentTarget.value)} />}
          </Field>
          {noteField('helped', 'What helped', helped, setHelped)}
          {noteField('hindered', 'What got in the way', hindered, setHindered)}
        </>
      ) : (
        noteField('note', 'Note', note, setNote)
      )}
      <FormButtons label="Send answer" disabled={pending} onCancel={onCancel} />
    </form>
  );
}
