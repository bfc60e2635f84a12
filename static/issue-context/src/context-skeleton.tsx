import { token } from '@atlaskit/tokens';
import { SkeletonBar } from '@shared/components/skeleton-bar';

/** The context area's height while it loads (one objective's line), so the issue view does not jump. */
const SKELETON_HEIGHT = 96;

export function ContextSkeleton() {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Loading what this issue serves"
      style={{ height: SKELETON_HEIGHT, display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <SkeletonBar width="40%" />
      <SkeletonBar width="80%" height={16} />
      <SkeletonBar width="100%" height={6} />
      <SkeletonBar width="60%" />
    </div>
  );
}
