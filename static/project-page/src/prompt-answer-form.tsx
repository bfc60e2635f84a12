/**
 * The answer to one prompt, in the shape its kind asks for. What is typed, checked and sent is
 * computed by ./drafts/prompt-answer-draft; this component renders.
 */
import { useEffect, useReducer, useState } from 'react';
import type { PromptAnswerInput, PromptItem } from '@contract/api';
import { Confidence } from '@contract/check-ins';
import type { AppError } from '@contract/errors';
import { EscalationChoice, Impact } from '@contract/prompts';
import { ErrorNotice } from '@shared/components/error-notice';
import { EnumOptions, Field, NativeSelect } from '@shared/components/field';
import { fieldErrors } from '@shared/form-errors';
import { useFirstInvalid } from '@shared/use-first-invalid';
import { CHOICE_TEXT, CONFIDENCE_TEXT, IMPACT_TEXT } from './format';
import { answerTo, draftFrom, reduce, toAnswer } from './drafts/prompt-answer-draft';
import { TextInput, TextArea } from '@shared/components/text-input';
import { FormButtons, formPanelStyle } from './form-panel';

/** The fields each kind's form shows (a VALIDATION detail for another path stays in the banner, with its path). */
const SHOWN: Record<PromptItem['kind'], (metric: boolean) => string[]> = {
  'outcome-review': () => ['impact', 'note'],
  'check-in-due': (metric) => [...(metric ? ['value'] : []), 'confidence', 'note'],
  escalation: () => ['choice', 'note'],
  'period-review': () => ['grade', 'helped', 'hindered'],
  'alignment-gap': () => ['note'],
};

/** The option a choice starts on: nothing is suggested, the user chooses. */
function ChooseFirst() {
  return (
    <option value="" disabled>
      Choose…
    </option>
  );
}

export function PromptAnswerForm({
  prompt,
  pending,
  serverError,
  onSubmit,
  onCancel,
}: {
  prompt: PromptItem;
  pending: boolean;
  serverError: AppError | null;
  onSubmit: (answer: PromptAnswerInput) => void;
  onCancel: () => void;
}) {
  const [draft, dispatch] = useReducer(reduce, undefined, draftFrom);
  const { impact, confidence, choice, value, grade, note, helped, hindered } = draft;
  const setText = (field: 'value' | 'grade' | 'note' | 'helped' | 'hindered') => (text: string) =>
    dispatch({ type: 'set', field, value: text });
  const choose = (field: 'impact' | 'confidence' | 'choice') => (option: string) =>
    dispatch({ type: 'choose', field, value: option });
  const [local, setLocal] = useState<AppError | null>(null);
  const firstInvalid = useFirstInvalid();
  const { show } = firstInvalid;
  useEffect(() => {
    if (serverError !== null) show();
  }, [serverError, show]);
  const to = answerTo(prompt);
  const metric = to.metric;
  const errors = fieldErrors(
    local ?? serverError,
    SHOWN[prompt.kind](metric).map((f) => `answer.${f}`),
  );
  const id = (f: string) => `answer-${prompt.id}-${f}`.replace(/[^A-Za-z0-9_-]/g, '_');

  const submit = () => {
    const checked = toAnswer(draft, to);
    if (!checked.ok) {
      setLocal({
        code: 'VALIDATION',
        message: 'The answer was not sent',
        details: checked.details.map((d) => ({ ...d, path: `answer.${d.path}` })),
      });
      return firstInvalid.show();
    }
    setLocal(null);
    onSubmit(checked.payload);
  };

  const noteField = (path: string, label: string, text: string, set: (v: string) => void) => (
    <Field id={id(path)} label={label} error={errors.at(`answer.${path}`)}>
      {(control) => <TextArea {...control} value={text} onChange={(e) => set(e.currentTarget.value)} rows={2} />}
    </Field>
  );

  return (
    <form
      ref={firstInvalid.ref}
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
            <NativeSelect {...control} value={impact ?? ''} onChange={(e) => choose('impact')(e.currentTarget.value)}>
              <ChooseFirst />
              <EnumOptions values={Impact.options} text={IMPACT_TEXT} />
            </NativeSelect>
          )}
        </Field>
      ) : null}
      {prompt.kind === 'check-in-due' ? (
        <>
          {metric ? (
            <Field id={id('value')} label="New value" error={errors.at('answer.value')}>
              {(control) => (
                <TextInput
                  {...control}
                  inputMode="decimal"
                  value={value}
                  onChange={(e) => setText('value')(e.currentTarget.value)}
                />
              )}
            </Field>
          ) : null}
          <Field id={id('confidence')} label="Confidence" error={errors.at('answer.confidence')}>
            {(control) => (
              <NativeSelect
                {...control}
                value={confidence ?? ''}
                onChange={(e) => choose('confidence')(e.currentTarget.value)}
              >
                <ChooseFirst />
                <EnumOptions values={Confidence.options} text={CONFIDENCE_TEXT} />
              </NativeSelect>
            )}
          </Field>
        </>
      ) : null}
      {prompt.kind === 'escalation' ? (
        <Field id={id('choice')} label="What will you do?" error={errors.at('answer.choice')}>
          {(control) => (
            <NativeSelect {...control} value={choice ?? ''} onChange={(e) => choose('choice')(e.currentTarget.value)}>
              <ChooseFirst />
              <EnumOptions values={EscalationChoice.options} text={CHOICE_TEXT} />
            </NativeSelect>
          )}
        </Field>
      ) : null}
      {prompt.kind === 'period-review' ? (
        <>
          <Field
            id={id('grade')}
            label="Grade (0 to 1)"
            error={errors.at('answer.grade')}
            hint="1 is fully achieved, 0.7 is a good stretch result"
          >
            {(control) => (
              <TextInput
                {...control}
                inputMode="decimal"
                value={grade}
                onChange={(e) => setText('grade')(e.currentTarget.value)}
              />
            )}
          </Field>
          {noteField('helped', 'What helped', helped, setText('helped'))}
          {noteField('hindered', 'What got in the way', hindered, setText('hindered'))}
        </>
      ) : (
        noteField('note', 'Note', note, setText('note'))
      )}
      <FormButtons label="Send answer" disabled={pending} onCancel={onCancel} />
    </form>
  );
}
