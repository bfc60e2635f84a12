/**
 * "Check in on all key results": one form listing each key result of an objective the caller may
 * check in on — a new value for a metric, a confidence (chosen, never preset) and a note — recorded
 * with one check-ins/create-many call for the key results filled in. What is typed, checked and
 * sent is computed by ./drafts/check-in-all-draft; this component keeps it in a reducer and renders.
 * After a refusal that recorded some key results all the same, their rows show what was recorded
 * and take no more changes; sending again (the same request) records the others.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import { token } from '@atlaskit/tokens';
import type { ObjectiveView } from '@contract/api';
import type { CheckInsCreateManyPayload } from '@contract/api/check-ins';
import { Confidence, type CheckIn } from '@contract/check-ins';
import type { ErrorDetail } from '@contract/errors';
import type { KeyResult } from '@contract/key-results';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { EnumOptions, Field, NativeSelect } from '@shared/components/field';
import { TextArea, TextInput } from '@shared/components/text-input';
import { fieldErrors } from '@shared/form-errors';
import { count } from '@shared/plural';
import { useFirstInvalid } from '@shared/use-first-invalid';
import { useAction } from '@shared/use-resource';
import { takesValue } from './drafts/check-in-draft';
import {
  atFields,
  draftFor,
  fieldPath,
  keptOver,
  recordedIn,
  reduce,
  toManyPayload,
  withoutRecorded,
} from './drafts/check-in-all-draft';
import { FormButtons, formPanelStyle } from './form-panel';
import { CONFIDENCE_TEXT, withUnit } from './format';

/** What a locked row says was recorded: "3 %, confidence Low, “A/B test running”" (as sent). */
function recordedWords(kr: KeyResult, sent: CheckInsCreateManyPayload | null): string {
  const c = sent?.checkIns.find((s) => s.keyResultId === kr.id);
  if (c === undefined) return 'a check-in';
  return [
    ...(c.value === null || c.value === undefined ? [] : [withUnit(c.value, 'unit' in kr ? kr.unit : '')]),
    `confidence ${CONFIDENCE_TEXT[c.confidence]}`,
    ...(c.note === undefined || c.note.trim() === '' ? [] : [`“${c.note.trim()}”`]),
  ].join(', ');
}

