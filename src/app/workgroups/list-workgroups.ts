import type { WorkgroupList, WorkgroupsListPayload } from '../../contract/api';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../../ports';

/**
 * workgroups/list:
 * - with `projectKey`: the workgroups working in that project, for anyone who may browse it;
 * - without: every workgroup for a site admin; for anyone else, those they lead or belong to.
 */
export async function listWorkgroups(
  ports: { workgroups: WorkgroupStore; permissions: Permissions },
  payload: WorkgroupsListPayload,
): Promise<WorkgroupList> {
  const { permissions, workgroups } = ports;
  if (payload.projectKey !== undefined) {
    await permissions.requireBrowseProject(payload.projectKey);
    return { workgroups: await workgroups.listByProject(payload.projectKey) };
  }
  permissions.requireUser();
  const all = await workgroups.list();
  if (await permissions.isSiteAdmin()) return { workgroups: all };
  return { workgroups: all.filter((w) => permissions.isLeadOf(w) || permissions.isMemberOf(w)) };
}
