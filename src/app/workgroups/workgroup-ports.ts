import type { Clock, JiraDirectory, Logger } from '../../ports';
import type { ObjectiveUsage } from '../objective-usage';
import type { FeedbackPorts } from '../prompts/refresh-feedback';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../workgroup-store';

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
