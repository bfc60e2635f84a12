/**
 * Period reviews (feedback/period): for a chosen period, the objective tree with each objective's
 * grade (0–1, with a bar), the grade rolled up over the objectives below it, the response rate and
 * the notes of what helped and what did not; each workgroup's feedback beside it. Loaded only
 * when the tab is opened (a chunk of its own).
 */
import { count } from '@shared/plural';
import { useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type {
  PeriodFeedback,
  PeriodObjectiveReview,
  PeriodReviewAncestor,
  PeriodReviewNote,
  PeriodReviewState,
} from '@contract/api';
import { compareObjectiveKeys } from '@contract/key-order';
import type { Period } from '@contract/periods';
import { ErrorNotice } from '@shared/components/error-notice';
import { buildTree } from '@shared/parent-tree';
import { Empty } from '@shared/components/empty';
import { Loading } from '@shared/components/loading';
import { useResource } from '@shared/use-resource';
import { nameOf, useUsers } from '@shared/use-users';
import { cellStyle, FieldRow, Hidden, PeriodOptions, SectionTitle, TableHead } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import { percent } from '@shared/percent';
import { shortDate } from '@shared/dates';
import { defaultPeriod } from './objectives-tab';
import type { SettingsState } from './use-settings';

const day = (at: number) => shortDate(at, Date.now());

/** The period shown first: the one containing today, else the latest open one, else the latest. */
function firstPeriod(periods: readonly Period[], today: string): string {
  return defaultPeriod(periods, today) || (periods[periods.length - 1]?.id ?? '');
}

type Entry =
  { kind: 'objective'; review: PeriodObjectiveReview } | { kind: 'ancestor'; ancestor: PeriodReviewAncestor };
interface Node {
  key: string;
  entry: Entry;
  children: Node[];
}

/** The period's objectives under their primary parents; ancestors of other periods above them (a loop of parents: roots). */
function reviewTree(data: Pick<PeriodFeedback, 'objectives' | 'ancestors'>): Node[] {
  const entries: Entry[] = [
    ...data.ancestors.map((ancestor): Entry => ({ kind: 'ancestor', ancestor })),
    ...data.objectives.map((review): Entry => ({ kind: 'objective', review })),
  ];
  const keyOf = (e: Entry) => (e.kind === 'objective' ? e.review.key : e.ancestor.key);
  return buildTree(
    entries,
    {
      id: keyOf,
      parentId: (e) => (e.kind === 'objective' ? e.review.parentId : e.ancestor.parentId),
      compare: (a, b) => compareObjectiveKeys(keyOf(a), keyOf(b)),
    },
    (entry, children): Node => ({ key: keyOf(entry), entry, children }),
  );
}

/** A grade in [0, 1] as its figure and a bar; "No grade yet" when there is none. */
function GradeBar({ value, label }: { value: number | null; label: string }) {
  if (value === null)
    return <span style={{ color: token('color.text.subtlest'), font: token('font.body.small') }}>No grade yet</span>;
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.075') }}
      title={`${label}: ${value.toFixed(2)} (${percent(value)})`}
    >
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          width: 72,
          height: 6,
          borderRadius: 3,
          background: token('color.background.neutral'),
        }}
      >
        <span
          style={{
            display: 'block',
            width: percent(value),
            height: '100%',
            borderRadius: 3,
            background:
              value >= 0.7
                ? token('color.background.success.bold')
                : value >= 0.4
                  ? token('color.background.warning.bold')
                  : token('color.background.danger.bold'),
          }}
        />
      </span>
      <span style={{ font: token('font.body.small'), minWidth: 64 }}>
        {value.toFixed(2)} <span style={{ color: token('color.text.subtle') }}>({percent(value)})</span>
      </span>
    </span>
  );
}

const STATE_TEXT: Record<PeriodReviewState, string> = {
  'not-asked': 'Not asked yet',
  queued: 'Waiting for the weekly cap',
  open: 'Waiting for the owner',
  snoozed: 'Snoozed by the owner',
  answered: 'Answered',
  dismissed: 'Dismissed by the owner',
  expired: 'Expired',
};

