/**
 * Checks shared by creating and changing a workgroup. Each returns the problems with the path
 * of the payload field at fault, so that all of them are reported at once.
 */
import type { ErrorDetail, Workgroup } from '../../contract';
import { References } from '../references/reference-check';
import type { WorkgroupStore } from '../../ports';

/**
 * What a workgroup names in Jira, at `prefix` (`''` for a payload, `workgroups.2` in a file):
 * its projects (the caller is a site admin, who may browse every project, so "cannot browse"
 * means "no such project") and its leads and members (Jira accounts). Only what `before` did
 * not have yet is asked about; the resolvers and imports both check workgroups this way.
 */
export function workgroupReferences(
  refs: References,
  w: Pick<Workgroup, 'projects' | 'leads' | 'members'>,
  prefix: string,
  before: Pick<Workgroup, 'projects' | 'leads' | 'members'> | null,
): References {
  const at = (path: string) => (prefix === '' ? path : `${prefix}.${path}`);
  const people = new Set([...(before?.leads ?? []), ...(before?.members ?? [])]);
  w.projects.forEach((key, i) => {
    if (!before?.projects.includes(key)) refs.project(key, at(`projects.${i}`));
  });
  w.leads.forEach((id, i) => {
    if (!people.has(id)) refs.account(id, at(`leads.${i}`));
  });
  w.members.forEach((id, i) => {
    if (!people.has(id)) refs.account(id, at(`members.${i}`));
  });
  return refs;
}

/** Workgroup names are unique, ignoring case. */
export async function nameProblems(
  store: WorkgroupStore,
  name: string,
  exceptId: string | null,
): Promise<ErrorDetail[]> {
  const same = (await store.findByName(name)).filter((w) => w.id !== exceptId);
  return same.length === 0
    ? []
    : [{ path: 'name', message: `there is already a workgroup named "${same[0]?.name ?? name}"` }];
}
