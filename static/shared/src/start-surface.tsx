/**
 * Mounts a surface: Jira's CSS reset and design tokens (light and dark, following the user's
 * Jira theme), the bridge host, and an error boundary so a crash shows a message instead of a
 * blank frame.
 */
import '@atlaskit/css-reset';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';
import { bridgeHost } from './bridge-host';
import { SurfaceRoot } from './surface-root';

export async function startSurface(app: () => ReactNode): Promise<void> {
  const element = document.getElementById('root');
  if (element === null) throw new Error('index.html needs <div id="root">');
  const root = createRoot(element);
  try {
    // Theming must not block the app: a host without it still shows the surface in light mode. The
    // theme and the context are asked together (two bridge round trips at once, not one after the other).
    const [, host] = await Promise.all([view.theme.enable().catch(() => undefined), bridgeHost()]);
    root.render(
      <StrictMode>
        <SurfaceRoot host={host}>{app()}</SurfaceRoot>
      </StrictMode>,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    root.render(<p role="alert">Tether could not start here: {message}. Reload the page.</p>);
  }
}
