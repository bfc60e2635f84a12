/** The line under an inbox about the prompts the weekly cap holds back (words from waiting-text.ts). */
import { token } from '@atlaskit/tokens';
import type { WaitingText } from '../waiting-text';

export function WaitingNote({ text }: { text: WaitingText }) {
  return (
    <p style={{ margin: 0, font: token('font.body.small'), color: token('color.text.subtle') }}>
      {text.summary} <span style={{ color: token('color.text.subtlest') }}>{text.reason}</span>
    </p>
  );
}
