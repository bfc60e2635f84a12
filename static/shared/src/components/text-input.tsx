/**
 * Atlaskit's text field and text area behind the props of native ones (`invalid` or `aria-invalid`
 * for the error state, `rows` for the text area's starting height), so forms read like plain HTML.
 */
import Textfield from '@atlaskit/textfield';
import AtlaskitTextArea from '@atlaskit/textarea';
import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { isInvalid } from './field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'disabled' | 'width' | 'style'> & {
  invalid?: boolean;
  width?: number;
};

export function TextInput({ invalid, width, 'aria-invalid': ariaInvalid, ...props }: InputProps) {
  return (
    <Textfield {...props} {...(width === undefined ? {} : { width })} isInvalid={isInvalid(invalid, ariaInvalid)} />
  );
}

interface AreaProps {
  id: string;
  value: string;
  onChange: TextareaHTMLAttributes<HTMLTextAreaElement>['onChange'];
  invalid?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  rows?: number;
  placeholder?: string;
}

export function TextArea({ invalid, 'aria-invalid': ariaInvalid, rows = 2, ...props }: AreaProps) {
  const bad = isInvalid(invalid, ariaInvalid);
  // Atlaskit's text area marks itself invalid with data-invalid only: aria-invalid tells assistive technology too (its text field does so itself)
  return <AtlaskitTextArea {...props} minimumRows={rows} isInvalid={bad} aria-invalid={bad || undefined} />;
}
