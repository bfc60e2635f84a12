/**
 * Closing a period, with its unfinished objectives carried forward: choose the period they
 * continue in, see the preview (`carry-forward/preview`: each objective, its progress so far, the
 * alignments its copy cannot keep, those already carried), then carry them (`carry-forward/apply`,
 * again while some remain) and close (`periods/close`), all from the settings version read. Or close without carrying.
 */
import { count } from '@shared/plural';
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { Period } from '@contract/periods';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { percent } from '@shared/components/progress-meter';
import { Actions, cellStyle, FieldRow, TableHead } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import type { SettingsState } from './use-settings';

/** Enough calls of carry-forward/apply (60 objectives each) for any period the settings allow. */
const MAX_CARRY_CALLS = 100;

/** The open period that starts first after this one ends, else none. */
function nextPeriod(period: Period, periods: readonly Period[]): string {
  const later = periods
    .filter((p) => p.id !== period.id && p.state === 'open' && p.start > period.end)
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  return later[0]?.id ?? '';
}

export function ClosePeriod({ period, state, onDone }: { period: Period; state: SettingsState; onDone: () => void }) {
  const { flag } = useHost();
  const targets = state.settings.periods.filter((p) => p.id !== period.id && p.state === 'open');
  const [to, setTo] = useState(() => nextPeriod(period, state.settings.periods));
  const preview = useAction('carry-forward/preview');
  const carry = useAction('carry-forward/apply');
  const close = useAction('periods/close');
  const [plan, setPlan] = useState<Awaited<ReturnType<typeof preview.run>>>(null);
  const runPreview = preview.run;
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setPlan(null);
    if (to === '') return;
    let live = true;
    void runPreview({ id: period.id, toPeriodId: to }).then((p) => {
      if (live) setPlan(p);
    });
    return () => {
      live = false;
    };
  }, [runPreview, period.id, to, attempt]);

  const toName = targets.find((p) => p.id === to)?.name ?? to;
  const submit = async () => {
    let carried = 0;
    if (to !== '') {
      // At most 60 objectives are carried per call; calling again carries the rest (the server
      // counts them in `remaining` and never carries one twice).
      for (let call = 0; call < MAX_CARRY_CALLS; call += 1) {
        const done = await carry.run({ version: state.settings.version, id: period.id, toPeriodId: to });
        if (!done) return;
        carried += done.carried.length;
        if (done.remaining === 0) break;
      }
    }
    const closed = await close.run({ version: state.settings.version, id: period.id });
    if (!closed) return;
    state.replace(closed.settings);
    flag({
      type: 'success',
      title:
        to === ''
          ? `Period ${period.name} closed`
          : `${count(carried, 'objective')} carried into ${toName}; ${period.name} closed`,
    });
    onDone();
  };
  const error = carry.error ?? close.error;
  const busy = carry.pending || close.pending;

  return (
    <div
      role="group"
      aria-label={`Close period ${period.name}`}
      style={{
        padding: token('space.150'),
        background: token('color.background.neutral'),
        borderRadius: token('radius.small', '3px'),
      }}
    >
      <strong>Close {period.name}?</strong>
      <p style={{ margin: `${token('space.050')} 0 ${token('space.150')}` }}>
        Its objectives keep their progress and history, and no new objective can be set for it. Unfinished objectives
        can continue in another period: each is copied there, with a link back, and starts without linked issues.
      </p>
      <div style={{ maxWidth: 360 }}>
        <FieldRow id={`carry-${period.id}`} label="Carry unfinished objectives forward into">
          {(control) => (
            <NativeSelect {...control} value={to} onChange={(e) => setTo(e.currentTarget.value)}>
              <option value="">Don't carry them forward</option>
              {targets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
      </div>
      {to !== '' && preview.pending ? <p role="status">Finding the unfinished objectives of {period.name}…</p> : null}
      {to !== '' && preview.error ? (
        <ErrorNotice alert error={preview.error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : null}
      {to !== '' && plan ? (
        <div aria-label={`Carried into ${plan.to.name}`} role="region" style={{ marginTop: token('space.150') }}>
          {plan.objectives.length === 0 ? (
            <p style={{ margin: 0 }}>
              Nothing left to carry: every objective of {period.name} is finished
              {plan.alreadyCarried.length > 0 ? ' or already carried' : ''}.
            </p>
          ) : (
            <table style={{ borderCollapse: 'collapse', width: '100%' }}>
              <caption style={{ textAlign: 'left', paddingBottom: token('space.050') }}>
                {count(plan.objectives.length, 'objective')} {plan.objectives.length === 1 ? 'continues' : 'continue'}{' '}
                in {plan.to.name}
              </caption>
              <TableHead columns={['Objective', `Progress in ${period.name}`, 'Aligns to']} />
              <tbody>
                {plan.objectives.map((o) => (
                  <tr key={o.key}>
                    <td style={cellStyle}>
                      <strong>{o.key}</strong> {o.title}
                    </td>
                    <td style={cellStyle}>{o.progress === null ? 'No measure' : percent(o.progress)}</td>
                    <td style={cellStyle}>
                      {[o.parent, ...o.alignments]
                        .filter((r) => r !== null)
                        .map((r) => (r.carried ? `the copy of ${r.key}` : r.key))
                        .join(', ') || '—'}
                      {o.dropped.length > 0 ? (
                        <div style={{ color: token('color.text.warning'), font: token('font.body.small') }}>
                          Drops {o.dropped.join(', ')} (staying in {period.name}): re-align the copy
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.alreadyCarried.length > 0 ? (
            <p style={{ margin: `${token('space.100')} 0 0`, color: token('color.text.subtle') }}>
              Already carried: {plan.alreadyCarried.map((a) => `${a.key} → ${a.copy}`).join(', ')}
            </p>
          ) : null}
        </div>
      ) : null}
      <Actions>
        <Button
          appearance="warning"
          onClick={() => void submit()}
          isLoading={busy}
          isDisabled={to !== '' && plan === null}
        >
          {to === '' ? 'Close period' : 'Carry forward and close'}
        </Button>
        <Button appearance="subtle" onClick={onDone}>
          Cancel
        </Button>
      </Actions>
      {error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice
            alert
            error={error}
            onReload={() => {
              carry.clearError();
              close.clearError();
              state.reload();
              onDone();
            }}
            onRetry={() => void submit()}
          />
        </div>
      ) : null}
    </div>
  );
}
