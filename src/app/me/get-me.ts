import type { Me } from '../../contract/api';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../../ports';

/** me/get: who the caller is, whether they administer Jira, which workgroups they lead or belong to. */
export async function getMe(ports: { workgroups: WorkgroupStore; permissions: Permissions }): Promise<Me> {
  const { permissions } = ports;
  const accountId = permissions.requireUser();
  const [isSiteAdmin, all] = await Promise.all([permissions.isSiteAdmin(), ports.workgroups.list()]);
  const ref = (w: { id: string; name: string }) => ({ id: w.id, name: w.name });
  return {
    accountId,
    isSiteAdmin,
    leads: all.filter((w) => permissions.isLeadOf(w)).map(ref),
    memberOf: all.filter((w) => !permissions.isLeadOf(w) && permissions.isMemberOf(w)).map(ref),
  };
}
