/**
 * The gadget's edit view: a period, then either workgroups or a subtree for the tree, or the
 * objective whose trend to show. Saving submits the configuration (with Jira's refresh interval)
 * through the host, which keeps it with this gadget only.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { ErrorNotice } from '@shared/components/error-notice';
import { NativeSelect, SMALL_LABEL_STYLE } from '@shared/components/field';
import { Loading } from '@shared/components/loading';
import { useResource } from '@shared/use-resource';
import { useId, useState, type ReactNode } from 'react';
import { byObjectiveKey } from '@contract/key-order';
import { REFRESH_MINUTES, type GadgetConfig } from './gadget-config';

function Labelled({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div style={SMALL_LABEL_STYLE}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

const EMPTY: GadgetConfig = { show: 'tree', periodId: null, workgroupIds: [], under: null, objectiveKey: null };

export function GadgetEdit({
  initial,
  onSubmit,
}: {
  initial: GadgetConfig | null;
  onSubmit: (config: GadgetConfig) => Promise<void>;
}) {
  const [draft, setDraft] = useState<GadgetConfig>(initial ?? EMPTY);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const view = useResource('organisation/view', {
    ...(draft.periodId === null ? {} : { periodId: draft.periodId }),
    limit: 500,
  });
  if (view.state === 'loading') return <Loading label="Loading the gadget's settings" height={96} />;
  if (view.data === null) return view.error === null ? null : <ErrorNotice error={view.error} onRetry={view.reload} />;
  const data = view.data;
  const set = (change: Partial<GadgetConfig>) => setDraft({ ...draft, ...change });
  const missingObjective = draft.show === 'trend' && draft.objectiveKey === null;

  const save = async () => {
    if (missingObjective) {
      setProblem('Choose the objective whose trend to show.');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit({ ...draft, refresh: REFRESH_MINUTES });
    } catch (e) {
      setProblem(`The settings were not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(false);
    }
  };
  const objectives = [...data.context, ...data.entries].map((e) => e.objective).sort(byObjectiveKey);

  return (
    <form
      aria-label="Gadget settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.150') }}
    >
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: token('space.200') }}>
        <legend style={SMALL_LABEL_STYLE}>Show</legend>
        <label>
          <input
            type="radio"
            name={`${id}-show`}
            checked={draft.show === 'tree'}
            onChange={() => set({ show: 'tree' })}
          />{' '}
          Objectives as a tree
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-show`}
            checked={draft.show === 'trend'}
            onChange={() => set({ show: 'trend' })}
          />{' '}
          One objective's trend
        </label>
      </fieldset>
      <Labelled label="Period">
        {(controlId) => (
          <NativeSelect
            id={controlId}
            value={draft.periodId ?? ''}
            onChange={(e) =>
              set({ periodId: e.target.value === '' ? null : e.target.value, under: null, objectiveKey: null })
            }
          >
            <option value="">The current period</option>
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Labelled>
      {draft.show === 'tree' ? (
        <>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={SMALL_LABEL_STYLE}>Workgroups (none chosen: every workgroup)</legend>
            {data.workgroups.map((w) => (
              <label key={w.id} style={{ display: 'block' }}>
                <input
                  type="checkbox"
                  checked={draft.workgroupIds.includes(w.id)}
                  onChange={(e) =>
                    set({
                      workgroupIds: e.target.checked
                        ? [...draft.workgroupIds, w.id]
                        : draft.workgroupIds.filter((x) => x !== w.id),
                    })
                  }
                />{' '}
                {w.name}
              </label>
            ))}
          </fieldset>
          <Labelled label="Only below">
            {(controlId) => (
              <NativeSelect
                id={controlId}
                value={draft.under ?? ''}
                onChange={(e) => set({ under: e.target.value === '' ? null : e.target.value })}
              >
                <option value="">The whole organisation</option>
                {objectives.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.key} {o.title}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Labelled>
        </>
      ) : (
        <Labelled label="Objective">
          {(controlId) => (
            <NativeSelect
              id={controlId}
              value={draft.objectiveKey ?? ''}
              aria-invalid={problem !== null && missingObjective}
              onChange={(e) => set({ objectiveKey: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">Choose…</option>
              {objectives.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.key} {o.title}
                </option>
              ))}
            </NativeSelect>
          )}
        </Labelled>
      )}
      {problem !== null ? (
        <p role="alert" style={{ color: token('color.text.danger'), margin: 0 }}>
          {problem}
        </p>
      ) : null}
      <div>
        <Button type="submit" appearance="primary" isDisabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
