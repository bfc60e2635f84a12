/**
 * The settings record on Forge storage: one `settings` entity under the key `settings`. It is
 * an entity, not a plain key, because a write must be guarded by the version the admin read
 * (transaction conditions exist for entities only).
 */
import { Settings } from '../../contract/api';
import { EntityRepository, type EntitySpec } from './entity-repository';
import type { SettingsStore } from '../../ports';

export const SETTINGS_KEY = 'settings';

export const settingsEntity: EntitySpec<Settings> = {
  name: 'settings',
  describe: () => 'the settings record',
  schema: Settings,
  key: () => SETTINGS_KEY,
  attributes: () => ({}),
  indexes: {},
};

export class ForgeSettingsStore implements SettingsStore {
  private readonly repository = new EntityRepository(settingsEntity);

  async get(): Promise<Settings> {
    return (await this.repository.get(SETTINGS_KEY)) ?? Settings.parse({ version: 0 });
  }

  save(settings: Settings, expectedVersion: number): Promise<Settings> {
    return this.repository.put(settings, expectedVersion);
  }
}
