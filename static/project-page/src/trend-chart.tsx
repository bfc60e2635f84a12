/**
 * An objective's progress against an even pace over its period, as hand-drawn SVG: dates on x
 * (the period's start to end, today marked), 0–100 % on y, the progress line from the daily
 * snapshots and the pace line dashed. A point's value shows on hover, and on keyboard focus: the
 * chart is one tab stop and the arrow keys (Home, End) move from point to point. A visually
 * hidden table holds every point for screen readers. The geometry is @shared/trend-scale.ts.
 */
import { useState } from 'react';
import { token } from '@atlaskit/tokens';
import type { Snapshot } from '@contract/rollup';
import { percent } from '@shared/percent';
import { VISUALLY_HIDDEN } from '@shared/visually-hidden';
import {
  dateTicks,
  hoverBands,
  linePath,
  pacePath,
  percentTicks,
  pointAfterKey,
  pointText,
  scaleFor,
  trendPoints,
  trendSummary,
  yMaxOf,
  type Box,
} from '@shared/trend-scale';
import { shortDate } from '@shared/dates';

const BOX: Box = { width: 360, height: 180, left: 36, right: 10, top: 10, bottom: 22 };
const small = { font: token('font.body.small'), color: token('color.text.subtlest') };

export interface TrendChartProps {
  snapshots: readonly Pick<Snapshot, 'day' | 'progress' | 'expected'>[];
  period: { start: string; end: string };
  today: string;
  /** Names the chart: "O-2 trend". */
  label: string;
}

export function TrendChart({ snapshots, period, today, label }: TrendChartProps) {
  const points = trendPoints(snapshots, period.start, period.end);
  const [active, setActive] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  if (points.length < 2)
    return <p style={small}>The trend appears once Tether has snapshots of two days (it keeps one a day).</p>;

  const scale = scaleFor(period.start, period.end, yMaxOf(points.map((p) => p.progress)), BOX);
  const bottom = scale.y(0);
  const top = scale.y(scale.yMax);
  const shown = active === null ? null : (points[active] ?? null);
  const now = Date.parse(`${today}T00:00:00Z`);
  const summary = trendSummary(label, points, now);
  const todayInside = today >= period.start && today <= period.end;

  return (
    <figure style={{ margin: 0 }}>
      <div
        tabIndex={0}
        role="group"
        aria-label={`${label}: the arrow keys read each day`}
        onFocus={() => {
          setFocused(true);
          setActive((a) => a ?? points.length - 1);
        }}
        onBlur={() => {
          setFocused(false);
          setActive(null);
        }}
        onKeyDown={(e) => {
          const next = pointAfterKey(e.key, active ?? points.length - 1, points.length);
          if (next === null) return;
          e.preventDefault();
          setActive(next);
        }}
        onMouseLeave={() => {
          if (!focused) setActive(null);
        }}
        style={{ position: 'relative', borderRadius: token('radius.small') }}
      >
        <svg role="img" aria-label={summary} viewBox={`0 0 ${BOX.width} ${BOX.height}`} width="100%">
          {percentTicks(scale.yMax).map((t) => (
            <g key={t}>
              <line
                x1={BOX.left}
                x2={BOX.width - BOX.right}
                y1={scale.y(t)}
                y2={scale.y(t)}
                stroke={token(t === 0 ? 'color.border.bold' : 'color.border')}
                strokeWidth="1"
              />
              <text
                x={BOX.left - 4}
                y={scale.y(t) + 3}
                textAnchor="end"
                fontSize="9"
                fill={token('color.text.subtlest')}
              >
                {percent(t)}
              </text>
            </g>
          ))}
          {dateTicks(period.start, period.end).map((d) => (
            <g key={d}>
              <line x1={scale.x(d)} x2={scale.x(d)} y1={bottom} y2={bottom + 3} stroke={token('color.border.bold')} />
              <text x={scale.x(d)} y={bottom + 13} textAnchor="middle" fontSize="9" fill={token('color.text.subtlest')}>
                {shortDate(d, now)}
              </text>
            </g>
          ))}
          {todayInside ? (
            <g>
              <line
                x1={scale.x(today)}
                x2={scale.x(today)}
                y1={top}
                y2={bottom}
                stroke={token('color.border.accent.purple')}
                strokeDasharray="2 2"
              />
              <text x={scale.x(today) + 3} y={top + 8} fontSize="9" fill={token('color.text.accent.purple')}>
                Today
              </text>
            </g>
          ) : null}
          <path
            d={pacePath(period.start, period.end, scale)}
            fill="none"
            stroke={token('color.chart.neutral')}
            strokeWidth="1.5"
            strokeDasharray="4 3"
          />
          <path d={linePath(points, scale)} fill="none" stroke={token('color.chart.brand')} strokeWidth="2" />
          {hoverBands(points, scale, BOX.left, BOX.width - BOX.right).map((band, i) => (
            <rect
              key={points[i]?.day}
              data-day={points[i]?.day}
              x={band.x0}
              y={top}
              width={Math.max(band.x1 - band.x0, 0)}
              height={bottom - top}
              fill="transparent"
              onMouseEnter={() => setActive(i)}
            />
          ))}
          {points.map((p, i) => (
            <circle
              key={p.day}
              cx={scale.x(p.day)}
              cy={scale.y(p.progress)}
              r={i === active ? 4 : 2.5}
              fill={token(i === active ? 'color.chart.brand.hovered' : 'color.chart.brand')}
              stroke={token('elevation.surface.raised')}
              strokeWidth={i === active ? 1.5 : 0}
              pointerEvents="none"
            />
          ))}
        </svg>
        {shown !== null ? (
          <div
            aria-hidden="true"
            data-testid="trend-tooltip"
            style={{
              position: 'absolute',
              left: `${(scale.x(shown.day) / BOX.width) * 100}%`,
              top: 0,
              transform: `translateX(${scale.x(shown.day) > BOX.width / 2 ? '-100%' : '0'})`,
              padding: `${token('space.025')} ${token('space.075')}`,
              font: token('font.body.small'),
              color: token('color.text.inverse'),
              background: token('color.background.neutral.bold'),
              borderRadius: token('radius.small'),
              whiteSpace: 'nowrap',
              pointerEvents: 'none',
            }}
          >
            {pointText(shown, now)}
          </div>
        ) : null}
      </div>
      <div role="status" style={VISUALLY_HIDDEN}>
        {focused && shown !== null ? pointText(shown, now) : ''}
      </div>
      <table style={VISUALLY_HIDDEN}>
        <caption>{label}: progress and an even pace by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Progress</th>
            <th scope="col">Even pace</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.day}>
              <th scope="row">{shortDate(p.day, now)}</th>
              <td>{percent(p.progress)}</td>
              <td>{percent(p.pace)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption style={{ ...small, display: 'flex', flexWrap: 'wrap', gap: token('space.150') }}>
        <span>
          <Swatch dashed={false} /> Progress
        </span>
        <span>
          <Swatch dashed /> Even pace
        </span>
        <span>
          {shortDate(period.start, now)} – {shortDate(period.end, now)}
        </span>
      </figcaption>
    </figure>
  );
}

function Swatch({ dashed }: { dashed: boolean }) {
  return (
    <svg width="16" height="6" aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <line
        x1="0"
        x2="16"
        y1="3"
        y2="3"
        stroke={token(dashed ? 'color.chart.neutral' : 'color.chart.brand')}
        strokeWidth="2"
        strokeDasharray={dashed ? '4 3' : undefined}
      />
    </svg>
  );
}
