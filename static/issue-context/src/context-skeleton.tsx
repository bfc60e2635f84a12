import { token } from '@atlaskit/tokens';

/** The context area's height while it loads (one objective's line), so the issue view does not jump. */
const SKELETON_HEIGHT = 96;

function Bar({ width, height = 12 }: { width: string; height?: number }) {
  return (
    <span
      style={{
        display: 'block',
        width,
        height,
        borderRadius: token('radius.small'),
        background: token('color.skeleton'),
      }}
    />
  );
}

export function ContextSkeleton() {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Loading what this issue serves"
      style={{ height: SKELETON_HEIGHT, display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <Bar width="40%" />
      <Bar width="80%" height={16} />
      <Bar width="100%" height={6} />
      <Bar width="60%" />
    </div>
  );
}
