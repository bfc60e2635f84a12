import type { Clock } from '../../ports';
import type { ObjectiveUsage } from '../objective-usage';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../workgroup-store';

export interface WorkgroupPorts {
  workgroups: WorkgroupStore;
  permissions: Permissions;
  clock: Clock;
}

export type WorkgroupDeletePorts = WorkgroupPorts & { objectives: Pick<ObjectiveUsage, 'objectivesOfWorkgroup'> };
