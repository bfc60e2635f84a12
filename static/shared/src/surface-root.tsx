import type { ReactNode } from 'react';
import { HostProvider, type Host } from './app-context';
import { CrashBoundary } from './components/crash-boundary';

/** What every surface renders inside: its host, and a boundary that turns a crash into a message. */
export function SurfaceRoot({ host, children }: { host: Host; children: ReactNode }) {
  return (
    <HostProvider host={host}>
      <CrashBoundary>{children}</CrashBoundary>
    </HostProvider>
  );
}
