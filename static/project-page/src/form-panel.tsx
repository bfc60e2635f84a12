/** The frame and the closing buttons every inline form on the project page shares. */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';

export const formPanelStyle = {
  marginTop: token('space.100'),
  padding: token('space.150'),
  background: token('color.background.neutral.subtle.hovered'),
  borderRadius: token('radius.medium'),
};

/** The form's submit button (`label`, disabled while it is sent) and Cancel. */
export function FormButtons({ label, disabled, onCancel }: { label: string; disabled: boolean; onCancel: () => void }) {
  return (
    <div style={{ display: 'flex', gap: token('space.100'), marginTop: token('space.150') }}>
      <Button type="submit" appearance="primary" isDisabled={disabled}>
        {label}
      </Button>
      <Button appearance="subtle" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
