import type { WorkgroupsDeletePayload } from '../../contract/api';
import { notFound, validationFailure } from '../app-failure';
import { expireForWorkgroup } from '../prompts/expire-prompts';
import { requireVersion } from '../version-check';
import type { WorkgroupDeletePorts } from './workgroup-ports';

/**
 * workgroups/delete: removes a workgroup read at `version`, refused while objectives belong to it.
 * Its alignment gaps not answered or dismissed yet expire (their subject is gone).
 */
export async function deleteWorkgroup(
  ports: WorkgroupDeletePorts,
  payload: WorkgroupsDeletePayload,
): Promise<{ id: string }> {
  await ports.permissions.requireSiteAdmin('delete workgroups');
  const current = await ports.workgroups.get(payload.id);
  if (current === null) throw notFound(`There is no workgroup with id "${payload.id}"`);
  requireVersion(`the workgroup "${current.name}"`, current.version, payload.version);
  const keys = await ports.objectives.objectivesOfWorkgroup(current.id);
  if (keys.length > 0) {
    throw validationFailure(`Workgroup "${current.name}" cannot be deleted while objectives belong to it`, [
      { path: 'id', message: `${keys.join(', ')} belong to workgroup "${current.name}"; move or delete them first` },
    ]);
  }
  await ports.workgroups.delete(current);
  try {
    await expireForWorkgroup(
      { stores: ports.prompting, objectiveStore: ports.objectiveStore },
      current.id,
      ports.clock.now(),
    );
  } catch (error) {
    ports.log.error('workgroup deleted, but its alignment gaps could not be expired', { workgroup: current.id }, error);
  }
  return { id: current.id };
}
