/**
 * An objective's detail beside the tree (loaded on first use): progress and pace, alignment,
 * key results with their kind's figures, what changed since last week and the trend, the work that
 * serves it, feedback and check-ins; with the edits the caller may make, inline.
 */
import { count } from '@shared/plural';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveEntry, ProjectPageView } from '@contract/api';
import type { CheckIn } from '@contract/check-ins';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { Person } from '@shared/components/person';
import { percent, ProgressMeter } from '@shared/components/progress-meter';
import { StatusLozenge } from '@shared/components/status-lozenge';
import { statusWords } from '@shared/figure-words';
import { shownStatus } from '@shared/status-text';
import type { UserSummary } from '@shared/jira-users';
import { useAction, useResource } from '@shared/use-resource';
import { canCheckIn, canEditText, canManage, type Abilities } from './abilities';
import { CheckInHistory } from './check-in-history';
import { ContributingWork } from './contributing-work';
import { FeedbackAnswers } from './feedback-answers';
import { FeedbackFigures } from './feedback-figures';
import { ExplainedFigure } from './figure-breakdown';
import { shortDate } from '@shared/dates';
import { CONFIDENCE_TEXT } from './format';
import { HistorySection } from './history-section';
import { KeyResultCard } from './key-result-card';
import { noteRecorded, withRecorded } from './recorded-check-ins';
import { entriesByKey } from './objective-tree';

