/**
 * Periods: the list (name, dates, open or closed), a form to create one, renaming and re-dating
 * in place (`periods/update`, only what changed), and closing one after a confirmation that says
 * what closing does. Every write names the settings version it read.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { Period } from '@contract/periods';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { shortDate } from '@shared/dates';
import { ErrorNotice } from '@shared/components/error-notice';
import { Empty } from '@shared/components/empty';
import { Actions, cellStyle, FieldRow, Hidden, Input, messageAt, SectionTitle, TableHead } from './form-bits';
import type { SettingsState } from './use-settings';
import { ClosePeriod } from './close-period';
import { useFocusOnError } from '@shared/use-first-invalid';

interface PeriodDraft {
  name: string;
  start: string;
  end: string;
}

function PeriodFields({
  idPrefix,
  draft,
  onChange,
  error,
  datesLocked = false,
}: {
  idPrefix: string;
  draft: PeriodDraft;
  onChange: (d: PeriodDraft) => void;
  error: AppError | null;
  datesLocked?: boolean;
}) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200'), alignItems: 'flex-start' }}>
      <FieldRow
        id={`${idPrefix}-name`}
        label="Name"
        error={messageAt(error, 'name')}
        hint="For example 2026 Q4 or FY2027"
      >
        {(control) => (
          <Input
            {...control}
            value={draft.name}
            maxLength={80}
            onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })}
          />
        )}
      </FieldRow>
      <FieldRow
        id={`${idPrefix}-start`}
        label="Start"
        error={messageAt(error, 'start')}
        hint={datesLocked ? 'A closed period keeps its dates' : undefined}
      >
        {(control) => (
          <Input
            {...control}
            type="date"
            value={draft.start}
            disabled={datesLocked}
            onChange={(e) => onChange({ ...draft, start: e.currentTarget.value })}
          />
        )}
      </FieldRow>
      <FieldRow id={`${idPrefix}-end`} label="End" error={messageAt(error, 'end')}>
        {(control) => (
          <Input
            {...control}
            type="date"
            value={draft.end}
            disabled={datesLocked}
            onChange={(e) => onChange({ ...draft, end: e.currentTarget.value })}
          />
        )}
      </FieldRow>
    </div>
  );
}

function CreatePeriod({ settings, replace, reload }: SettingsState) {
  const { flag } = useHost();
  const create = useAction('periods/create');
  const [draft, setDraft] = useState<PeriodDraft>({ name: '', start: '', end: '' });
  const formRef = useFocusOnError(create.error);
  const submit = async () => {
    const done = await create.run({ version: settings.version, name: draft.name, start: draft.start, end: draft.end });
    if (done) {
      replace(done.settings);
      setDraft({ name: '', start: '', end: '' });
      flag({ type: 'success', title: `Period ${done.period.name} created` });
    }
  };
  return (
    <form
      ref={formRef}
      aria-labelledby="new-period-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SectionTitle>
        <span id="new-period-title">New period</span>
      </SectionTitle>
      <PeriodFields idPrefix="new-period" draft={draft} onChange={setDraft} error={create.error} />
      <Actions>
        <Button
          type="submit"
          appearance="primary"
          isLoading={create.pending}
          isDisabled={draft.name.trim() === '' || draft.start === '' || draft.end === ''}
        >
          Create period
        </Button>
      </Actions>
      {create.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice
            alert
            error={create.error}
            onReload={() => (create.clearError(), reload())}
            onRetry={() => void submit()}
          />
        </div>
      ) : null}
    </form>
  );
}

function EditPeriod({ period, state, onDone }: { period: Period; state: SettingsState; onDone: () => void }) {
  const { flag } = useHost();
  const update = useAction('periods/update');
  const [draft, setDraft] = useState<PeriodDraft>({ name: period.name, start: period.start, end: period.end });
  const closed = period.state === 'closed';
  const formRef = useFocusOnError(update.error);
  const submit = async () => {
    const changes = {
      ...(draft.name !== period.name ? { name: draft.name } : {}),
      ...(!closed && draft.start !== period.start ? { start: draft.start } : {}),
      ...(!closed && draft.end !== period.end ? { end: draft.end } : {}),
    };
    if (Object.keys(changes).length === 0) return onDone();
    const done = await update.run({ version: state.settings.version, id: period.id, ...changes });
    if (done) {
      state.replace(done.settings);
      flag({ type: 'success', title: `Period ${done.period.name} saved` });
      onDone();
    }
  };
  return (
    <form
      ref={formRef}
      aria-label={`Edit period ${period.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{
        padding: token('space.150'),
        background: token('color.background.neutral.subtle.hovered'),
        borderRadius: token('radius.small', '3px'),
      }}
    >
      <PeriodFields
        idPrefix={`edit-${period.id}`}
        draft={draft}
        onChange={setDraft}
        error={update.error}
        datesLocked={closed}
      />
      <Actions>
        <Button type="submit" appearance="primary" isLoading={update.pending}>
          Save period
        </Button>
        <Button appearance="subtle" onClick={onDone}>
          Cancel
        </Button>
      </Actions>
      {update.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice
            alert
            error={update.error}
            onReload={() => (update.clearError(), state.reload(), onDone())}
            onRetry={() => void submit()}
          />
        </div>
      ) : null}
    </form>
  );
}

export function PeriodsTab(state: SettingsState) {
  const [editing, setEditing] = useState<string | null>(null);
  const [closing, setClosing] = useState<string | null>(null);
  const periods = [...state.settings.periods].sort((a, b) =>
    a.start === b.start ? a.name.localeCompare(b.name) : a.start < b.start ? -1 : 1,
  );
  return (
    <section aria-labelledby="periods-title">
      <SectionTitle description="Objectives belong to one period. Close a period when it is over: its objectives can no longer be created in it.">
        <span id="periods-title">Periods</span>
      </SectionTitle>
      {periods.length === 0 ? (
        <Empty title="No periods yet">
          Create the first period below, for example the current quarter, so that objectives can be set for it.
        </Empty>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 880 }}>
          <TableHead columns={['Name', 'Start', 'End', 'State']} actions />
          <tbody>
            {periods.map((p) =>
              editing === p.id ? (
                <tr key={p.id}>
                  <td colSpan={5} style={cellStyle}>
                    <EditPeriod period={p} state={state} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : closing === p.id ? (
                <tr key={p.id}>
                  <td colSpan={5} style={cellStyle}>
                    <ClosePeriod period={p} state={state} onDone={() => setClosing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={p.id}>
                  <td style={cellStyle}>{p.name}</td>
                  <td style={cellStyle}>{shortDate(p.start, Date.now())}</td>
                  <td style={cellStyle}>{shortDate(p.end, Date.now())}</td>
                  <td
                    style={{
                      ...cellStyle,
                      color: p.state === 'open' ? token('color.text.success') : token('color.text.subtlest'),
                    }}
                  >
                    {p.state === 'open' ? 'Open' : 'Closed'}
                  </td>
                  <td style={{ ...cellStyle, textAlign: 'right', whiteSpace: 'nowrap' }}>
                    <Button appearance="subtle" onClick={() => setEditing(p.id)}>
                      Edit <Hidden>{p.name}</Hidden>
                    </Button>
                    {p.state === 'open' ? (
                      <Button appearance="subtle" onClick={() => setClosing(p.id)}>
                        Close… <Hidden>{p.name}</Hidden>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <CreatePeriod {...state} />
    </section>
  );
}
