/**
 * project-page/changes: what an open project page polls (every few seconds while it is visible) to
 * know that its figures moved, so that it reloads its view only then. The rollup store sets a
 * change mark per workgroup with every rollup it writes, in the same transaction
 * (src/forge/store/change-marks.ts); this answers one mark made of those of the project's
 * workgroups and of the objectives without a workgroup (the organisation's, which the page shows
 * above them). It reads the remembered browse grant, the workgroup directory and one batch of
 * marks: no Jira call once the grant is remembered, no objective, nothing written.
 *
 * The mark says only that something changed, never what: whoever may browse the project may see
 * that its workgroups' figures moved, and the view they reload then applies every visibility rule.
 */
import { createHash } from 'node:crypto';
import type { ProjectPageChanges, ProjectPageChangesPayload } from '../../contract/api';
import type { ChangeMarkReader } from '../../ports';
import type { Permissions } from '../permissions';
import type { WorkgroupStore } from '../../ports';

export interface ProjectPageChangesPorts {
  permissions: Pick<Permissions, 'requireBrowseProject'>;
  workgroups: Pick<WorkgroupStore, 'idsByProject'>;
  marks: ChangeMarkReader;
}

export async function projectPageChanges(
  ports: ProjectPageChangesPorts,
  payload: ProjectPageChangesPayload,
): Promise<ProjectPageChanges> {
  const [, workgroupIds] = await Promise.all([
    ports.permissions.requireBrowseProject(payload.projectKey),
    ports.workgroups.idsByProject(payload.projectKey),
  ]);
  const ids = [...new Set<string | null>([...workgroupIds].sort()), null];
  const marks = await ports.marks.read(ids);
  const hash = createHash('sha256');
  let at: number | null = null;
  for (const id of ids) {
    const mark = marks.get(id);
    // the workgroups themselves are in it too: one joining or leaving the project changes the page
    hash.update(`${id ?? '-'}=${mark?.id ?? ''};`);
    if (mark !== undefined && (at === null || mark.at > at)) at = mark.at;
  }
  return { mark: hash.digest('base64url').slice(0, 22), at };
}
