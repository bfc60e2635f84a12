/**
 * A new organisation objective (`objectives/create`): a title, its level, the objective it serves
 * (one at a higher level) and, for the lowest level, its workgroup. It belongs to the period the
 * tree shows; its owner is the admin creating it until changed on the project page.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ObjectiveView } from '@contract/api';
import type { Level } from '@contract/levels';
import { useHost } from '@shared/app-context';
import { useAction, useResource } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Actions, FieldRow, Input, messageAt } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import { useFocusOnError } from '@shared/use-first-invalid';

export function NewObjective({
  periodId,
  periodName,
  levels,
  objectives,
  onCreated,
  onCancel,
}: {
  periodId: string;
  periodName: string;
  levels: readonly Level[];
  objectives: readonly ObjectiveView[];
  onCreated: () => void;
  onCancel: () => void;
}) {
  const { flag } = useHost();
  const create = useAction('objectives/create');
  const workgroups = useResource('workgroups/list', {});
  const [title, setTitle] = useState('');
  const [levelId, setLevelId] = useState(levels[0]?.id ?? '');
  const [parentId, setParentId] = useState('');
  const [workgroupId, setWorkgroupId] = useState('');
  const rank = (id: string) => levels.findIndex((l) => l.id === id);
  const parents = objectives.filter((o) => rank(o.levelId) >= 0 && rank(o.levelId) < rank(levelId));
  const error = create.error;
  // a refused create puts the focus on the first field to fix (else the banner)
  const formRef = useFocusOnError(error);

  const submit = async () => {
    const done = await create.run({
      title,
      levelId,
      periodId,
      parentId: parentId === '' ? null : parentId,
      workgroupId: workgroupId === '' ? null : workgroupId,
    });
    if (done) {
      flag({ type: 'success', title: `${done.objective.key} created`, description: done.objective.title });
      onCreated();
    }
  };
  return (
    <form
      ref={formRef}
      aria-label="New objective"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150'),
        padding: token('space.200'),
        marginBottom: token('space.200'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.small', '3px'),
        maxWidth: 640,
      }}
    >
      <FieldRow id="new-objective-title" label="Title" error={messageAt(error, 'title')} hint={`In ${periodName}`}>
        {(control) => (
          <Input
            {...control}
            value={title}
            maxLength={255}
            autoFocus
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
        )}
      </FieldRow>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200') }}>
        <FieldRow id="new-objective-level" label="Level" error={messageAt(error, 'levelId')}>
          {(control) => (
            <NativeSelect
              {...control}
              value={levelId}
              onChange={(e) => (setLevelId(e.currentTarget.value), setParentId(''))}
            >
              {levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
        <FieldRow id="new-objective-parent" label="Serves" error={messageAt(error, 'parentId')}>
          {(control) => (
            <NativeSelect {...control} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
              <option value="">Nothing above it</option>
              {parents.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.key} {o.title}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
        <FieldRow
          id="new-objective-workgroup"
          label="Workgroup"
          error={messageAt(error, 'workgroupId')}
          hint={rank(levelId) === levels.length - 1 ? 'Required at the lowest level' : undefined}
        >
          {(control) => (
            <NativeSelect {...control} value={workgroupId} onChange={(e) => setWorkgroupId(e.currentTarget.value)}>
              <option value="">None (the organisation's)</option>
              {(workgroups.data?.workgroups ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
      </div>
      <Actions>
        <Button type="submit" appearance="primary" isLoading={create.pending} isDisabled={title.trim() === ''}>
          Create objective
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Actions>
      {error ? <ErrorNotice alert error={error} onRetry={() => void submit()} /> : null}
    </form>
  );
}
