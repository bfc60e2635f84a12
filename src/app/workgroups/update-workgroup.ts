import { WorkgroupRecord, type WorkgroupsUpdatePayload } from '../../contract/api';
import { notFound, validationFailure } from '../app-failure';
import { requireVersion } from '../version-check';
import { References } from '../references/reference-check';
import { nameProblems, workgroupReferences } from './workgroup-checks';
import type { WorkgroupPorts } from './workgroup-ports';

/**
 * workgroups/update: changes the fields given, from the version the caller read. The projects'
 * lists change in the same transaction, so a project page never shows a half-made change.
 */
export async function updateWorkgroup(
  ports: WorkgroupPorts,
  payload: WorkgroupsUpdatePayload,
): Promise<WorkgroupRecord> {
  await ports.permissions.requireSiteAdmin('change workgroups');
  const current = await ports.workgroups.get(payload.id);
  if (current === null) throw notFound(`There is no workgroup with id "${payload.id}"`);
  requireVersion(`the workgroup "${current.name}"`, current.version, payload.version);

  const next = WorkgroupRecord.parse({
    ...current,
    name: payload.name ?? current.name,
    kind: payload.kind ?? current.kind,
    leads: payload.leads ?? current.leads,
    members: payload.members ?? current.members,
    projects: payload.projects ?? current.projects,
    updatedAt: ports.clock.now(),
  });
  const renamed = next.name.toLowerCase() !== current.name.toLowerCase();
  const problems = [
    ...(renamed ? await nameProblems(ports.workgroups, next.name, current.id) : []),
    // projects, leads and members it did not have must be Jira's
    ...(await workgroupReferences(new References(), next, '', current).check(ports)),
  ];
  if (problems.length > 0) throw validationFailure('The workgroup was not changed', problems);
  return ports.workgroups.update(next, current);
}
