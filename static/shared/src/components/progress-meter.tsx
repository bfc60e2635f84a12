import ProgressBar from '@atlaskit/progress-bar';
import { token } from '@atlaskit/tokens';

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * Progress as a bar with its figure, and where an even pace would be. "No data" is not 0: a
 * null progress says so in words.
 */
export function ProgressMeter({ progress, expected, label }: { progress: number | null; expected?: number | null; label: string }) {
  if (progress === null) {
    return <span style={{ color: token('color.text.subtlest') }}>No data yet</span>;
  }
  const title = expected === null || expected === undefined ? `${percent(progress)} done` : `${percent(progress)} done; an even pace would be at ${percent(expected)}`;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.100'), minWidth: 160 }} title={title}>
      <span style={{ flex: '1 1 100px', minWidth: 80 }}>
        <ProgressBar value={progress} ariaLabel={`${label}: ${percent(progress)}`} appearance={progress >= 1 ? 'success' : 'default'} />
      </span>
      <span style={{ font: token('font.body.small'), color: token('color.text.subtle'), minWidth: 36, textAlign: 'right' }}>{percent(progress)}</span>
    </span>
  );
}
