/**
 * A section message for surfaces on a tight budget: the look of Atlaskit's SectionMessage (tinted
 * block, status icon, heading, text, link-style actions) from design tokens and core icons only,
 * without the Button, Tooltip and Popper that @atlaskit/section-message brings (about 60 KB
 * gzipped with the theme chunks they load).
 */
import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';
import ErrorIcon from '@atlaskit/icon/core/status-error';
import InfoIcon from '@atlaskit/icon/core/status-information';
import SuccessIcon from '@atlaskit/icon/core/status-success';
import WarningIcon from '@atlaskit/icon/core/status-warning';

type NoticeAppearance = 'information' | 'warning' | 'error' | 'success';

export interface NoticeAction {
  label: string;
  onClick: () => void;
}

const LOOK = {
  information: {
    background: token('color.background.information'),
    Icon: InfoIcon,
    color: token('color.icon.information'),
  },
  warning: { background: token('color.background.warning'), Icon: WarningIcon, color: token('color.icon.warning') },
  error: { background: token('color.background.danger'), Icon: ErrorIcon, color: token('color.icon.danger') },
  success: { background: token('color.background.success'), Icon: SuccessIcon, color: token('color.icon.success') },
} as const;

const ICON_LABEL: Record<NoticeAppearance, string> = {
  information: 'Information',
  warning: 'Warning',
  error: 'Error',
  success: 'Success',
};

/** A button that looks like a link, for the actions under a notice. */
function LinkButton({ children, onClick, label }: { children: ReactNode; onClick: () => void; label?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      style={{
        background: 'none',
        border: 'none',
        padding: 0,
        margin: 0,
        font: 'inherit',
        color: token('color.link'),
        cursor: 'pointer',
        textDecoration: 'underline',
      }}
    >
      {children}
    </button>
  );
}

/**
 * `alert` announces it to screen readers as it appears (use it for the outcome of something the
 * user just did); without it the notice is a labelled region.
 */
export function Notice({
  appearance = 'information',
  title,
  children,
  actions = [],
  alert = false,
}: {
  appearance?: NoticeAppearance;
  title?: string;
  children?: ReactNode;
  actions?: NoticeAction[];
  alert?: boolean;
}) {
  const look = LOOK[appearance];
  return (
    <div
      role={alert ? 'alert' : 'region'}
      aria-label={title ?? ICON_LABEL[appearance]}
      style={{
        display: 'flex',
        gap: token('space.150'),
        padding: token('space.200'),
        borderRadius: token('radius.medium'),
        background: look.background,
        color: token('color.text'),
        font: token('font.body'),
      }}
    >
      <span style={{ flex: '0 0 auto', display: 'inline-flex', paddingTop: token('space.025') }}>
        <look.Icon label={ICON_LABEL[appearance]} color={look.color} />
      </span>
      <div style={{ minWidth: 0, display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
        {title === undefined ? null : <strong style={{ font: token('font.heading.xsmall') }}>{title}</strong>}
        {children === undefined || children === null ? null : <div>{children}</div>}
        {actions.length === 0 ? null : (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200') }}>
            {actions.map((a) => (
              <LinkButton key={a.label} onClick={a.onClick}>
                {a.label}
              </LinkButton>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
