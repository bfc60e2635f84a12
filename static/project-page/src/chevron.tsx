/** The chevron of something that opens and closes (a tree row, the prompt inbox): pointing right when closed, down when open; null keeps its room empty. */
import { token } from '@atlaskit/tokens';

export function Chevron({ expanded }: { expanded: boolean | null }) {
  if (expanded === null) return <span style={{ display: 'inline-block', width: 16 }} />;
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      style={{ transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms', flex: 'none' }}
    >
      <path
        d="M6 4l4 4-4 4"
        fill="none"
        stroke={token('color.icon')}
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
