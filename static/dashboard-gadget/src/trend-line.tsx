/**
 * One objective's progress over its daily snapshots as a line, beside where an even pace would
 * be (dashed), drawn with design tokens; points are spaced by their dates (@shared/trend-scale).
 * Its text alternative says the first and last figures.
 */
import { token } from '@atlaskit/tokens';
import type { Snapshot } from '@contract/rollup';
import { percent } from '@shared/components/progress-meter';
import { shortDate } from '@shared/dates';
import { scaleFor, yMaxOf } from '@shared/trend-scale';

const WIDTH = 320;
const HEIGHT = 96;
const BOX = { width: WIDTH, height: HEIGHT, left: 0, right: 0, top: 0, bottom: 0 };

/**
 * The polyline through the snapshots' figures, each at its day (two days a day apart sit close,
 * one a month later far off): x from the first snapshot's day to the last's, y 0 to 100 % (higher
 * when progress overshoots). A day without a figure is passed over.
 */
export function linePoints(snapshots: readonly Snapshot[], value: (s: Snapshot) => number | null): string {
  const days = snapshots.map((s) => s.day).sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return '';
  const scale = scaleFor(first, last, yMaxOf(snapshots.map((s) => s.progress)), BOX);
  return snapshots
    .flatMap((s) => {
      const v = value(s);
      return v === null ? [] : [{ day: s.day, v }];
    })
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map((p) => `${scale.x(p.day).toFixed(1)},${scale.y(p.v).toFixed(1)}`)
    .join(' ');
}

/** "From 10% on 1 Oct to 40% on 5 Dec", or that nothing was recorded. */
export function trendSummary(snapshots: readonly Snapshot[], now: number): string {
  const measured = snapshots.filter((s) => s.progress !== null);
  const first = measured[0];
  const last = measured[measured.length - 1];
  if (first === undefined || last === undefined) return 'No progress recorded yet';
  if (first === last) return `${percent(first.progress ?? 0)} on ${shortDate(first.day, now)}`;
  return `From ${percent(first.progress ?? 0)} on ${shortDate(first.day, now)} to ${percent(last.progress ?? 0)} on ${shortDate(last.day, now)}`;
}

export function TrendLine({ snapshots, label }: { snapshots: readonly Snapshot[]; label: string }) {
  const summary = trendSummary(snapshots, Date.now());
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
          points={linePoints(snapshots, (s) => s.expected)}
          fill="none"
          stroke={token('color.border.bold')}
          strokeDasharray="4 4"
        />
        <polyline
          points={linePoints(snapshots, (s) => s.progress)}
          fill="none"
          stroke={token('color.chart.brand', token('color.border.brand'))}
          strokeWidth={2}
        />
      </svg>
      <figcaption style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>{summary}</figcaption>
    </figure>
  );
}
