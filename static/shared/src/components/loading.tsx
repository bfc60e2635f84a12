import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';

/** A spinner with words, in a block of fixed height so the page does not jump when data arrives. */
export function Loading({ label, height = 160 }: { label: string; height?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        minHeight: height,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        gap: token('space.100'),
        color: token('color.text.subtle'),
      }}
    >
      <Spinner size="medium" label={label} />
      <span>{label}</span>
    </div>
  );
}
