/**
 * The ports one resolver invocation uses, built fresh for each call so that nothing (users,
 * permission answers) leaks from one invocation into another.
 */
import { randomUUID } from 'node:crypto';
import type { ObjectivePorts } from '../app/objectives/objective-ports';
import { INLINE_STEP_LIMIT, type ImportJobPorts } from '../app/objectives-file/import-job';
import { Permissions, type PermissionsJira } from '../app/permissions';
import type { Settings } from '../contract/api';
import { createJiraClient, createJiraDirectory } from '../forge/jira';
import { logFor } from '../forge/log';
import { forgeImportJobQueue, forgePropertyQueue } from '../forge/queue/job-queue';
import { forgeChangeMarks } from '../forge/store/change-marks';
import { ForgeCheckInStore } from '../forge/store/check-in-store';
import { ForgeContributionStore } from '../forge/store/contribution-store';
import { forgeCursorSecret } from '../forge/store/cursor-secret';
import { ForgeGrantCache } from '../forge/store/grant-cache';
import { ForgeImportJobStore } from '../forge/store/import-job-store';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { ForgeObjectiveStore } from '../forge/store/objective-store';
import { ForgeObjectivesUploadStore } from '../forge/store/objectives-upload-store';
import { ForgeRecentImportJobs } from '../forge/store/recent-jobs-store';
import { ForgeObjectiveUsage } from '../forge/store/objective-usage';
import { refreshStorage, snapshotsOf } from '../forge/store/refresh-stores';
import { forgeReconcileProgress } from '../forge/store/reconcile-progress-store';
import { forgePromptStores } from '../forge/store/prompt-records';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';
import { objectivesInParallel, promptStoresInParallel, rollupsInParallel } from './parallel-batches';
import type {
  CheckInStore,
  ContributionStore,
  ObjectiveUsage,
  SnapshotReader,
  IdSource,
  ObjectiveStore,
  RollupStore,
  SettingsStore,
  WorkgroupStore,
  Clock,
  JiraDirectory,
  JiraPort,
  Logger,
  ObjectivesUploadStore,
  RefreshProgressReader,
  ReconcileProgressStore,
  ChangeMarkReader,
} from '../ports';

export interface InvocationPorts extends ObjectivePorts {
  settings: SettingsStore;
  workgroups: WorkgroupStore;
  permissions: Permissions;
  objectives: ObjectiveUsage;
  clock: Clock;
  objectiveStore: ObjectiveStore;
  contributions: ContributionStore;
  checkIns: CheckInStore;
  rollups: RollupStore;
  /** Daily snapshots, for objectives/history. */
  snapshots: SnapshotReader;
  /** Objectives-file imports too large for one invocation, and their queue. */
  importJobs: ImportJobPorts;
  /** Objectives files uploaded in parts, until they are applied or expire. */
  uploads: ObjectivesUploadStore;
  /** Where the daily refresh stands, for the list of background jobs. */
  refresh: RefreshProgressReader;
  /** Where the nightly reconciliation stands, for the list of background jobs. */
  reconcile: Pick<ReconcileProgressStore, 'get'>;
  /** The workgroups' change marks, for project-page/changes. */
  marks: ChangeMarkReader;
  log: Logger;
}

/** Replacements for tests (or for adapters that land later); Forge's adapters by default. */
export interface PortOverrides {
  jira?: () => PermissionsJira;
  /** Jira's accounts and fields (default: asked of Jira as the app). */
  directory?: () => JiraDirectory;
  objectives?: (settings: SettingsStore) => ObjectiveUsage;
  clock?: Clock;
  /** Imports of more steps than this become a job (default INLINE_STEP_LIMIT). */
  importInlineSteps?: number;
  /** The most bytes of steps in one stored chunk of an import job (default: import-job-store.ts). */
  importChunkBytes?: number;
}

const systemClock: Clock = { now: () => Date.now() };

const randomIds: IdSource = { newId: (prefix) => `${prefix}-${randomUUID()}` };

/**
 * The ports of one invocation: `accountId` is the invoking user (null for the app's own jobs),
 * `fn` names the invocation in the log (`resolver objectives/create`, `reconcile`).
 */
export function portsFor(accountId: string | null, fn: string, overrides: PortOverrides = {}): InvocationPorts {
  const settings = new ForgeSettingsStore();
  const clock = overrides.clock ?? systemClock;
  let appJira: { field: string | null; client: JiraPort } | null = null;
  return {
    settings,
    workgroups: new ForgeWorkgroupStore(),
    // BROWSE_PROJECTS grants are remembered for five minutes (src/app/grant-ttl.ts, src/ports/grants.ts)
    permissions: new Permissions(overrides.jira?.() ?? createJiraClient(), accountId, {
      cache: new ForgeGrantCache(),
      clock,
    }),
    objectives: overrides.objectives?.(settings) ?? new ForgeObjectiveUsage(settings),
    clock,
    // reads of several batches send them together (one storage wave): src/resolvers/parallel-batches.ts
    objectiveStore: objectivesInParallel(new ForgeObjectiveStore()),
    contributions: new ForgeContributionStore(),
    checkIns: new ForgeCheckInStore(),
    rollups: rollupsInParallel(kvsRollupStore()),
    snapshots: { ofObjective: snapshotsOf },
    importJobs: {
      store: new ForgeImportJobStore(overrides.importChunkBytes),
      queue: forgeImportJobQueue,
      recent: new ForgeRecentImportJobs(),
      inlineStepLimit: overrides.importInlineSteps ?? INLINE_STEP_LIMIT,
    },
    uploads: new ForgeObjectivesUploadStore(),
    refresh: refreshStorage().progress,
    reconcile: forgeReconcileProgress(),
    marks: forgeChangeMarks(),
    jiraFor(current: Settings): JiraPort {
      // one client per invocation (it caches the story-points field it looks up)
      if (appJira === null || appJira.field !== current.storyPointsField) {
        appJira = {
          field: current.storyPointsField,
          client: createJiraClient({ storyPointsFieldId: current.storyPointsField }),
        };
      }
      return appJira.client;
    },
    ids: randomIds,
    propertyQueue: forgePropertyQueue,
    prompting: promptStoresInParallel(forgePromptStores()),
    log: logFor(fn),
    directory: overrides.directory?.() ?? createJiraDirectory(),
    cursorSecret: forgeCursorSecret(),
  };
}
