/** The app settings (src/forge/store/settings-store.ts). */
import type { Settings } from '../contract/api';

/** Where the settings record lives (src/forge/store/settings-store.ts on Forge storage). */
export interface SettingsStore {
  /** The stored settings, or the defaults at version 0 when nothing is stored yet. */
  get(): Promise<Settings>;
  /**
   * Writes the settings if the stored version is still `expectedVersion` (0: nothing stored) and
   * returns them with their new version; throws VersionConflict otherwise.
   */
  save(settings: Settings, expectedVersion: number): Promise<Settings>;
}
