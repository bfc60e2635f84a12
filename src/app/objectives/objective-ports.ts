import { retryOnConflict } from '../retry-on-conflict';
import type { Settings } from '../../contract/api';
import type { Permissions } from '../permissions';
import type { ReferencePorts } from '../references/reference-check';
import type { MaintenancePorts } from '../rollup/maintain-rollups';
import {
  type Clock,
  type IdSource,
  type JiraDirectory,
  type JiraPort,
  type Logger,
  type CheckInStore,
  type ContributionStore,
  type PropertyQueue,
  type PromptStores,
  type CursorSecret,
  type RollupStore,
  type SettingsStore,
  type WorkgroupStore,
  type ObjectiveStore,
} from '../../ports';

/** What the objective, key-result, check-in, contribution and view use cases need. */
export interface ObjectivePorts {
  settings: SettingsStore;
  workgroups: WorkgroupStore;
  permissions: Permissions;
  clock: Clock;
  objectiveStore: ObjectiveStore;
  contributions: ContributionStore;
  checkIns: CheckInStore;
  rollups: RollupStore;
  /** Jira as the app, for rollup maintenance and issue properties (story points read from the settings' field). */
  jiraFor(settings: Settings): JiraPort;
  ids: IdSource;
  /** Issue property writes left for the async queue (more than 50 below a linked issue). */
  propertyQueue: PropertyQueue;
  /** Prompts, their feedback rollups, the escalation watch and escalation decisions. */
  prompting: PromptStores;
  /** Follow-ups that fail after the change is stored are logged here, not answered. */
  log: Logger;
  /** Jira's accounts and fields, asked before an input naming them is stored (src/app/references). */
  directory: JiraDirectory;
  /** The key that seals list cursors (src/app/list-cursor.ts). */
  cursorSecret: CursorSecret;
}

/** What the reference check asks Jira with: the directory, Jira (as the app for issues, as the caller for JQL) and the caller's permissions. */
export function referencePortsFor(ports: ObjectivePorts, settings: Settings): ReferencePorts {
  return { directory: ports.directory, jira: ports.jiraFor(settings), permissions: ports.permissions };
}

/** The ports of the rollup maintenance use cases (src/app/rollup/maintain-rollups.ts), for one change. */
export function maintenanceFor(ports: ObjectivePorts, settings: Settings): MaintenancePorts {
  return {
    rollups: ports.rollups,
    jira: ports.jiraFor(settings),
    settings: { policy: settings.rollupPolicy, periods: settings.periods },
    now: ports.clock.now(),
  };
}

/** Tries of a rollup step that lost a race with another writer (an issue event, say) before giving up. */
export const ROLLUP_ATTEMPTS = 5;

/** Runs a rollup maintenance step again, on fresh records, when another writer got there first. */
export function withRollupRetry<T>(step: () => Promise<T>): Promise<T> {
  return retryOnConflict(step, { attempts: ROLLUP_ATTEMPTS });
}
