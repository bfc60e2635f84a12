import { token } from '@atlaskit/tokens';

/** The panel's height while it loads: so Jira's issue view does not jump when the data arrives. */
const SKELETON_HEIGHT = 176;

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
          <Bar width="70%" height={16} />
          <Bar width="100%" height={6} />
          <Bar width="45%" />
        </span>
      ))}
    </div>
  );
}
