/**
 * The steps every change of the settings record shares: check the caller is a site admin, read
 * the settings at the version the caller read (CONFLICT otherwise), write them back guarded by
 * that version, and show them without internals.
 */
import type { Settings, SettingsView } from '../../contract/api';
import type { Permissions } from '../permissions';
import { requireVersion } from '../version-check';
import type { Clock, SettingsStore } from '../../ports';

export interface SettingsPorts {
  settings: SettingsStore;
  permissions: Permissions;
  clock: Clock;
}

export interface SettingsChange {
  accountId: string;
  current: Settings;
  /** Writes `next` (stamped with who and when) guarded by the version that was read. */
  save(next: Settings): Promise<Settings>;
}

/** Permission first, then the read; `doing` completes "Only Jira administrators can …". */
export async function beginSettingsChange(
  ports: SettingsPorts,
  doing: string,
  readVersion: number,
): Promise<SettingsChange> {
  const accountId = await ports.permissions.requireSiteAdmin(doing);
  const current = await ports.settings.get();
  requireVersion('the settings record', current.version, readVersion);
  return {
    accountId,
    current,
    save: (next) => ports.settings.save({ ...next, updatedAt: ports.clock.now(), updatedBy: accountId }, readVersion),
  };
}

export function settingsView(settings: Settings): SettingsView {
  const { nextObjectiveNumber: _internal, ...view } = settings;
  return view;
}
