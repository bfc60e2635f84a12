/**
 * A labelled form control as Jira lays one out: the label above, the control, then the server's
 * message for this field (VALIDATION details are matched to fields by path) or a hint.
 */
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';

export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: token('space.100') }}>
      <Label htmlFor={id}>{label}</Label>
      <div>{children}</div>
      {error !== undefined ? <ErrorMessage>{error}</ErrorMessage> : hint !== undefined ? <HelperMessage>{hint}</HelperMessage> : null}
    </div>
  );
}

/** A native select in Jira's look: light (no react-select) and keyboard-accessible as it is. */
export function NativeSelect({ invalid, style, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select
      {...props}
      aria-invalid={invalid || undefined}
      style={{
        font: token('font.body'),
        color: token('color.text'),
        background: token('color.background.input'),
        border: `${token('border.width')} solid ${invalid ? token('color.border.danger') : token('color.border.input')}`,
        borderRadius: token('radius.small'),
        padding: `${token('space.050')} ${token('space.100')}`,
        minHeight: 36,
        maxWidth: '100%',
        ...style,
      }}
    />
  );
}
