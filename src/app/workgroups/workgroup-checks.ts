/**
 * Checks shared by creating and changing a workgroup. Each returns the problems with the path
 * of the payload field at fault, so that all of them are reported at once.
 */
import type { ErrorDetail } from '../../contract';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../workgroup-store';

/**
 * Projects must exist in Jira. The caller is a site admin, who may browse every project, so
 * "cannot browse" means "no such project". Only `added` projects are asked about.
 */
export async function projectProblems(permissions: Permissions, projects: readonly string[], added: (key: string) => boolean): Promise<ErrorDetail[]> {
  const answers = await Promise.all(projects.map(async (key, i) => ({ key, i, ok: !added(key) || (await permissions.canBrowseProject(key)) })));
  return answers.filter((a) => !a.ok).map((a) => ({ path: `projects.${a.i}`, message: `there is no Jira project ${a.key} (or you cannot see it)` }));
}

/** Workgroup names are unique, ignoring case. */
export async function nameProblems(store: WorkgroupStore, name: string, exceptId: string | null): Promise<ErrorDetail[]> {
  const same = (await store.findByName(name)).filter((w) => w.id !== exceptId);
  return same.length === 0 ? [] : [{ path: 'name', message: `there is already a workgroup named "${same[0]?.name ?? name}"` }];
}
