/**
 * Creates an objective in a workgroup (aligned to a parent, weighted), or changes one: only the
 * fields that changed are sent, checked with the contract first; the server's VALIDATION details
 * show at their fields, a CONFLICT offers to reload, and nothing typed is lost on an error. What
 * is typed, checked and sent is computed by ./drafts/objective-draft; this component renders.
 */
import { useEffect, useMemo, useReducer, useState } from 'react';
import { usePinned } from './use-pinned';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveEntry, ProjectPageView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Field, NativeSelect } from '@shared/components/field';
import { UserPicker } from '@shared/components/user-picker';
import { fieldErrors } from '@shared/form-errors';
import { useFirstInvalid } from '@shared/use-first-invalid';
import { useAction } from '@shared/use-resource';
import { canManage, type Abilities } from './abilities';
import {
  defaultsFor,
  draftFrom,
  reduce,
  toCreatePayload,
  toUpdatePayload,
  type TextField,
} from './drafts/objective-draft';
import { entriesByKey } from './objective-tree';
import { TextInput, TextArea } from '@shared/components/text-input';

type ObjectiveFormMode = { kind: 'create' } | { kind: 'edit'; entry: ProjectObjectiveEntry };

/** The fields the form shows (a VALIDATION detail for another path stays in the banner, with its path). */
function shownFields(create: boolean, manage: boolean, periodShown: boolean): string[] {
  const fields = ['title', 'description'];
  if (manage) fields.push('owner', 'workgroupId', 'parentId', 'weight', 'visibility', 'status', 'alignments');
  if (manage && create) fields.push('levelId');
  if (manage && create && periodShown) fields.push('periodId');
  return fields;
}

