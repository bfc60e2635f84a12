/**
 * The settings every admin tab edits (levels, periods, policies): loaded once, replaced by what
 * each successful write answers (so the next write names the new version), reloaded on demand
 * (after a CONFLICT). The newer of the two wins, by version.
 */
import { useCallback, useState } from 'react';
import type { SettingsView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useResource } from '@shared/use-resource';

export interface SettingsState {
  settings: SettingsView;
  /** Keeps what a write answered. */
  replace(next: SettingsView): void;
  reload(): void;
  refreshing: boolean;
}

type SettingsLoad =
  { state: 'loading' } | { state: 'error'; error: AppError; reload: () => void } | ({ state: 'ready' } & SettingsState);

export function useSettings(): SettingsLoad {
  const resource = useResource('settings/get', {});
  const [written, setWritten] = useState<SettingsView | null>(null);
  const replace = useCallback((next: SettingsView) => setWritten(next), []);
  const loaded = resource.data;
  if (loaded === null)
    return resource.state === 'error'
      ? { state: 'error', error: resource.error, reload: resource.reload }
      : { state: 'loading' };
  const settings = written !== null && written.version > loaded.version ? written : loaded;
  return { state: 'ready', settings, replace, reload: resource.reload, refreshing: resource.refreshing };
}