const ObjectiveForm = lazy(() => import('./objective-form'));
const KeyResultForm = lazy(() => import('./key-result-form'));
const CheckInForm = lazy(() => import('./check-in-form'));
const CheckInAllForm = lazy(() => import('./check-in-all-form'));

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const h3 = { font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` };

type Mode = 'view' | 'edit' | 'add-kr' | 'check-in' | 'check-in-all' | 'archive';

/** What the page gives an objective's detail besides the objective: the view, people, and where to go next. */
export interface DetailContext {
  view: ProjectPageView;
  abilities: Abilities;
  users: ReadonlyMap<string, UserSummary>;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (key: string) => void;
}

export default function ObjectiveDetail({
  entry,
  view,
  abilities,
  users,
  onClose,
  onChanged,
  onOpen,
}: DetailContext & { entry: ProjectObjectiveEntry }) {
  const { objective, rollup, feedback } = entry;
  const [mode, setMode] = useState<Mode>('view');
  const heading = useRef<HTMLHeadingElement>(null);
  const archive = useAction('objectives/archive');
  const checkIns = useResource('check-ins/list', { objectiveKey: objective.key, limit: 20 });
  // what this user recorded here, from the replies: shown even when the list read next does not hold it yet
  const [recorded, setRecorded] = useState<CheckIn[]>([]);
  const record = (checkIn: CheckIn) => setRecorded((r) => noteRecorded(r, checkIn));
  const shownCheckIns = checkIns.data ? withRecorded(checkIns.data.checkIns, recorded) : [];
  useEffect(() => heading.current?.focus(), []);

  const all = entriesByKey(view);
  const level = view.levels.find((l) => l.id === objective.levelId)?.name ?? objective.levelId;
  const period = view.periods.find((p) => p.id === objective.periodId)?.name ?? objective.periodId;
  const workgroup = view.workgroups.find((w) => w.id === objective.workgroupId);
  const parent = objective.parentId === null ? undefined : all.get(objective.parentId);
  const manage = canManage(abilities, objective);
  const changed = () => {
    onChanged();
    checkIns.reload();
  };
  const done = (didChange: boolean, checkIn?: CheckIn) => {
    setMode('view');
    if (checkIn !== undefined) record(checkIn);
    if (didChange) changed();
  };
  const today = new Date().toISOString().slice(0, 10);
  // the key results the caller may check in on: "Check in on all key results" lists them
  const checkInLines = objective.keyResults.filter((kr) => canCheckIn(abilities, objective, kr));
  const objectiveLink = (key: string) => {
    const other = all.get(key);
    return other ? (
      <Button appearance="subtle" spacing="compact" onClick={() => onOpen(key)}>
        {key} {other.objective.title}
      </Button>
    ) : (
      <span>{key}</span>
    );
  };

  return (
    <aside
      aria-label={`${objective.key} details`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode === 'view') {
          e.stopPropagation();
          onClose();
        }
      }}
      style={{
        position: 'sticky',
        top: token('space.200'),
        maxHeight: 'calc(100vh - 32px)',
        overflowY: 'auto',
        padding: token('space.200'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium'),
        background: token('elevation.surface.raised'),
        boxShadow: token('elevation.shadow.raised'),
      }}
    >
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: token('space.100') }}>
        <div style={{ flex: '1 1 auto', minWidth: 0 }}>
          <span style={muted}>
            {objective.key} · {level} · {period}
            {workgroup ? ` · ${workgroup.name}` : ''}
          </span>
          <h2
            ref={heading}
            tabIndex={-1}
            style={{ font: token('font.heading.medium'), margin: `${token('space.050')} 0`, outline: 'none' }}
          >
            {objective.title}
          </h2>
        </div>
        <Button appearance="subtle" onClick={onClose} aria-label={`Close the details of ${objective.key}`}>
          Close
        </Button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100') }}>
        <StatusLozenge status={shownStatus(entry)} />
        {entry.statusReason ? (
          <span data-status-reason style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
            {statusWords(entry.statusReason, Date.now())}
          </span>
        ) : null}
        {objective.status === 'draft' ? <Lozenge>Draft</Lozenge> : null}
        {objective.visibility === 'restricted' ? <Lozenge appearance="moved">Restricted</Lozenge> : null}
        <Person accountId={objective.owner} user={users.get(objective.owner)} />
      </div>
      {objective.description !== '' ? <p style={{ whiteSpace: 'pre-wrap' }}>{objective.description}</p> : null}
      <div style={{ marginTop: token('space.150') }}>
        <ProgressMeter
          progress={rollup?.progress ?? null}
          expected={rollup?.expected ?? null}
          status={shownStatus(entry)}
          label={`${objective.key} progress`}
        />
        <p style={muted}>
          {rollup?.expected != null ? `An even pace would be at ${percent(rollup.expected)}. ` : ''}
          {rollup?.confidence ? `Confidence: ${CONFIDENCE_TEXT[rollup.confidence]}. ` : ''}
          {rollup?.lastCheckInAt ? `Last check-in ${shortDate(rollup.lastCheckInAt, Date.now())}.` : 'No check-in yet.'}
          {rollup?.stale ? ' Nobody has checked in within the cadence.' : ''}
        </p>
      </div>
      {rollup ? (
        <ExplainedFigure
          // asked again when the figure moves
          key={`${rollup.progress}-${rollup.status}-${rollup.measuredInputs}`}
          objectiveKey={objective.key}
          onOpen={onOpen}
        />
      ) : null}

      <h3 style={h3}>Alignment</h3>
      <ul style={{ margin: 0, paddingLeft: token('space.200') }}>
        <li>
          Serves: {objective.parentId === null ? 'no parent objective' : objectiveLink(objective.parentId)}
          {objective.parentId !== null
            ? ` (weight ${objective.weight ?? `${view.defaultWeights.child}, the default`})`
            : ''}
        </li>
        {objective.alignments.map((a) => (
          <li key={a.objectiveId}>
            Also contributes to {objectiveLink(a.objectiveId)} (weight {a.weight})
          </li>
        ))}
      </ul>
      {parent === undefined && objective.parentId !== null ? (
        <p style={muted}>The parent is outside what you may see on this page.</p>
      ) : null}

      {archive.error ? <ErrorNotice error={archive.error} onReload={onChanged} alert /> : null}
      {mode === 'view' ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), marginTop: token('space.150') }}>
          {canEditText(abilities, objective) ? <Button onClick={() => setMode('edit')}>Edit objective</Button> : null}
          {canCheckIn(abilities, objective, null) ? (
            <Button onClick={() => setMode('check-in')}>Check in</Button>
          ) : null}
          {manage && objective.status !== 'cancelled' ? (
            <Button appearance="subtle" onClick={() => setMode('archive')}>
              Archive
            </Button>
          ) : null}
        </div>
      ) : null}
      {mode === 'archive' ? (
        <div
          role="alertdialog"
          aria-label={`Archive ${objective.key}?`}
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            gap: token('space.100'),
            marginTop: token('space.150'),
          }}
        >
          <span>Archive {objective.key}? It is cancelled and stops counting in its parents.</span>
          <Button
            appearance="danger"
            isDisabled={archive.pending}
            onClick={async () => {
              const archived = await archive.run({ key: objective.key, version: objective.version });
              done(archived !== null);
            }}
          >
            Archive
          </Button>
          <Button appearance="subtle" onClick={() => setMode('view')}>
            Cancel
          </Button>
        </div>
      ) : null}
      <Suspense fallback={<Loading label="Loading the form" height={120} />}>
        {mode === 'edit' ? (
          <div style={{ marginTop: token('space.150') }}>
            <ObjectiveForm
              mode={{ kind: 'edit', entry }}
              view={view}
              abilities={abilities}
              periodId={objective.periodId}
              onDone={(key) => done(key !== null)}
              onReload={onChanged}
            />
          </div>
        ) : null}
        {mode === 'check-in' ? <CheckInForm objective={objective} keyResult={null} onDone={done} /> : null}
      </Suspense>

      {feedback ? (
        <section aria-labelledby={`feedback-${objective.key}`}>
          <h3 id={`feedback-${objective.key}`} style={h3}>
            Feedback
          </h3>
          <FeedbackFigures feedback={feedback} />
          {feedback.subtreeAverageGrade !== null ? (
            <p style={muted}>
              Average grade with the objectives below it: {feedback.subtreeAverageGrade.toFixed(2)} (
              {count(feedback.subtreeGradedReviews, 'review')})
            </p>
          ) : null}
        </section>
      ) : null}

      <FeedbackAnswers
        objectiveKey={objective.key}
        workgroupId={objective.workgroupId}
        mayReadAnswers={entry.can.readAnswers}
        users={users}
      />

      <section aria-labelledby={`krs-${objective.key}`}>
        <h3 id={`krs-${objective.key}`} style={h3}>
          Key results
        </h3>
        {objective.keyResults.length === 0 ? (
          <p style={muted}>
            {manage
              ? 'No key results yet: add one to say how this objective is measured.'
              : 'No key results yet: the workgroup’s leads add them.'}
          </p>
        ) : (
          <ul style={{ margin: 0, padding: 0 }}>
            {objective.keyResults.map((kr) => (
              <KeyResultCard
                key={kr.id}
                entry={entry}
                kr={kr}
                abilities={abilities}
                users={users}
                history={shownCheckIns.filter((c) => c.keyResultId === kr.id && c.value !== null)}
                onChanged={changed}
                onCheckedIn={record}
                defaultWeight={view.defaultWeights.keyResult}
              />
            ))}
          </ul>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100') }}>
          {checkInLines.length > 0 && mode === 'view' ? (
            <Button spacing="compact" onClick={() => setMode('check-in-all')}>
              Check in on all key results
            </Button>
          ) : null}
          {manage && mode !== 'add-kr' ? (
            <Button spacing="compact" onClick={() => setMode('add-kr')}>
              Add key result
            </Button>
          ) : null}
        </div>
        {mode === 'check-in-all' ? (
          <Suspense fallback={<Loading label="Loading the form" height={120} />}>
            <CheckInAllForm
              objective={objective}
              lines={checkInLines}
              onDone={(didChange, recordedNow) => {
                recordedNow?.forEach(record);
                done(didChange);
              }}
            />
          </Suspense>
        ) : null}
        {mode === 'add-kr' ? (
          <Suspense fallback={<Loading label="Loading the form" height={120} />}>
            <KeyResultForm
              objective={objective}
              keyResult={null}
              defaultWeight={view.defaultWeights.keyResult}
              onDone={done}
              onReload={onChanged}
            />
          </Suspense>
        ) : null}
      </section>

      <HistorySection entry={entry} today={today} period={view.periods.find((p) => p.id === objective.periodId)} />
      <ContributingWork objectiveKey={objective.key} rollup={rollup} />

      {checkIns.state === 'loading' ? (
        <p role="status" style={muted}>
          Loading the check-ins…
        </p>
      ) : checkIns.state === 'error' ? (
        <ErrorNotice error={checkIns.error} onRetry={checkIns.reload} />
      ) : (
        <CheckInHistory
          key={shownCheckIns[0]?.id ?? 'none'}
          objective={objective}
          first={{ checkIns: shownCheckIns, nextCursor: checkIns.data.nextCursor }}
          users={users}
        />
      )}
    </aside>
  );
}
