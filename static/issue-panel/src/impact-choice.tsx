import { token } from '@atlaskit/tokens';
import type { Impact } from '@contract/prompts';

export const IMPACT_TEXT: Record<Impact, string> = {
  'did-not-help': 'Did not help',
  partly: 'Partly',
  fully: 'Fully',
  'more-than-expected': 'More than expected',
};

const IMPACTS: Impact[] = ['did-not-help', 'partly', 'fully', 'more-than-expected'];

/** The outcome-review rating as a radio group (arrow keys move between the choices). */
export function ImpactChoice({
  name,
  legend,
  value,
  onChange,
  error,
  disabled,
}: {
  name: string;
  legend: string;
  value: Impact | null;
  onChange(impact: Impact): void;
  error: string | null;
  disabled: boolean;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={error === null ? undefined : errorId} style={{ border: 'none', margin: 0, padding: 0 }}>
      <legend
        style={{
          padding: 0,
          marginBottom: token('space.075'),
          font: token('font.body'),
          fontWeight: token('font.weight.semibold'),
          color: token('color.text'),
        }}
      >
        {legend}
      </legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: `${token('space.050')} ${token('space.200')}` }}>
        {IMPACTS.map((impact) => (
          <label
            key={impact}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: token('space.075'),
              cursor: disabled ? 'not-allowed' : 'pointer',
              color: token('color.text'),
            }}
          >
            <input
              type="radio"
              name={name}
              value={impact}
              checked={value === impact}
              disabled={disabled}
              onChange={() => onChange(impact)}
              style={{ accentColor: token('color.background.selected.bold'), margin: 0 }}
            />
            {IMPACT_TEXT[impact]}
          </label>
        ))}
      </div>
      {error === null ? null : (
        <p
          id={errorId}
          style={{
            margin: `${token('space.050')} 0 0`,
            font: token('font.body.small'),
            color: token('color.text.danger'),
          }}
        >
          {error}
        </p>
      )}
    </fieldset>
  );
}
