import { token } from '@atlaskit/tokens';
import { SkeletonBar } from '@shared/components/skeleton-bar';

/** The panel's height while it loads: so Jira's issue view does not jump when the data arrives. */
const SKELETON_HEIGHT = 176;

export function PanelSkeleton() {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Loading the objectives this issue serves"
      style={{
        height: SKELETON_HEIGHT,
        overflow: 'hidden',
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150'),
      }}
    >
      {[0, 1].map((i) => (
        <span
          key={i}
          style={{
            display: 'flex',
            flexDirection: 'column',
            gap: token('space.100'),
            padding: token('space.150'),
            border: `1px solid ${token('color.border')}`,
            borderRadius: token('radius.large'),
          }}
        >
          <SkeletonBar width="70%" height={16} />
          <SkeletonBar width="100%" height={6} />
          <SkeletonBar width="45%" />
        </span>
      ))}
    </div>
  );
}
