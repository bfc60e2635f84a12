/**
 * Atlaskit's text field and text area behind the props of native ones (`invalid` for the error
 * state, `rows` for the text area's starting height), so forms read like plain HTML.
 */
import Textfield from '@atlaskit/textfield';
import AtlaskitTextArea from '@atlaskit/textarea';
import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'disabled' | 'width' | 'style'> & { invalid?: boolean; width?: number };

export function TextInput({ invalid, width, ...props }: InputProps) {
  return <Textfield {...props} {...(width === undefined ? {} : { width })} isInvalid={invalid === true} />;
}

interface AreaProps {
  id: string;
  value: string;
  onChange: TextareaHTMLAttributes<HTMLTextAreaElement>['onChange'];
  invalid?: boolean;
  rows?: number;
  placeholder?: string;
}

export function TextArea({ invalid, rows = 2, ...props }: AreaProps) {
  // Atlaskit's text area marks itself invalid with data-invalid only: aria-invalid tells assistive technology too (its text field does so itself)
  return <AtlaskitTextArea {...props} minimumRows={rows} isInvalid={invalid === true} aria-invalid={invalid === true || undefined} />;
}
