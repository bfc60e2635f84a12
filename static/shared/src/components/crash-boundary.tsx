import { Component, type ErrorInfo, type ReactNode } from 'react';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';

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
      <SectionMessage appearance="error" title="Something went wrong on this page" actions={[<SectionMessageAction key="reload" onClick={() => window.location.reload()}>Reload</SectionMessageAction>]}>
        <p>{this.state.error.message}</p>
      </SectionMessage>
    );
  }
}
