import { token } from '@atlaskit/tokens';
import type { RollupStatus } from '@contract/rollup';
import { percent, wholePercent } from '../percent';
import { VISUALLY_HIDDEN } from '../visually-hidden';

export { percent };

/** The bar's colour says the status, as the lozenge beside it does (design tokens: dark mode follows). */
const FILL: Partial<Record<RollupStatus, string>> = {
  'on-track': token('color.background.success.bold'),
  'at-risk': token('color.background.warning.bold'),
  'off-track': token('color.background.danger.bold'),
  done: token('color.background.success.bold'),
};
/** Every other status (stale, cancelled, no measure, not started…) is neutral. */
const NEUTRAL = token('color.background.neutral.bold');

/** Where progress would be at an even pace, in words (the tooltip and screen readers). */
export function paceWords(progress: number, expected: number | null | undefined): string {
  return expected === null || expected === undefined
    ? `${percent(progress)} done`
    : `${percent(progress)} done; an even pace would be at ${percent(expected)}`;
}

/**
 * Progress as a bar with its figure, and a mark on the bar where an even pace would be (the
 * rollup's `expected`). With a `status` the bar takes the status's colour; without one it is
 * the brand's (green when complete). "No data" is not 0: a null progress says so in words.
 * `inNamedRow`: inside a row whose accessible name is read from its content (a tree item), where
 * a progress bar would be heard as its raw value: the bar is hidden from assistive technology and
 * the figure beside it is heard, with the pace ("25% against an even pace of 40%").
 */
export function ProgressMeter({
  progress,
  expected,
  label,
  status,
  inNamedRow = false,
}: {
  progress: number | null;
  expected?: number | null;
  label: string;
  status?: RollupStatus;
  inNamedRow?: boolean;
}) {
  if (progress === null) {
    return <span style={{ color: token('color.text.subtlest') }}>No data yet</span>;
  }
  const fill =
    status === undefined
      ? progress >= 1
        ? token('color.background.success.bold')
        : token('color.background.brand.bold')
      : (FILL[status] ?? NEUTRAL);
  const pace = expected === null || expected === undefined ? null : Math.min(1, Math.max(0, expected));
  const shown = Math.min(1, Math.max(0, progress));
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: token('space.100'),
        minWidth: inNamedRow ? 0 : 160,
        width: inNamedRow ? '100%' : undefined,
      }}
      title={paceWords(progress, expected)}
    >
      <span
        style={{ flex: '1 1 100px', minWidth: inNamedRow ? 32 : 80, position: 'relative', height: 6 }}
        data-pace={pace === null ? undefined : percent(pace)}
        {...(inNamedRow
          ? { 'aria-hidden': true }
          : {
              role: 'progressbar',
              'aria-label': `${label}: ${percent(progress)}`,
              'aria-valuemin': 0,
              'aria-valuemax': 100,
              'aria-valuenow': wholePercent(progress),
              'aria-valuetext': paceWords(progress, expected),
            })}
      >
        <span
          style={{
            position: 'absolute',
            inset: 0,
            borderRadius: token('radius.small'),
            background: token('color.background.neutral'),
            overflow: 'hidden',
          }}
        >
          <span style={{ display: 'block', height: '100%', width: `${shown * 100}%`, background: fill }} />
        </span>
        {pace === null ? null : (
          <span
            data-pace-marker
            style={{
              position: 'absolute',
              top: -3,
              bottom: -3,
              left: `calc(${pace * 100}% - 1px)`,
              width: 2,
              borderRadius: 1,
              background: token('color.icon'),
            }}
          />
        )}
      </span>
      <span
        style={{
          font: token('font.body.small'),
          color: token('color.text.subtle'),
          minWidth: 32,
          textAlign: 'right',
          flex: 'none',
        }}
      >
        {percent(progress)}
        {inNamedRow && pace !== null ? (
          <span style={VISUALLY_HIDDEN}> against an even pace of {percent(pace)}</span>
        ) : null}
      </span>
    </span>
  );
}
