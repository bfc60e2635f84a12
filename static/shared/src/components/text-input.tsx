/**
 * Text inputs in Jira's look, drawn with design tokens on native elements: @atlaskit/textfield
 * and @atlaskit/textarea cost about 2.5 KB gzipped that the project page's budget does not have.
 * Render <InputStyles /> once on the page for the hover, focus and invalid states.
 */
import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { token } from '@atlaskit/tokens';

export const INPUT_CSS = `
.tether-input { box-sizing: border-box; width: 100%; font: ${token('font.body')}; color: ${token('color.text')};
  background: ${token('color.background.input')}; border: ${token('border.width')} solid ${token('color.border.input')};
  border-radius: ${token('radius.small')}; padding: ${token('space.075')} ${token('space.100')}; min-height: 36px; }
.tether-input::placeholder { color: ${token('color.text.subtlest')}; }
.tether-input:hover { background: ${token('color.background.input.hovered')}; }
.tether-input:focus { outline: none; background: ${token('color.background.input.pressed')}; border-color: ${token('color.border.focused')}; box-shadow: inset 0 0 0 1px ${token('color.border.focused')}; }
.tether-input[aria-invalid="true"] { border-color: ${token('color.border.danger')}; }
.tether-input[aria-invalid="true"]:focus { box-shadow: inset 0 0 0 1px ${token('color.border.danger')}; }
textarea.tether-input { resize: vertical; line-height: 20px; }
`;

export function InputStyles() {
  return <style>{INPUT_CSS}</style>;
}

export function TextInput({ invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return <input type="text" {...props} className="tether-input" aria-invalid={invalid || undefined} />;
}

export function TextArea({ invalid, rows = 2, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return <textarea rows={rows} {...props} className="tether-input" aria-invalid={invalid || undefined} />;
}
