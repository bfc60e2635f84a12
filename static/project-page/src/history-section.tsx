/** An objective's trend (progress against an even pace, from the daily snapshots) and what changed since last week. */
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveEntry } from '@contract/api';
import type { Snapshot } from '@contract/rollup';
import { ErrorNotice } from '@shared/components/error-notice';
import { percent } from '@shared/components/progress-meter';
import { STATUS_TEXT } from '@shared/components/status-lozenge';
import { useResource } from '@shared/use-resource';
import { formatDay } from './format';
import { sinceLastWeek } from './since-last-week';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
const W = 320;
const H = 90;

function TrendChart({ snapshots, label }: { snapshots: readonly Snapshot[]; label: string }) {
  const points = snapshots.filter((s) => s.progress !== null);
  if (points.length < 2)
    return <p style={muted}>The trend appears once Tether has snapshots of two days (it keeps one a day).</p>;
  const first = Date.parse(`${snapshots[0]?.day ?? ''}T00:00:00Z`);
  const last = Date.parse(`${snapshots[snapshots.length - 1]?.day ?? ''}T00:00:00Z`);
  const span = Math.max(last - first, 1);
  const x = (day: string) => ((Date.parse(`${day}T00:00:00Z`) - first) / span) * (W - 8) + 4;
  const y = (v: number) => H - 4 - v * (H - 8);
  const line = (values: { day: string; v: number | null }[]) =>
    values
      .filter((p): p is { day: string; v: number } => p.v !== null)
      .map((p) => `${x(p.day).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(' ');
  const from = points[0];
  const to = points[points.length - 1];
  const summary =
    from && to
      ? `${label}: progress from ${percent(from.progress ?? 0)} on ${formatDay(from.day)} to ${percent(to.progress ?? 0)} on ${formatDay(to.day)}${to.expected === null ? '' : `; an even pace would be at ${percent(to.expected)}`}`
      : label;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        preserveAspectRatio="none"
        style={{
          display: 'block',
          background: token('color.background.neutral.subtle'),
          borderRadius: token('radius.small'),
        }}
      >
        <line x1="0" x2={W} y1={y(1)} y2={y(1)} stroke={token('color.border')} strokeWidth="1" />
        <line x1="0" x2={W} y1={y(0)} y2={y(0)} stroke={token('color.border')} strokeWidth="1" />
        <polyline
          points={line(snapshots.map((s) => ({ day: s.day, v: s.expected })))}
          fill="none"
          stroke={token('color.chart.neutral')}
          strokeWidth="1.5"
          strokeDasharray="4 3"
        />
        <polyline
          points={line(snapshots.map((s) => ({ day: s.day, v: s.progress })))}
          fill="none"
          stroke={token('color.chart.brand')}
          strokeWidth="2"
        />
      </svg>
      <figcaption style={{ ...muted, display: 'flex', justifyContent: 'space-between' }}>
        <span>{from ? formatDay(from.day) : ''}</span>
        <span>Progress (solid) against an even pace (dashed)</span>
        <span>{to ? formatDay(to.day) : ''}</span>
      </figcaption>
    </figure>
  );
}

export function HistorySection({ entry, today }: { entry: ProjectObjectiveEntry; today: string }) {
  const { objective, rollup } = entry;
  const history = useResource('objectives/history', { objectiveKey: objective.key, days: 120 });
  const heading = (id: string, text: string) => (
    <h3 id={id} style={{ font: token('font.heading.xsmall'), margin: `${token('space.200')} 0 ${token('space.075')}` }}>
      {text}
    </h3>
  );
  if (history.state === 'loading')
    return (
      <p role="status" style={{ ...muted, minHeight: 120 }}>
        Loading the history…
      </p>
    );
  if (history.state === 'error') return <ErrorNotice error={history.error} onRetry={history.reload} />;
  const snapshots = history.data.snapshots;
  const changed = sinceLastWeek(objective, rollup, snapshots, today, STATUS_TEXT);
  return (
    <>
      <section aria-labelledby={`changed-${objective.key}`}>
        {heading(`changed-${objective.key}`, 'What changed since last week')}
        {changed === null ? (
          <p style={muted}>
            Nothing to compare with yet: Tether keeps a snapshot of every objective each day, so this fills in over the
            coming days.
          </p>
        ) : changed.changes.length === 0 ? (
          <p style={muted}>Nothing changed since {formatDay(changed.since)}.</p>
        ) : (
          <ul
            style={{ margin: 0, paddingLeft: token('space.200') }}
            aria-label={`Changes since ${formatDay(changed.since)}`}
          >
            {changed.changes.map((c) => (
              <li key={c.what}>
                {c.what}: {c.before} → <strong>{c.after}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`trend-${objective.key}`}>
        {heading(`trend-${objective.key}`, 'Trend')}
        <TrendChart snapshots={snapshots} label={`${objective.key} trend`} />
      </section>
    </>
  );
}
