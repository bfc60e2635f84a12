import type { FeedbackPorts } from '../prompts/refresh-feedback';
import type { Permissions } from '../permissions';
import type { Clock, JiraDirectory, Logger, ObjectiveUsage, WorkgroupStore } from '../../ports';

export interface WorkgroupPorts {
  workgroups: WorkgroupStore;
  permissions: Permissions;
  clock: Clock;
  /** Leads and members must be Jira accounts (src/app/references). */
  directory: JiraDirectory;
}

/** Deleting a workgroup also expires its alignment gaps (prompting: the prompt stores). */
export type WorkgroupDeletePorts = WorkgroupPorts & {
  objectives: Pick<ObjectiveUsage, 'objectivesOfWorkgroup'>;
  prompting: FeedbackPorts['stores'];
  objectiveStore: FeedbackPorts['objectiveStore'];
  log: Logger;
};
