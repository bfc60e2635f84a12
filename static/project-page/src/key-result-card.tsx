/** One key result in an objective's detail: its progress, its kind's figures, and what the caller may do with it. */
import { count, noun } from '@shared/plural';
import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveEntry } from '@contract/api';
import type { CheckIn } from '@contract/check-ins';
import type { KeyResult } from '@contract/key-results';
import type { DeliveryFigures, KeyResultRollup } from '@contract/rollup';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { Person } from '@shared/components/person';
import { percent, ProgressMeter } from '@shared/components/progress-meter';
import { progressWords } from '@shared/figure-words';
import { issueSearchPath } from '@shared/jira-issues';
import type { UserSummary } from '@shared/jira-users';
import { useAction } from '@shared/use-resource';
import { canCheckIn, canEditTargets, canManage, type Abilities } from './abilities';
import { shortDate } from '@shared/dates';
import { DELIVERY_TEXT, formatNumber, KIND_TEXT, withUnit } from './format';

const KeyResultForm = lazy(() => import('./key-result-form'));
const CheckInForm = lazy(() => import('./check-in-form'));

/** Kinds with targets an owner may change (baseline, target, band). */
const HAS_TARGETS = new Set<KeyResult['kind']>(['metric', 'query', 'delivery-quality']);

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };

function deliveryFigure(measure: keyof typeof DELIVERY_TEXT, value: number | null): string {
  if (value === null) return 'no data yet';
  if (measure === 'on-time-rate' || measure === 'bug-share') return percent(value);
  if (measure === 'median-cycle-time') return `${formatNumber(value)} ${noun(value, 'day')}`;
  return `${formatNumber(value)} ${noun(value, 'issue')}`;
}

function KindDetail({
  kr,
  rollup,
  delivery,
  history,
}: {
  kr: KeyResult;
  rollup: KeyResultRollup | undefined;
  delivery: DeliveryFigures | null;
  history: readonly CheckIn[];
}) {
  const { open } = useHost();
  switch (kr.kind) {
    case 'completion': {
      const work = rollup?.work;
      if (!work || work.issues === 0)
        return (
          <p style={muted}>
            No work is linked yet: link epics or issues to {kr.key} from their issue panel, or from "Work not tied to
            any objective" below.
          </p>
        );
      return kr.measure === 'story-points' ? (
        <p style={muted}>
          {formatNumber(work.pointsDone)} of {formatNumber(work.points)} story points done ({work.done} of {work.issues}{' '}
          issues)
        </p>
      ) : (
        <p style={muted}>
          {work.done} of {count(work.issues, 'issue')} done · {work.inProgress} in progress · {work.toDo} to do
        </p>
      );
    }
    case 'metric':
      return (
        <div style={muted}>
          <p style={{ margin: 0 }}>
            Now {withUnit(rollup?.value ?? null, kr.unit)} ·{' '}
            {kr.direction === 'band'
              ? `stay within ${withUnit(kr.bandMin, kr.unit)}–${withUnit(kr.bandMax, kr.unit)}`
              : `target ${withUnit(kr.target, kr.unit)} from ${withUnit(kr.baseline, kr.unit)}`}
          </p>
          {history.length > 0 ? (
            <ol
              aria-label={`Values of ${kr.key}`}
              style={{ margin: `${token('space.050')} 0 0`, paddingLeft: token('space.200') }}
            >
              {history.slice(0, 5).map((c) => (
                <li key={c.id}>
                  {shortDate(c.at, Date.now())}: {withUnit(c.value, kr.unit)}
                </li>
              ))}
            </ol>
          ) : (
            <p style={{ margin: 0 }}>No value recorded yet: check in to record one.</p>
          )}
        </div>
      );
    case 'query':
      return (
        <div style={muted}>
          <p style={{ margin: 0 }}>
            {kr.aggregate === 'count'
              ? 'Counts the issues of'
              : `${kr.aggregate === 'sum' ? 'Sums' : 'Averages'} ${kr.field ?? ''} over`}{' '}
            <code
              style={{
                font: token('font.code'),
                background: token('color.background.neutral'),
                padding: '0 4px',
                borderRadius: token('radius.small'),
              }}
            >
              {kr.jql}
            </code>
          </p>
          <p style={{ margin: 0 }}>
            Now {withUnit(rollup?.value ?? null, kr.unit)} ·{' '}
            {kr.direction === 'band'
              ? `stay within ${withUnit(kr.bandMin, kr.unit)}–${withUnit(kr.bandMax, kr.unit)}`
              : `target ${withUnit(kr.target, kr.unit)}`}{' '}
            <Button appearance="subtle" spacing="compact" onClick={() => open(issueSearchPath(kr.jql))}>
              Open in Jira issue search
            </Button>
          </p>
        </div>
      );
    case 'delivery-quality': {
      const figure =
        kr.measure === 'on-time-rate'
          ? delivery?.onTimeRate
          : kr.measure === 'median-cycle-time'
            ? delivery?.medianCycleDays
            : kr.measure === 'throughput-per-week'
              ? delivery?.throughputPerWeek
              : delivery?.bugShare;
      return (
        <p style={muted}>
          {DELIVERY_TEXT[kr.measure]}: {deliveryFigure(kr.measure, rollup?.value ?? figure ?? null)} · target{' '}
          {deliveryFigure(kr.measure, kr.target)}
          {kr.baseline !== null ? ` from ${deliveryFigure(kr.measure, kr.baseline)}` : ''}
          {kr.measure === 'throughput-per-week'
            ? kr.windowWeeks === 1
              ? ' (last week)'
              : ` (last ${kr.windowWeeks} weeks)`
            : ''}
        </p>
      );
    }
    case 'milestone':
      return (
        <p style={muted}>
          {kr.done ? `Done${kr.doneAt === null ? '' : ` on ${shortDate(kr.doneAt, Date.now())}`}` : 'Not done yet'}
        </p>
      );
  }
}

