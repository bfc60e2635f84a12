/**
 * Ports for use-case tests: Tether's Forge stores and Jira adapter (through the local host, so
 * they must be used inside an invocation, see asPersona), a fixed clock, and an in-test list of
 * objectives standing in for the objective store.
 */
import { Permissions } from '../../src/app/permissions';
import { createJiraClient, createJiraDirectory } from '../../src/forge/jira';
import { logFor } from '../../src/forge/log';
import { ForgeObjectiveStore } from '../../src/forge/store/objective-store';
import { forgePromptStores } from '../../src/forge/store/prompt-records';
import { ForgeSettingsStore } from '../../src/forge/store/settings-store';
import { ForgeWorkgroupStore } from '../../src/forge/store/workgroup-store';
import { ACCOUNT, type Persona } from './app-host';
import type { ObjectiveUsage } from '../../src/ports';

export const NOW = Date.parse('2026-10-05T09:00:00Z');
const fixedClock = { now: () => NOW };

/** Objectives as the admin use cases see them: key, level and workgroup. */
export interface ObjectiveRow {
  key: string;
  levelId: string;
  workgroupId: string | null;
}

export function objectivesFrom(rows: readonly ObjectiveRow[]): ObjectiveUsage {
  return {
    objectivesUsingLevel: (levelId) => Promise.resolve(rows.filter((r) => r.levelId === levelId).map((r) => r.key)),
    objectivesOfWorkgroup: (workgroupId) =>
      Promise.resolve(rows.filter((r) => r.workgroupId === workgroupId).map((r) => r.key)),
  };
}

export function appPorts(persona: Persona | null, objectives: readonly ObjectiveRow[] = []) {
  return {
    settings: new ForgeSettingsStore(),
    workgroups: new ForgeWorkgroupStore(),
    permissions: new Permissions(createJiraClient(), persona === null ? null : ACCOUNT[persona]),
    objectives: objectivesFrom(objectives),
    clock: fixedClock,
    prompting: forgePromptStores(),
    objectiveStore: new ForgeObjectiveStore(),
    log: logFor('test'),
    directory: createJiraDirectory(),
  };
}
