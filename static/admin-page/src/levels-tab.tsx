/**
 * Levels: rename, reorder, add and remove in one list, saved together with `levels/update` (the
 * whole list, top first; kept levels keep their id). A level still used by objectives cannot be
 * removed: the server refuses with the objectives that use it, shown as it says them.
 */
import { useEffect, useRef, useState } from 'react';
import Button, { IconButton } from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import ArrowUpIcon from '@atlaskit/icon/core/arrow-up';
import ArrowDownIcon from '@atlaskit/icon/core/arrow-down';
import DeleteIcon from '@atlaskit/icon/core/delete';
import type { Level } from '@contract/levels';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { Actions, messageAt, SectionTitle } from './form-bits';
import type { SettingsState } from './use-settings';

interface DraftLevel {
  /** Stable within the page, for React and focus. */
  uid: string;
  id?: string;
  name: string;
}

let nextUid = 0;
const draftOf = (levels: readonly Level[]): DraftLevel[] =>
  levels.map((l) => ({ uid: `level-${nextUid++}`, id: l.id, name: l.name }));

function sameAsSaved(draft: readonly DraftLevel[], saved: readonly Level[]): boolean {
  return draft.length === saved.length && draft.every((d, i) => d.id === saved[i]?.id && d.name === saved[i]?.name);
}

export function LevelsTab({ settings, replace, reload }: SettingsState) {
  const { flag } = useHost();
  const save = useAction('levels/update');
  const [draft, setDraft] = useState(() => draftOf(settings.levels));
  const [focusUid, setFocusUid] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());

  // A newer version from the server (a save, a reload) replaces the draft.
  const shown = useRef(settings.version);
  useEffect(() => {
    if (shown.current === settings.version) return;
    shown.current = settings.version;
    setDraft(draftOf(settings.levels));
  }, [settings.version, settings.levels]);
  useEffect(() => {
    if (focusUid === null) return;
    inputs.current.get(focusUid)?.focus();
    setFocusUid(null);
  }, [focusUid]);

  const dirty = !sameAsSaved(draft, settings.levels);
  const setName = (uid: string, name: string) => setDraft((d) => d.map((l) => (l.uid === uid ? { ...l, name } : l)));
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const remove = (uid: string) => setDraft((d) => d.filter((l) => l.uid !== uid));
  const add = () => {
    const uid = `level-${nextUid++}`;
    setDraft((d) => [...d, { uid, name: '' }]);
    setFocusUid(uid);
  };

  const submit = async () => {
    const levels = draft.map((l) => (l.id === undefined ? { name: l.name } : { id: l.id, name: l.name }));
    const saved = await save.run({ version: settings.version, levels });
    if (saved) {
      replace(saved);
      flag({ type: 'success', title: 'Levels saved' });
    }
  };

  return (
    <section aria-labelledby="levels-title">
      <SectionTitle description="The levels of the objective hierarchy, top first. An objective's parent sits at a higher level. Rename, reorder, add or remove levels, then save them together.">
        <span id="levels-title">Levels</span>
      </SectionTitle>
      <ol
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: token('space.100'),
          maxWidth: 560,
        }}
      >
        {draft.map((level, i) => {
          const label = level.name.trim() === '' ? `level ${i + 1}` : level.name;
          const error = messageAt(save.error, `levels.${i}`);
          const errorId = `${level.uid}-error`;
          return (
            <li key={level.uid} style={{ display: 'flex', alignItems: 'flex-start', gap: token('space.100') }}>
              <span style={{ minWidth: 24, paddingTop: token('space.100'), color: token('color.text.subtlest') }}>
                {i + 1}.
              </span>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Textfield
                  aria-label={`Name of level ${i + 1}`}
                  value={level.name}
                  isInvalid={error !== undefined}
                  aria-describedby={error !== undefined ? errorId : undefined}
                  maxLength={80}
                  ref={(el: HTMLInputElement | null) => {
                    if (el) inputs.current.set(level.uid, el);
                    else inputs.current.delete(level.uid);
                  }}
                  onChange={(e) => setName(level.uid, e.currentTarget.value)}
                />
                {error !== undefined ? (
                  <span
                    id={errorId}
                    role="alert"
                    style={{ font: token('font.body.small'), color: token('color.text.danger') }}
                  >
                    {error}
                  </span>
                ) : level.id === undefined ? (
                  <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>New level</span>
                ) : null}
              </div>
              <IconButton
                icon={ArrowUpIcon}
                label={`Move ${label} up`}
                isDisabled={i === 0}
                onClick={() => move(i, -1)}
              />
              <IconButton
                icon={ArrowDownIcon}
                label={`Move ${label} down`}
                isDisabled={i === draft.length - 1}
                onClick={() => move(i, 1)}
              />
              <IconButton
                icon={DeleteIcon}
                label={`Remove ${label}`}
                isDisabled={draft.length === 1}
                onClick={() => remove(level.uid)}
              />
            </li>
          );
        })}
      </ol>
      <Actions>
        <Button onClick={add} isDisabled={draft.length >= 10}>
          Add level
        </Button>
        <Button appearance="primary" onClick={() => void submit()} isDisabled={!dirty} isLoading={save.pending}>
          Save levels
        </Button>
        <Button
          appearance="subtle"
          onClick={() => setDraft(draftOf(settings.levels))}
          isDisabled={!dirty || save.pending}
        >
          Discard changes
        </Button>
        {draft.length >= 10 ? (
          <span style={{ color: token('color.text.subtlest') }}>There can be at most 10 levels.</span>
        ) : null}
      </Actions>
      {save.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice
            alert
            error={save.error}
            onReload={() => {
              save.clearError();
              reload();
            }}
            onRetry={() => void submit()}
          />
        </div>
      ) : null}
    </section>
  );
}
