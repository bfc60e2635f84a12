import ProgressBar from '@atlaskit/progress-bar';
import { token } from '@atlaskit/tokens';

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * Progress as a bar with its figure, and where an even pace would be. "No data" is not 0: a
 * null progress says so in words. `inNamedRow`: inside a row whose accessible name is read from its
 * content (a tree item), where the bar would be heard as its raw value ("0.25"): the bar is hidden
 * from assistive technology and the figure beside it ("25%") is what is heard.
 */
export function ProgressMeter({
  progress,
  expected,
  label,
  inNamedRow = false,
}: {
  progress: number | null;
  expected?: number | null;
  label: string;
  inNamedRow?: boolean;
}) {
  if (progress === null) {
    return <span style={{ color: token('color.text.subtlest') }}>No data yet</span>;
  }
  const title =
    expected === null || expected === undefined
      ? `${percent(progress)} done`
      : `${percent(progress)} done; an even pace would be at ${percent(expected)}`;
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.100'), minWidth: 160 }}
      title={title}
    >
      <span style={{ flex: '1 1 100px', minWidth: 80 }} aria-hidden={inNamedRow || undefined}>
        <ProgressBar
          value={progress}
          ariaLabel={`${label}: ${percent(progress)}`}
          appearance={progress >= 1 ? 'success' : 'default'}
        />
      </span>
      <span
        style={{ font: token('font.body.small'), color: token('color.text.subtle'), minWidth: 36, textAlign: 'right' }}
      >
        {percent(progress)}
      </span>
    </span>
  );
}