/** A request id for check-ins/create-many: 32 random hex digits. */
function newRequestId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export default function CheckInAllForm({
  objective,
  lines,
  onDone,
}: {
  objective: ObjectiveView;
  /** The key results the caller may check in on (the view's `can`), in the objective's order. */
  lines: readonly KeyResult[];
  /** `checkIns`: the check-ins recorded, from the reply (the history shows them without waiting for a list). */
  onDone: (changed: boolean, checkIns?: readonly CheckIn[]) => void;
}) {
  const { flag } = useHost();
  const save = useAction('check-ins/create-many');
  const [draft, dispatch] = useReducer(reduce, { lines, requestId: '' }, (input) =>
    draftFor({ ...input, requestId: newRequestId() }),
  );
  const firstInvalid = useFirstInvalid();
  /** What the draft refuses, at its fields ('' for the banner). */
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const sent = useRef<CheckInsCreateManyPayload | null>(null);
  const shown = lines.flatMap((l) => [
    ...(takesValue(l) ? [fieldPath(l.id, 'value')] : []),
    fieldPath(l.id, 'confidence'),
    fieldPath(l.id, 'note'),
  ]);
  // a refusal that recorded some all the same: their rows are locked as sent
  useEffect(() => {
    const ids = recordedIn(save.error?.details ?? [], sent.current);
    if (ids.length > 0) dispatch({ type: 'recorded', keyResultIds: ids });
  }, [save.error]);
  const server = save.error
    ? { ...save.error, details: atFields(withoutRecorded(save.error.details ?? []), sent.current) }
    : null;
  const mine = problems.filter((p) => p.path !== '');
  const banner = problems.find((p) => p.path === '');
  const errors = fieldErrors(server, shown);
  const at = (path: string) => mine.find((p) => p.path === path)?.message ?? errors.at(path);
  const idBase = `cia-${objective.key}`;

  const submit = async () => {
    const checked = toManyPayload(draft, objective.key);
    if (!checked.ok) {
      setProblems(checked.details);
      save.clearError();
      firstInvalid.show();
      return;
    }
    setProblems([]);
    sent.current = checked.payload;
    const done = await save.run(checked.payload);
    if (!done) {
      firstInvalid.show();
      return;
    }
    const n = done.checkIns.length;
    flag({ type: 'success', title: `${count(n, 'check-in')} recorded on ${objective.key}` });
    const kept = lines.filter((l) => keptOver(checked.payload, done).includes(l.id)).map((l) => l.key);
    if (kept.length > 0)
      flag({
        type: 'warning',
        title: `${kept.join(', ')} kept the check-in recorded before`,
        description: `An earlier attempt had recorded ${kept.join(', ')}; the change made since was not recorded. Check in on ${kept.length === 1 ? 'it' : 'them'} again to change it.`,
      });
    onDone(true, done.checkIns);
  };

  return (
    <form
      ref={firstInvalid.ref}
      aria-label={`Check in on all key results of ${objective.key}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={formPanelStyle}
    >
      {banner ? (
        <ErrorNotice error={{ code: 'VALIDATION', message: banner.message }} alert />
      ) : errors.rest ? (
        <ErrorNotice error={errors.rest} alert />
      ) : null}
      <p style={{ margin: 0, font: token('font.body.small'), color: token('color.text.subtle') }}>
        Fill in the key results you check in on; the others are left as they are.
      </p>
      {lines.map((kr) => {
        const one = draft.drafts[kr.id];
        if (one === undefined) return null;
        const id = `${idBase}-${kr.id}`;
        return (
          <fieldset
            key={kr.id}
            style={{
              margin: `${token('space.150')} 0 0`,
              padding: `${token('space.050')} ${token('space.150')} ${token('space.150')}`,
              border: `${token('border.width')} solid ${token('color.border')}`,
              borderRadius: token('radius.small'),
            }}
          >
            <legend style={{ font: token('font.heading.xxsmall'), padding: `0 ${token('space.050')}` }}>
              {kr.key} {kr.title}
            </legend>
            {draft.recorded.includes(kr.id) ? (
              <p style={{ margin: 0 }}>
                Recorded already: {recordedWords(kr, sent.current)}. It stays as recorded; check in on {kr.key} again to
                change it.
              </p>
            ) : (
              <>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150') }}>
                  {takesValue(kr) ? (
                    <Field
                      id={`${id}-value`}
                      label={`New value${kr.unit === '' ? '' : ` (${kr.unit})`}`}
                      error={at(fieldPath(kr.id, 'value'))}
                    >
                      {(control) => (
                        <TextInput
                          {...control}
                          inputMode="decimal"
                          value={one.value}
                          width={120}
                          onChange={(e) =>
                            dispatch({ type: 'set', keyResultId: kr.id, field: 'value', value: e.currentTarget.value })
                          }
                        />
                      )}
                    </Field>
                  ) : null}
                  <Field id={`${id}-confidence`} label="Confidence" error={at(fieldPath(kr.id, 'confidence'))}>
                    {(control) => (
                      <NativeSelect
                        {...control}
                        value={one.confidence ?? ''}
                        onChange={(e) =>
                          dispatch({ type: 'confidence', keyResultId: kr.id, value: e.currentTarget.value })
                        }
                      >
                        <option value="" disabled>
                          Choose…
                        </option>
                        <EnumOptions values={Confidence.options} text={CONFIDENCE_TEXT} />
                      </NativeSelect>
                    )}
                  </Field>
                </div>
                <Field id={`${id}-note`} label="Note" error={at(fieldPath(kr.id, 'note'))}>
                  {(control) => (
                    <TextArea
                      {...control}
                      rows={1}
                      value={one.note}
                      onChange={(e) =>
                        dispatch({ type: 'set', keyResultId: kr.id, field: 'note', value: e.currentTarget.value })
                      }
                    />
                  )}
                </Field>
              </>
            )}
          </fieldset>
        );
      })}
      <FormButtons label="Record check-ins" disabled={save.pending} onCancel={() => onDone(false)} />
    </form>
  );
}