function Notes({ notes, users }: { notes: readonly PeriodReviewNote[]; users: ReturnType<typeof useUsers> }) {
  return (
    <ul
      style={{
        listStyle: 'none',
        margin: `${token('space.050')} 0 ${token('space.100')}`,
        padding: 0,
        display: 'grid',
        gap: token('space.100'),
      }}
    >
      {notes.map((n) => (
        <li
          key={n.promptId}
          style={{
            padding: token('space.100'),
            borderRadius: token('radius.small', '3px'),
            background: token('color.background.neutral.subtle.hovered'),
          }}
        >
          <div style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
            {nameOf(users, n.author)} graded it {n.grade.toFixed(2)} on {day(n.answeredAt)}
          </div>
          <dl style={{ margin: `${token('space.050')} 0 0` }}>
            <dt style={{ fontWeight: token('font.weight.semibold') }}>What helped</dt>
            <dd style={{ margin: `0 0 ${token('space.050')}`, whiteSpace: 'pre-wrap' }}>
              {n.helped.trim() === '' ? (
                <em style={{ color: token('color.text.subtlest') }}>Nothing noted</em>
              ) : (
                n.helped
              )}
            </dd>
            <dt style={{ fontWeight: token('font.weight.semibold') }}>What did not</dt>
            <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {n.hindered.trim() === '' ? (
                <em style={{ color: token('color.text.subtlest') }}>Nothing noted</em>
              ) : (
                n.hindered
              )}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function Row({
  node,
  depth,
  users,
  periodName,
}: {
  node: Node;
  depth: number;
  users: ReturnType<typeof useUsers>;
  periodName: (id: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const notesId = useId();
  const { entry } = node;
  const small = { font: token('font.body.small'), color: token('color.text.subtle') };
  const hasBelow = node.children.length > 0;
  const title = entry.kind === 'objective' ? entry.review.title : entry.ancestor.title;
  const subtree = entry.kind === 'objective' ? entry.review : entry.ancestor;
  return (
    <li aria-label={`${node.key} ${title}`}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: token('space.150'),
          padding: `${token('space.075')} ${token('space.100')}`,
          paddingLeft: `calc(${token('space.100')} + ${depth * 24}px)`,
          borderBottom: `${token('border.width')} solid ${token('color.border')}`,
        }}
      >
        <strong style={{ minWidth: 48 }}>{node.key}</strong>
        <span
          style={{
            flex: '1 1 200px',
            minWidth: 0,
            color: entry.kind === 'ancestor' ? token('color.text.subtlest') : token('color.text'),
          }}
        >
          {title}
          <span style={{ ...small, marginLeft: token('space.100') }}>
            {entry.kind === 'objective'
              ? entry.review.level
              : `${entry.ancestor.level}, ${periodName(entry.ancestor.periodId)}`}
          </span>
          {subtree.visibility === 'restricted' ? (
            <span style={{ ...small, marginLeft: token('space.100'), color: token('color.text.warning') }}>
              Restricted
            </span>
          ) : null}
        </span>
        {entry.kind === 'objective' ? (
          <>
            <span style={small}>{nameOf(users, entry.review.owner)}</span>
            <span aria-label={`Grade of ${node.key}`} role="group">
              <GradeBar value={entry.review.grade} label={`Grade of ${node.key}`} />
            </span>
            <span style={{ ...small, minWidth: 150, display: 'inline-flex', flexDirection: 'column' }}>
              {entry.review.asked > 0 ? (
                <span>{`${entry.review.answered} of ${entry.review.asked} answered (${percent(entry.review.responseRate ?? 0)})`}</span>
              ) : null}
              {entry.review.review === 'answered' && entry.review.asked > 0 ? null : (
                <span>{STATE_TEXT[entry.review.review]}</span>
              )}
            </span>
          </>
        ) : null}
        {hasBelow || entry.kind === 'ancestor' ? (
          <span
            role="group"
            aria-label={`Grade of ${node.key} with the objectives below it`}
            style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.075') }}
          >
            <span style={small}>With those below:</span>
            <GradeBar value={subtree.subtreeGrade} label={`Grade of ${node.key} with the objectives below it`} />
            <span style={small}>{count(subtree.subtreeGradedReviews, 'review')}</span>
          </span>
        ) : null}
        {entry.kind === 'objective' && entry.review.notes.length > 0 ? (
          <Button
            appearance="subtle"
            spacing="compact"
            aria-expanded={open}
            aria-controls={notesId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide notes' : `Notes (${entry.review.notes.length})`} <Hidden>of {node.key}</Hidden>
          </Button>
        ) : null}
      </div>
      {entry.kind === 'objective' && open ? (
        <div
          id={notesId}
          role="region"
          aria-label={`Notes on ${node.key}`}
          style={{ paddingLeft: `calc(${token('space.300')} + ${depth * 24}px)`, paddingRight: token('space.100') }}
        >
          <Notes notes={entry.review.notes} users={users} />
        </div>
      ) : null}
      {hasBelow ? (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {node.children.map((child) => (
            <Row key={child.key} node={child} depth={depth + 1} users={users} periodName={periodName} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Workgroups({ workgroups }: { workgroups: PeriodFeedback['workgroups'] }) {
  if (workgroups.length === 0) return null;
  return (
    <table
      aria-label="Feedback per workgroup"
      style={{ borderCollapse: 'collapse', marginTop: token('space.300'), minWidth: 480 }}
    >
      <TableHead columns={['Workgroup', 'Prompts answered', 'Response rate', 'Average grade']} />
      <tbody>
        {workgroups.map((w) => (
          <tr key={w.id}>
            <th scope="row" style={{ ...cellStyle, fontWeight: token('font.weight.regular') }}>
              {w.name}
            </th>
            <td style={cellStyle}>
              {w.feedback.answered} of {w.feedback.delivered - w.feedback.expired}
            </td>
            <td style={cellStyle}>{w.feedback.responseRate === null ? '—' : percent(w.feedback.responseRate)}</td>
            <td style={cellStyle}>
              <GradeBar value={w.feedback.averageGrade} label={`Average grade of ${w.name}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PeriodReviews({ periodId, periodName }: { periodId: string; periodName: (id: string) => string }) {
  const load = useResource('feedback/period', { periodId });
  const data = load.data;
  const tree = useMemo(() => (data === null ? [] : reviewTree(data)), [data]);
  const users = useUsers(
    useMemo(
      () =>
        data === null
          ? []
          : [...data.objectives.map((o) => o.owner), ...data.objectives.flatMap((o) => o.notes.map((n) => n.author))],
      [data],
    ),
  );

  if (load.state === 'loading') return <Loading label="Loading period reviews" />;
  if (load.state === 'error' && data === null)
    return <ErrorNotice error={load.error} onRetry={load.reload} onReload={load.reload} />;
  if (data === null) return null;
  const { totals } = data;
  const noReviews = totals.asked === 0 && data.objectives.every((o) => o.notes.length === 0);
  return (
    <div aria-busy={load.refreshing}>
      {load.state === 'error' ? <ErrorNotice error={load.error} onRetry={load.reload} onReload={load.reload} /> : null}
      {data.objectives.length === 0 ? (
        <Empty title="No objectives in this period">
          Period reviews ask the owners of this period's objectives; create them in the Objectives tab.
        </Empty>
      ) : noReviews ? (
        <Empty title="No period reviews yet">
          {data.enabled ? (
            <>
              Period reviews open {count(data.leadDays, 'day')} before the period ends (for {data.period.name}: from{' '}
              {day(data.opensAt)}); set the lead time in Policies.
            </>
          ) : (
            <>Period reviews are switched off; switch them on and set the lead time in Policies.</>
          )}
        </Empty>
      ) : (
        <p
          style={{
            margin: `0 0 ${token('space.150')}`,
            display: 'flex',
            flexWrap: 'wrap',
            gap: token('space.200'),
            alignItems: 'center',
          }}
        >
          <span>
            {totals.answered} of {count(totals.asked, 'review')} answered
            {totals.responseRate === null ? '' : ` (${percent(totals.responseRate)})`}
          </span>
          <span
            role="group"
            aria-label={`Average grade of ${periodName(periodId)}`}
            style={{ display: 'inline-flex', gap: token('space.075'), alignItems: 'center' }}
          >
            Average grade <GradeBar value={totals.averageGrade} label="Average grade" />
          </span>
        </p>
      )}
      {data.objectives.length > 0 && !noReviews ? (
        <ul aria-label="Period reviews by objective" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {tree.map((node) => (
            <Row key={node.key} node={node} depth={0} users={users} periodName={periodName} />
          ))}
        </ul>
      ) : null}
      {!noReviews ? <Workgroups workgroups={data.workgroups} /> : null}
    </div>
  );
}

export function PeriodReviewsTab({ settings }: Pick<SettingsState, 'settings'>) {
  const [periodId, setPeriodId] = useState(() => firstPeriod(settings.periods, new Date().toISOString().slice(0, 10)));
  const periodName = useMemo(() => {
    const names = new Map(settings.periods.map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [settings.periods]);
  return (
    <section aria-labelledby="period-reviews-title">
      <SectionTitle description="Near a period's end each owner grades their objectives from 0 to 1 and notes what helped and what did not. Grades roll up to the parent objectives by primary parent.">
        <span id="period-reviews-title">Period reviews</span>
      </SectionTitle>
      {settings.periods.length === 0 ? (
        <Empty title="No periods yet">
          Create a period in the Periods tab; its objectives' owners are asked to review them before it ends.
        </Empty>
      ) : (
        <>
          <div style={{ marginBottom: token('space.200') }}>
            <FieldRow id="period-reviews-period" label="Period">
              {(control) => (
                <NativeSelect {...control} value={periodId} onChange={(e) => setPeriodId(e.currentTarget.value)}>
                  <PeriodOptions periods={settings.periods} />
                </NativeSelect>
              )}
            </FieldRow>
          </div>
          {periodId === '' ? null : <PeriodReviews key={periodId} periodId={periodId} periodName={periodName} />}
        </>
      )}
    </section>
  );
}

export default PeriodReviewsTab;
