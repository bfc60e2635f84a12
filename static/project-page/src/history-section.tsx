/** An objective's trend (./trend-chart.tsx: progress against an even pace over its period, from the daily snapshots) and what changed since last week. */
import { token } from '@atlaskit/tokens';
import type { ProjectObjectiveEntry } from '@contract/api';
import { ErrorNotice } from '@shared/components/error-notice';
import { STATUS_TEXT } from '@shared/components/status-lozenge';
import { useResource } from '@shared/use-resource';
import { shortDate } from '@shared/dates';
import { sinceLastWeek } from './since-last-week';
import { TrendChart } from './trend-chart';
import { historyDays } from '@shared/trend-scale';

const muted = { font: token('font.body.small'), color: token('color.text.subtlest') };
export function HistorySection({
  entry,
  today,
  period,
}: {
  entry: ProjectObjectiveEntry;
  today: string;
  /** The objective's period: the chart's x axis (without it, the days the snapshots span). */
  period: { start: string; end: string } | undefined;
}) {
  const { objective, rollup } = entry;
  const history = useResource('objectives/history', {
    objectiveKey: objective.key,
    days: historyDays(period?.start, today),
  });
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
          <p style={muted}>Nothing changed since {shortDate(changed.since, Date.parse(today))}.</p>
        ) : (
          <ul
            style={{ margin: 0, paddingLeft: token('space.200') }}
            aria-label={`Changes since ${shortDate(changed.since, Date.parse(today))}`}
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
        <TrendChart
          snapshots={snapshots}
          period={period ?? { start: snapshots[0]?.day ?? today, end: snapshots[snapshots.length - 1]?.day ?? today }}
          today={today}
          label={`${objective.key} trend`}
        />
      </section>
    </>
  );
}
