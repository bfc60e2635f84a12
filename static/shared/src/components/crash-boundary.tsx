import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Notice } from './notice';

interface State {
  error: Error | null;
}

/** Shows what broke, with a way back, instead of a blank frame. */
export class CrashBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Tether surface crashed', error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <Notice
        appearance="error"
        title="Something went wrong on this page"
        actions={[{ label: 'Reload', onClick: () => window.location.reload() }]}
      >
        <p style={{ margin: 0 }}>{this.state.error.message}</p>
      </Notice>
    );
  }
}