export default function ObjectiveForm({
  mode,
  view,
  abilities,
  periodId,
  onDone,
  onReload,
}: {
  mode: ObjectiveFormMode;
  view: ProjectPageView;
  abilities: Abilities;
  periodId: string | null;
  onDone: (key: string | null) => void;
  onReload: () => void;
}) {
  const { flag } = useHost();
  const create = useAction('objectives/create');
  const update = useAction('objectives/update');
  // the objective as the form opened it: a live reload of the view does not move what is saved against (use-pinned.ts)
  const read = usePinned(mode.kind === 'edit' ? mode.entry.objective : null);
  const existing = read.pinned;
  const reloadLatest = () => {
    read.arm();
    onReload();
  };
  const manage = existing === null || canManage(abilities, existing);
  // the server's answers (docs/ui.md, "The server says what a user may do"): the workgroups whose
  // objectives the caller may create (kept: the one an edited objective is in), and "No workgroup"
  // when they may create without one
  const workgroups = view.workgroups.filter((w) => w.can.create || w.id === existing?.workgroupId);

  const [draft, dispatch] = useReducer(
    reduce,
    existing
      ? { existing }
      : {
          defaults: defaultsFor(
            view,
            workgroups.map((w) => w.id),
            periodId,
          ),
        },
    draftFrom,
  );
  const { title, description, workgroupId, levelId, parentId, weight, visibility, status, alignments } = draft;
  const owner = useMemo(() => (draft.owner === null ? [] : [draft.owner]), [draft.owner]);
  const set = (field: TextField) => (value: string) => dispatch({ type: 'set', field, value });
  const [local, setLocal] = useState<AppError | null>(null);

  const all = useMemo(() => [...entriesByKey(view).values()].map((e) => e.objective), [view]);
  const levelIndex = (id: string) => view.levels.findIndex((l) => l.id === id);
  const parents = all.filter(
    (o) => o.id !== existing?.id && levelIndex(o.levelId) >= 0 && levelIndex(o.levelId) < levelIndex(levelId),
  );
  const alignable = all.filter((o) => o.id !== existing?.id);

  const error = local ?? (existing ? update.error : create.error);
  // the form opens where the user is looking: scrolled into view, the focus in its first field;
  // a refused save puts the focus on the first field to fix (or the banner), scrolled into view
  const firstInvalid = useFirstInvalid();
  const { ref: formRef, show: showInvalid } = firstInvalid;
  useEffect(() => {
    const form = formRef.current;
    form?.scrollIntoView?.({ block: 'nearest' });
    form?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, [formRef]);
  const serverError = existing ? update.error : create.error;
  useEffect(() => {
    if (serverError !== null) showInvalid();
  }, [serverError, showInvalid]);
  const errors = fieldErrors(error, [
    ...shownFields(existing === null, manage, periodId === null),
    ...(manage ? alignments.flatMap((_, i) => [`alignments.${i}.objectiveId`, `alignments.${i}.weight`]) : []),
  ]);
  const idBase = `objective-${existing?.key ?? 'new'}`;
  const pending = create.pending || update.pending;

  const submit = async () => {
    if (existing === null) {
      const checked = toCreatePayload(draft);
      if (!checked.ok) {
        setLocal({ code: 'VALIDATION', message: 'The objective was not created', details: checked.details });
        showInvalid();
        return;
      }
      setLocal(null);
      const done = await create.run(checked.payload);
      if (done) {
        flag({ type: 'success', title: `${done.objective.key} created`, description: done.objective.title });
        onDone(done.objective.key);
      }
      return;
    }
    const checked = toUpdatePayload(existing, draft, { textOnly: !manage });
    if (!checked.ok) {
      setLocal({ code: 'VALIDATION', message: `${existing.key} was not saved`, details: checked.details });
      showInvalid();
      return;
    }
    if (checked.payload === null) {
      onDone(null);
      return;
    }
    setLocal(null);
    const done = await update.run(checked.payload);
    if (done) {
      flag({ type: 'success', title: `${existing.key} saved` });
      onDone(existing.key);
    }
  };

  const option = (o: { id: string; key: string; title: string }) => (
    <option key={o.id} value={o.id}>
      {o.key} {o.title}
    </option>
  );

  return (
    <form
      ref={formRef}
      aria-label={existing ? `Edit ${existing.key}` : 'Create objective'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{
        padding: token('space.200'),
        marginBottom: token('space.200'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        background: token('elevation.surface.raised'),
        boxShadow: token('elevation.shadow.raised'),
      }}
    >
      <h2 style={{ font: token('font.heading.small'), margin: 0 }}>
        {existing ? `Edit ${existing.key}` : 'Create objective'}
      </h2>
      {errors.rest ? <ErrorNotice error={errors.rest} onReload={reloadLatest} alert /> : null}
      <Field id={`${idBase}-title`} label="Title" error={errors.at('title')}>
        {(control) => (
          <TextInput {...control} value={title} onChange={(e) => set('title')(e.currentTarget.value)} aria-required />
        )}
      </Field>
      <Field id={`${idBase}-description`} label="Description" error={errors.at('description')}>
        {(control) => (
          <TextArea
            {...control}
            value={description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            rows={2}
          />
        )}
      </Field>
      {manage ? (
        <div style={{ marginTop: token('space.100') }}>
          <UserPicker
            id={`${idBase}-owner`}
            label={existing ? 'Owner' : 'Owner (you, if left empty)'}
            selected={owner}
            onChange={(ids) => dispatch({ type: 'owner', owner: ids[0] ?? null })}
            max={1}
            error={errors.at('owner')}
          />
        </div>
      ) : null}
      {manage ? (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
            columnGap: token('space.200'),
          }}
        >
          <Field id={`${idBase}-workgroup`} label="Workgroup" error={errors.at('workgroupId')}>
            {(control) => (
              <NativeSelect
                {...control}
                value={workgroupId}
                onChange={(e) => set('workgroupId')(e.currentTarget.value)}
              >
                {view.can.create ? <option value="">No workgroup</option> : null}
                {workgroups.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
          {existing === null ? (
            <Field id={`${idBase}-level`} label="Level" error={errors.at('levelId')}>
              {(control) => (
                <NativeSelect {...control} value={levelId} onChange={(e) => set('levelId')(e.currentTarget.value)}>
                  {view.levels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </Field>
          ) : null}
          {existing === null && periodId === null ? (
            <Field id={`${idBase}-period`} label="Period" error={errors.at('periodId')}>
              {(control) => (
                <NativeSelect
                  {...control}
                  value={draft.periodId}
                  onChange={(e) => set('periodId')(e.currentTarget.value)}
                >
                  {view.periods.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </Field>
          ) : null}
          <Field id={`${idBase}-parent`} label="Aligned to (parent)" error={errors.at('parentId')}>
            {(control) => (
              <NativeSelect {...control} value={parentId} onChange={(e) => set('parentId')(e.currentTarget.value)}>
                <option value="">No parent</option>
                {parents.map(option)}
              </NativeSelect>
            )}
          </Field>
          <Field
            id={`${idBase}-weight`}
            label="Weight in the parent"
            error={errors.at('weight')}
            hint={`Blank takes the default, ${view.defaultWeights.child}`}
          >
            {(control) => (
              <TextInput
                {...control}
                inputMode="decimal"
                value={weight}
                onChange={(e) => set('weight')(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id={`${idBase}-visibility`} label="Visibility" error={errors.at('visibility')}>
            {(control) => (
              <NativeSelect {...control} value={visibility} onChange={(e) => set('visibility')(e.currentTarget.value)}>
                <option value="public">Public: anyone who can browse the projects</option>
                <option value="restricted">Restricted: the workgroup and the owner</option>
              </NativeSelect>
            )}
          </Field>
          <Field id={`${idBase}-status`} label="State" error={errors.at('status')}>
            {(control) => (
              <NativeSelect {...control} value={status} onChange={(e) => set('status')(e.currentTarget.value)}>
                <option value="draft">Draft</option>
                <option value="active">Active</option>
                {existing ? <option value="done">Done</option> : null}
                {existing ? <option value="cancelled">Cancelled</option> : null}
              </NativeSelect>
            )}
          </Field>
        </div>
      ) : null}
      {manage ? (
        <fieldset
          aria-describedby={errors.at('alignments') === undefined ? undefined : `${idBase}-alignments-error`}
          style={{ border: 'none', padding: 0, margin: `${token('space.150')} 0 0` }}
        >
          <legend
            style={{
              font: token('font.body.small'),
              fontWeight: token('font.weight.semibold'),
              color: token('color.text.subtle'),
            }}
          >
            Also contributes to
          </legend>
          {errors.at('alignments') ? (
            <p id={`${idBase}-alignments-error`} style={{ color: token('color.text.danger'), margin: 0 }}>
              {errors.at('alignments')}
            </p>
          ) : null}
          {alignments.map((a, i) => (
            <div key={i} style={{ display: 'flex', gap: token('space.100'), alignItems: 'flex-end' }}>
              <Field
                id={`${idBase}-al-${i}`}
                label={`Objective ${i + 1}`}
                error={errors.at(`alignments.${i}.objectiveId`)}
              >
                {(control) => (
                  <NativeSelect
                    {...control}
                    value={a.objectiveId}
                    onChange={(e) =>
                      dispatch({ type: 'set-alignment', index: i, field: 'objectiveId', value: e.currentTarget.value })
                    }
                  >
                    {alignable.map(option)}
                  </NativeSelect>
                )}
              </Field>
              <Field id={`${idBase}-alw-${i}`} label={`Weight ${i + 1}`} error={errors.at(`alignments.${i}.weight`)}>
                {(control) => (
                  <TextInput
                    {...control}
                    width={80}
                    value={a.weight}
                    onChange={(e) =>
                      dispatch({ type: 'set-alignment', index: i, field: 'weight', value: e.currentTarget.value })
                    }
                  />
                )}
              </Field>
              <Button appearance="subtle" onClick={() => dispatch({ type: 'remove-alignment', index: i })}>
                Remove
              </Button>
            </div>
          ))}
          {alignable.length > 0 ? (
            <Button
              appearance="subtle"
              spacing="compact"
              onClick={() => dispatch({ type: 'add-alignment', objectiveId: alignable[0]?.id ?? '' })}
            >
              Add an alignment
            </Button>
          ) : null}
        </fieldset>
      ) : null}
      <div style={{ display: 'flex', gap: token('space.100'), marginTop: token('space.200') }}>
        <Button type="submit" appearance="primary" isDisabled={pending}>
          {existing ? 'Save' : 'Create'}
        </Button>
        <Button appearance="subtle" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
