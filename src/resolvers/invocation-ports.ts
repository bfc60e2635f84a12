/**
 * The ports one resolver invocation uses, built fresh for each call so that nothing (users,
 * permission answers) leaks from one invocation into another.
 */
import type { ObjectiveUsage } from '../app/objective-usage';
import { Permissions, type PermissionsJira } from '../app/permissions';
import type { SettingsStore } from '../app/settings-store';
import type { WorkgroupStore } from '../app/workgroup-store';
import { createJiraClient } from '../forge/jira';
import { ForgeObjectiveUsage } from '../forge/store/objective-usage';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';
import type { Clock } from '../ports';

export interface InvocationPorts {
  settings: SettingsStore;
  workgroups: WorkgroupStore;
  permissions: Permissions;
  objectives: ObjectiveUsage;
  clock: Clock;
}

/** Replacements for tests (or for adapters that land later); Forge's adapters by default. */
export interface PortOverrides {
  jira?: () => PermissionsJira;
  objectives?: (settings: SettingsStore) => ObjectiveUsage;
  clock?: Clock;
}

const systemClock: Clock = { now: () => Date.now() };

export function portsFor(accountId: string | null, overrides: PortOverrides = {}): InvocationPorts {
  const settings = new ForgeSettingsStore();
  return {
    settings,
    workgroups: new ForgeWorkgroupStore(),
    permissions: new Permissions(overrides.jira?.() ?? createJiraClient(), accountId),
    objectives: overrides.objectives?.(settings) ?? new ForgeObjectiveUsage(settings),
    clock: overrides.clock ?? systemClock,
  };
}
