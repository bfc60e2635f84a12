import type { SettingsView } from '../../contract/api';
import type { Permissions } from '../permissions';
import { settingsView } from './settings-change';
import type { SettingsStore } from '../../ports';

/**
 * settings/get: levels, periods and policies. Any signed-in user may read them: every page
 * needs the levels and periods to show objectives. Changing them is for site admins.
 */
export async function getSettings(ports: { settings: SettingsStore; permissions: Permissions }): Promise<SettingsView> {
  ports.permissions.requireUser();
  return settingsView(await ports.settings.get());
}
