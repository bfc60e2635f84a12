/**
 * A labelled form control as Jira lays one out: the label above, the control, then the server's
 * message for this field (VALIDATION details are matched to fields by path) or a hint.
 *
 * The field renders its control through `children`, handing it `ControlProps`: the id the label
 * points at, `aria-describedby` naming the message shown (error or hint), and `aria-invalid` when
 * in error. Spread them onto the control so assistive technology reads the message with it.
 */
import type { CSSProperties, ReactNode, SelectHTMLAttributes } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';

/** What a labelled field hands its control. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** The ids of a field's error and hint, and the props that tie its control to the one shown. */
export function controlProps(
  id: string,
  error: string | undefined,
  hint: string | undefined,
): { control: ControlProps; errorId: string; hintId: string } {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const control: ControlProps =
    error !== undefined
      ? { id, 'aria-describedby': errorId, 'aria-invalid': true }
      : hint !== undefined
        ? { id, 'aria-describedby': hintId }
        : { id };
  return { control, errorId, hintId };
}

/** A control marks itself invalid by `invalid` or by the `aria-invalid` a field hands it. */
export function isInvalid(invalid: boolean | undefined, ariaInvalid: unknown): boolean {
  return invalid === true || ariaInvalid === true || ariaInvalid === 'true';
}

export function Field({
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
    <div style={{ marginTop: token('space.100') }}>
      <Label htmlFor={id}>{label}</Label>
      <div>{children(control)}</div>
      {/* Atlaskit's messages take their ids from its own Field only: the wrappers carry ours */}
      {error !== undefined ? (
        <div id={errorId}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : hint !== undefined ? (
        <div id={hintId}>
          <HelperMessage>{hint}</HelperMessage>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A small label above its control, in a filter bar or a compact settings form (the project page's
 * and the organisation page's filters, the gadget's settings): a column of the label's text and the
 * control.
 */
export const SMALL_LABEL_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: token('space.050'),
  font: token('font.body.small'),
  color: token('color.text.subtle'),
  fontWeight: token('font.weight.semibold'),
};

/** The look of a native control in Jira's style (a select here, a plain input on the admin page). */
export function nativeControlStyle(invalid: boolean): CSSProperties {
  return {
    font: token('font.body'),
    color: token('color.text'),
    background: token('color.background.input'),
    border: `${token('border.width')} solid ${invalid ? token('color.border.danger') : token('color.border.input')}`,
    borderRadius: token('radius.small', '3px'),
    padding: `${token('space.050')} ${token('space.100')}`,
    minHeight: 36,
    maxWidth: '100%',
  };
}

/** A native select in Jira's look: light (no react-select) and keyboard-accessible as it is. */
export function NativeSelect({
  invalid,
  style,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  const bad = isInvalid(invalid, props['aria-invalid']);
  return <select {...props} aria-invalid={bad || undefined} style={{ ...nativeControlStyle(bad), ...style }} />;
}

/** A select's options for an enum's values, each shown by its text. */
export function EnumOptions<T extends string>({ values, text }: { values: readonly T[]; text: Record<T, string> }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {text[v]}
    </option>
  ));
}
