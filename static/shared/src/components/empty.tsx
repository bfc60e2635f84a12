import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

/** An empty state that says what to do next. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div
      style={{
        padding: `${token('space.300')} ${token('space.200')}`,
        textAlign: 'center',
        color: token('color.text.subtle'),
      }}
    >
      <h3 style={{ font: token('font.heading.small'), color: token('color.text'), margin: 0 }}>{title}</h3>
      {children ? <div style={{ marginTop: token('space.100') }}>{children}</div> : null}
      {action ? <div style={{ marginTop: token('space.200') }}>{action}</div> : null}
    </div>
  );
}
