/**
 * Small form pieces of the admin page: a labelled control with the server's message for its field
 * (VALIDATION details are matched by path), a native input (selects are the shared NativeSelect)
 * and a switch in Jira's look, and a section heading. Light on purpose: no @atlaskit/form or @atlaskit/select.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { token } from '@atlaskit/tokens';
import type { AppError } from '@contract/errors';
import { controlProps, isInvalid, nativeControlStyle, type ControlProps } from '@shared/components/field';

/** The server's message for a field: a detail at `path` or below it (`levels.1` matches `levels.1.name`). */
export function messageAt(error: AppError | null, path: string): string | undefined {
  const details = error?.details ?? [];
  return details.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message;
}

/**
 * A label, its control and the server's message for it (or a hint). The control is rendered by
 * `children` from the `ControlProps` it is handed (id, `aria-describedby` naming the message shown,
 * `aria-invalid` when in error): spread them onto it.
 */
export function FieldRow({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const { control, errorId, hintId } = controlProps(id, error, hint);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050'), minWidth: 0 }}>
      <label
        htmlFor={id}
        style={{
          font: token('font.body.small'),
          fontWeight: token('font.weight.semibold'),
          color: token('color.text.subtle'),
        }}
      >
        {label}
      </label>
      {children(control)}
      {error !== undefined ? (
        <span id={errorId} role="alert" style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
          {error}
        </span>
      ) : hint !== undefined ? (
        <span id={hintId} style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A period select's options: each period by name, a closed one marked so. */
export function PeriodOptions({ periods }: { periods: readonly { id: string; name: string; state: string }[] }) {
  return periods.map((p) => (
    <option key={p.id} value={p.id}>
      {p.name}
      {p.state === 'closed' ? ' (closed)' : ''}
    </option>
  ));
}

/** A native input; invalid by `invalid` or by the `aria-invalid` a FieldRow hands it. */
export function Input({ invalid, style, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  const bad = isInvalid(invalid, props['aria-invalid']);
  return <input {...props} aria-invalid={bad || undefined} style={{ ...nativeControlStyle(bad), ...style }} />;
}

/** An on/off switch: a checkbox with role switch, labelled by its text. */
export function Switch({
  id,
  label,
  checked,
  disabled,
  onChange,
  description,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  description?: string;
}) {
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: token('space.100') }}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        style={{
          width: 18,
          height: 18,
          margin: `${token('space.025')} 0 0`,
          accentColor: token('color.background.selected.bold'),
        }}
      />
      <label htmlFor={id} style={{ display: 'flex', flexDirection: 'column' }}>
        <span style={{ font: token('font.body'), color: token('color.text') }}>{label}</span>
        {description ? (
          <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>{description}</span>
        ) : null}
      </label>
    </div>
  );
}

export function SectionTitle({ children, description }: { children: ReactNode; description?: ReactNode }) {
  return (
    <div style={{ margin: `${token('space.300')} 0 ${token('space.150')}` }}>
      <h2 style={{ font: token('font.heading.small'), color: token('color.text'), margin: 0 }}>{children}</h2>
      {description ? (
        <p style={{ margin: `${token('space.050')} 0 0`, color: token('color.text.subtle'), font: token('font.body') }}>
          {description}
        </p>
      ) : null}
    </div>
  );
}

/** A row of buttons, right after a form. */
export function Actions({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: token('space.100'),
        marginTop: token('space.200'),
        alignItems: 'center',
      }}
    >
      {children}
    </div>
  );
}

export const cellStyle = {
  padding: `${token('space.075')} ${token('space.100')}`,
  borderBottom: `${token('border.width')} solid ${token('color.border')}`,
  textAlign: 'left' as const,
  verticalAlign: 'middle' as const,
};
const headStyle = {
  ...cellStyle,
  font: token('font.body.small'),
  fontWeight: token('font.weight.semibold'),
  color: token('color.text.subtle'),
};

/** A table's head row: a heading per column, then (with `actions`) a column for row actions, named for screen readers only. */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} style={headStyle}>
            {c}
          </th>
        ))}
        {actions ? (
          <th style={headStyle}>
            <Hidden>Actions</Hidden>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

/** Text for screen readers only (names an icon-like action: "Edit Web Squad"). */
export function Hidden({ children }: { children: ReactNode }) {
  return (
    <span
      style={{
        position: 'absolute',
        width: 1,
        height: 1,
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </span>
  );
}
