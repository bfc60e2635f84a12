import { WorkgroupRecord, type WorkgroupsCreatePayload } from '../../contract/api';
import { AppFailure, validationFailure } from '../app-failure';
import { firstFreeIdAsync, slugOf } from '../slug';
import { References } from '../references/reference-check';
import { nameProblems, workgroupReferences } from './workgroup-checks';
import type { WorkgroupPorts } from './workgroup-ports';

/** workgroups/create: a new workgroup with an id made from its name ("Platform Squad" -> `platform-squad`). */
export async function createWorkgroup(
  ports: WorkgroupPorts,
  payload: WorkgroupsCreatePayload,
): Promise<WorkgroupRecord> {
  await ports.permissions.requireSiteAdmin('create workgroups');
  const problems = [
    ...(await nameProblems(ports.workgroups, payload.name, null)),
    // the projects, leads and members must be Jira's (asked as the reference check does for imports)
    ...(await workgroupReferences(new References(), payload, '', null).check(ports)),
  ];
  if (problems.length > 0) throw validationFailure('The workgroup was not created', problems);

  const id = await firstFreeIdAsync(
    slugOf(payload.name, 'workgroup'),
    async (candidate) => (await ports.workgroups.get(candidate)) !== null,
  );
  if (id === null)
    throw new AppFailure(
      'CONFLICT',
      `Too many workgroups have ids like "${slugOf(payload.name, 'workgroup')}"; choose another name`,
    );
  const now = ports.clock.now();
  const record = WorkgroupRecord.parse({ ...payload, id, version: 0, createdAt: now, updatedAt: now });
  return ports.workgroups.create(record);
}
