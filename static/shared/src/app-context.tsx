/**
 * What every surface gets from its host: the typed client, the Forge context (who is looking,
 * at which project or issue) and the ways to talk back to Jira (flags, opening a Jira page).
 * Production wires these to @forge/bridge (bridge-host.ts); tests pass doubles.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './client';
import type { JiraRequest } from './jira';

export interface SurfaceContext {
  accountId: string;
  /** The project of a project page or issue panel. */
  projectKey: string | null;
  /** The issue of an issue panel. */
  issueKey: string | null;
  locale: string;
  /** Jira's base URL, for links that open Jira pages (issue, issue search). */
  siteUrl: string;
}

export interface FlagMessage {
  title: string;
  description?: string;
  type: 'success' | 'info' | 'warning' | 'error';
}

export interface Host {
  client: ApiClient;
  context: SurfaceContext;
  /** Shows a Jira flag (toast). */
  flag(message: FlagMessage): void;
  /** Opens a Jira location (an issue, an issue search) in the product, not in the frame. */
  open(path: string): void;
  /** Jira's REST API as the user (users, issue search); absent where a host offers none. */
  jira?: JiraRequest;
}

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (host === null) throw new Error('useHost needs a HostProvider above it');
  return host;
}