export function KeyResultCard({
  entry,
  kr,
  abilities,
  users,
  history,
  onChanged,
  onCheckedIn,
  defaultWeight,
}: {
  entry: ProjectObjectiveEntry;
  kr: KeyResult;
  abilities: Abilities;
  users: ReadonlyMap<string, UserSummary>;
  history: readonly CheckIn[];
  onChanged: () => void;
  /** A check-in recorded here, from the reply. */
  onCheckedIn?: (checkIn: CheckIn) => void;
  /** The rollup policy's weight for a key result that sets none (the edit form says it). */
  defaultWeight?: number;
}) {
  const { objective, rollup } = entry;
  const [mode, setMode] = useState<'view' | 'edit' | 'check-in' | 'delete'>('view');
  const remove = useAction('key-results/delete');
  const update = useAction('key-results/update');
  const krRollup = rollup?.keyResults.find((k) => k.keyResultId === kr.id);
  const manage = canManage(abilities, objective);
  const error = remove.error ?? update.error;
  return (
    <li
      style={{
        listStyle: 'none',
        padding: token('space.150'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        marginBottom: token('space.100'),
      }}
      aria-label={`${kr.key} ${kr.title}`}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
        <span style={muted}>{kr.key}</span>
        <strong style={{ flex: '1 1 160px' }}>{kr.title}</strong>
        <span style={muted}>{KIND_TEXT[kr.kind]}</span>
        <Person accountId={kr.owner} user={users.get(kr.owner)} showName={false} />
      </div>
      <div style={{ marginTop: token('space.075') }}>
        <ProgressMeter progress={krRollup?.progress ?? null} label={`${kr.key} ${kr.title}`} />
        {krRollup !== undefined && krRollup.overshoot > 0 ? (
          <p style={{ ...muted, margin: `${token('space.050')} 0 0` }}>{progressWords(krRollup)}</p>
        ) : null}
      </div>
      <KindDetail kr={kr} rollup={krRollup} delivery={rollup?.delivery ?? null} history={history} />
      {error ? <ErrorNotice error={error} onReload={onChanged} alert /> : null}
      {mode === 'view' ? (
        <div style={{ display: 'flex', gap: token('space.050'), marginTop: token('space.075') }}>
          {canCheckIn(abilities, objective, kr) && kr.kind !== 'milestone' ? (
            <Button spacing="compact" onClick={() => setMode('check-in')}>
              Check in
            </Button>
          ) : null}
          {kr.kind === 'milestone' && canEditTargets(abilities, objective, kr) ? (
            <Button
              spacing="compact"
              isDisabled={update.pending}
              onClick={async () => {
                if (
                  await update.run({
                    objectiveKey: objective.key,
                    version: objective.version,
                    keyResultId: kr.id,
                    done: !kr.done,
                  })
                )
                  onChanged();
              }}
            >
              {kr.done ? 'Mark not done' : 'Mark done'}
            </Button>
          ) : null}
          {manage || (canEditTargets(abilities, objective, kr) && HAS_TARGETS.has(kr.kind)) ? (
            <Button spacing="compact" appearance="subtle" onClick={() => setMode('edit')} aria-label={`Edit ${kr.key}`}>
              Edit
            </Button>
          ) : null}
          {manage ? (
            <Button
              spacing="compact"
              appearance="subtle"
              onClick={() => setMode('delete')}
              aria-label={`Delete ${kr.key}`}
            >
              Delete
            </Button>
          ) : null}
        </div>
      ) : null}
      {mode === 'delete' ? (
        <div
          role="alertdialog"
          aria-label={`Delete ${kr.key}?`}
          style={{ display: 'flex', alignItems: 'center', gap: token('space.100'), marginTop: token('space.075') }}
        >
          <span>Delete {kr.key}? Its check-ins stay in the history.</span>
          <Button
            appearance="danger"
            spacing="compact"
            isDisabled={remove.pending}
            onClick={async () => {
              if (await remove.run({ objectiveKey: objective.key, version: objective.version, keyResultId: kr.id }))
                onChanged();
              else setMode('view');
            }}
          >
            Delete
          </Button>
          <Button spacing="compact" appearance="subtle" onClick={() => setMode('view')}>
            Cancel
          </Button>
        </div>
      ) : null}
      {mode === 'edit' || mode === 'check-in' ? (
        <Suspense fallback={<Loading label="Loading the form" height={80} />}>
          {mode === 'edit' ? (
            <KeyResultForm
              objective={objective}
              keyResult={kr}
              targetsOnly={!manage}
              defaultWeight={defaultWeight}
              onDone={(changed) => (setMode('view'), changed && onChanged())}
              onReload={onChanged}
            />
          ) : (
            <CheckInForm
              objective={objective}
              keyResult={kr}
              onDone={(changed, checkIn) => {
                setMode('view');
                if (checkIn !== undefined) onCheckedIn?.(checkIn);
                if (changed) onChanged();
              }}
            />
          )}
        </Suspense>
      ) : null}
    </li>
  );
}
