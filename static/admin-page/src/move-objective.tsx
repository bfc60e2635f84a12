/**
 * "Move to…": the keyboard way to re-parent an objective (the same as dragging it): choose the new
 * parent (or none) and, if needed, a new level. The server checks the hierarchy and, when it
 * refuses, says why — a circle through parents and alignments, or a parent not above the child.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ObjectiveView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { levelChoices, parentChoices } from './move-choices';
import type { Level } from '@contract/levels';
import { ErrorNotice } from '@shared/components/error-notice';
import { Actions, FieldRow, messageAt } from './form-bits';
import { NativeSelect } from '@shared/components/field';

export interface MoveRequest {
  key: string;
  parentId: string | null;
  levelId?: string;
}

export function MoveObjective({
  objective,
  candidates,
  levels,
  pending,
  error,
  onMove,
  onCancel,
  onReload,
}: {
  objective: ObjectiveView;
  /** Objectives it may be hung under (itself and what is below it left out). */
  candidates: readonly ObjectiveView[];
  levels: readonly Level[];
  pending: boolean;
  error: AppError | null;
  onMove: (request: MoveRequest) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [parent, setParent] = useState<string>(objective.parentId ?? '');
  const [level, setLevel] = useState<string>('');
  const levelName = (id: string) => levels.find((l) => l.id === id)?.name ?? id;
  // only valid choices: parents above the level it will have, levels below the parent chosen
  const parents = parentChoices(levels, candidates, level === '' ? objective.levelId : level);
  const parentLevel = candidates.find((c) => c.key === parent)?.levelId ?? null;
  const otherLevels = levelChoices(levels, parentLevel).filter((l) => l.id !== objective.levelId);
  const chooseLevel = (id: string) => {
    setLevel(id);
    const at = id === '' ? objective.levelId : id;
    if (parent !== '' && !parentChoices(levels, candidates, at).some((c) => c.key === parent)) setParent('');
  };
  const prefix = `move-${objective.key}`;
  return (
    <form
      aria-label={`Move ${objective.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        onMove({
          key: objective.key,
          parentId: parent === '' ? null : parent,
          ...(level === '' ? {} : { levelId: level }),
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      style={{
        margin: `${token('space.100')} 0`,
        padding: token('space.150'),
        background: token('color.background.neutral.subtle.hovered'),
        borderRadius: token('radius.small', '3px'),
      }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200') }}>
        <FieldRow id={`${prefix}-parent`} label={`New parent of ${objective.key}`} error={messageAt(error, 'parentId')}>
          {(control) => (
            <NativeSelect {...control} value={parent} autoFocus onChange={(e) => setParent(e.currentTarget.value)}>
              <option value="">No parent (top of the tree)</option>
              {parents.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key} {c.title} ({levelName(c.levelId)})
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
        <FieldRow
          id={`${prefix}-level`}
          label="Level"
          error={messageAt(error, 'levelId')}
          hint="A parent sits at a higher level than its children"
        >
          {(control) => (
            <NativeSelect {...control} value={level} onChange={(e) => chooseLevel(e.currentTarget.value)}>
              <option value="">Keep {levelName(objective.levelId)}</option>
              {otherLevels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
      </div>
      <Actions>
        <Button type="submit" appearance="primary" isLoading={pending}>
          Move
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Actions>
      {error ? (
        <div style={{ marginTop: token('space.150') }}>
          <ErrorNotice alert error={error} onReload={onReload} />
        </div>
      ) : null}
    </form>
  );
}
