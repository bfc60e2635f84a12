import { token } from '@atlaskit/tokens';

/** One grey bar of a loading skeleton (the issue panel's and the issue context's). */
export function SkeletonBar({ width, height = 12 }: { width: string; height?: number }) {
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
