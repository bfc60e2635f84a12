/**
 * One objective's progress over its daily snapshots as a line, beside where an even pace would
 * be (dashed), drawn with design tokens. Its text alternative says the first and last figures.
 */
import { token } from '@atlaskit/tokens';
import type { Snapshot } from '@contract/rollup';
import { percent } from '@shared/components/progress-meter';

const WIDTH = 320;
const HEIGHT = 96;

function points(values: readonly (number | null)[]): string {
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  return values
    .flatMap((v, i) => (v === null ? [] : [`${(i * step).toFixed(1)},${(HEIGHT - v * HEIGHT).toFixed(1)}`]))
    .join(' ');
}

/** "From 10% on 2026-10-01 to 40% on 2026-12-05", or that nothing was recorded. */
export function trendSummary(snapshots: readonly Snapshot[]): string {
  const measured = snapshots.filter((s) => s.progress !== null);
  const first = measured[0];
  const last = measured[measured.length - 1];
  if (first === undefined || last === undefined) return 'No progress recorded yet';
  if (first === last) return `${percent(first.progress ?? 0)} on ${first.day}`;
  return `From ${percent(first.progress ?? 0)} on ${first.day} to ${percent(last.progress ?? 0)} on ${last.day}`;
}

export function TrendLine({ snapshots, label }: { snapshots: readonly Snapshot[]; label: string }) {
  const summary = trendSummary(snapshots);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={`${label}: ${summary}`}
        viewBox={`-2 -2 ${WIDTH + 4} ${HEIGHT + 4}`}
        style={{ width: '100%', maxWidth: WIDTH * 2, height: HEIGHT }}
        preserveAspectRatio="none"
      >
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke={token('color.border')} />
        <polyline
          points={points(snapshots.map((s) => s.expected))}
          fill="none"
          stroke={token('color.border.bold')}
          strokeDasharray="4 4"
        />
        <polyline
          points={points(snapshots.map((s) => s.progress))}
          fill="none"
          stroke={token('color.chart.brand', token('color.border.brand'))}
          strokeWidth={2}
        />
      </svg>
      <figcaption style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>{summary}</figcaption>
    </figure>
  );
}
