/**
 * Atlaskit's lozenge, progress bar and button, drawn from design tokens with plain elements: the
 * Atlaskit components bring @atlaskit/primitives, Emotion and analytics (about 20 KB gzipped),
 * more than this surface's budget leaves (docs/issue-context.md, "Budget").
 */
import type { ButtonHTMLAttributes } from 'react';
import { token } from '@atlaskit/tokens';
import type { RollupStatus } from '@contract/rollup';
import { STATUS_TEXT } from '@shared/status-text';

const LOZENGE: Record<RollupStatus, { background: string; color: string }> = {
  'on-track': { background: token('color.background.success'), color: token('color.text.success') },
  done: { background: token('color.background.success.bold'), color: token('color.text.inverse') },
  'at-risk': { background: token('color.background.warning'), color: token('color.text.warning') },
  'off-track': { background: token('color.background.danger.bold'), color: token('color.text.inverse') },
  stale: { background: token('color.background.neutral'), color: token('color.text.subtle') },
  cancelled: { background: token('color.background.neutral'), color: token('color.text.subtle') },
  'no-measure': { background: token('color.background.discovery'), color: token('color.text.discovery') },
  'not-started': { background: token('color.background.neutral'), color: token('color.text.subtle') },
};

/** A rollup status as a lozenge (the words of the other surfaces' StatusLozenge). */
export function StatusPill({ status }: { status: RollupStatus }) {
  const look = LOZENGE[status];
  return (
    <span
      style={{
        flex: 'none',
        padding: `0 ${token('space.050')}`,
        borderRadius: token('radius.small'),
        background: look.background,
        color: look.color,
        font: token('font.body.small'),
        fontWeight: token('font.weight.bold'),
        textTransform: 'uppercase',
        whiteSpace: 'nowrap',
      }}
    >
      {STATUS_TEXT[status]}
    </span>
  );
}

/** Progress as a thin bar and its figure; "No data yet" when there is none. */
export function ProgressLine({ progress, label }: { progress: number | null; label: string }) {
  if (progress === null) return <span style={{ color: token('color.text.subtlest') }}>No data yet</span>;
  const pct = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <span style={{ display: 'flex', alignItems: 'center', gap: token('space.100') }}>
      <span
        role="progressbar"
        aria-label={`${label}: ${pct}%`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        style={{
          flex: '1 1 auto',
          height: 6,
          borderRadius: token('radius.small'),
          background: token('color.background.neutral'),
          overflow: 'hidden',
        }}
      >
        <span
          style={{
            display: 'block',
            width: `${pct}%`,
            height: '100%',
            background: pct >= 100 ? token('color.background.success.bold') : token('color.background.neutral.bold'),
          }}
        />
      </span>
      <span
        style={{ font: token('font.body.small'), color: token('color.text.subtle'), minWidth: 36, textAlign: 'right' }}
      >
        {pct}%
      </span>
    </span>
  );
}

/** A compact button in Atlaskit's look: primary (bold) or default (neutral). */
export function TokenButton({
  primary = false,
  style,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { primary?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      style={{
        border: 'none',
        borderRadius: token('radius.small'),
        padding: `${token('space.050')} ${token('space.150')}`,
        font: token('font.body'),
        fontWeight: token('font.weight.medium'),
        cursor: rest.disabled ? 'not-allowed' : 'pointer',
        background: primary ? token('color.background.brand.bold') : token('color.background.neutral'),
        color: primary ? token('color.text.inverse') : token('color.text'),
        opacity: rest.disabled ? 0.6 : 1,
        ...style,
      }}
    />
  );
}
