/**
 * Workgroups on Forge storage: the `workgroup` entity (index `by-name` on the lower-cased name)
 * and, per project, one plain key `project:{KEY}:{workgroupId}` for each workgroup working in it.
 * A workgroup and its project keys change in one transaction guarded by the workgroup's version.
 *
 * One key per (project, workgroup) rather than one list per project: plain keys cannot carry a
 * transaction condition, so two admins changing different workgroups of the same project would
 * overwrite each other's list; separate keys never collide. A project page reads them with one
 * prefix query (≤ 20 workgroups per page) and one batch get.
 */
import { WhereConditions } from '@forge/kvs';
import { RecordId } from '../../contract';
import { WorkgroupRecord } from '../../contract/api';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { KeyValueStore } from './key-value-store';
import { StoreTransaction } from './store-transaction';
import type { WorkgroupStore } from '../../ports';

export const workgroupEntity: EntitySpec<WorkgroupRecord> = {
  name: 'workgroup',
  describe: (key) => `the workgroup "${key}"`,
  schema: WorkgroupRecord,
  key: (w) => w.id,
  attributes: (w) => ({ name: w.name.toLowerCase() }),
  indexes: { 'by-name': { partition: [], range: 'name' } },
};

export function projectPrefix(projectKey: string): string {
  return `project:${projectKey}:`;
}

export function projectMembershipKey(projectKey: string, workgroupId: string): string {
  return `${projectPrefix(projectKey)}${workgroupId}`;
}

const byName = (a: WorkgroupRecord, b: WorkgroupRecord) =>
  a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id);

export class ForgeWorkgroupStore implements WorkgroupStore {
  private readonly repository = new EntityRepository(workgroupEntity);
  private readonly keys = new KeyValueStore();

  get(id: string): Promise<WorkgroupRecord | null> {
    return this.repository.get(id);
  }

  getMany(ids: readonly string[]): Promise<Map<string, WorkgroupRecord>> {
    return ids.length === 0 ? Promise.resolve(new Map()) : this.repository.getMany(ids);
  }

  list(): Promise<WorkgroupRecord[]> {
    return this.repository.query('by-name');
  }

  async listByProject(projectKey: string): Promise<WorkgroupRecord[]> {
    const entries = await this.keys.listByPrefix(projectPrefix(projectKey), RecordId);
    const found = await this.repository.getMany(entries.map((e) => e.value));
    return [...found.values()].filter((w) => w.projects.includes(projectKey)).sort(byName);
  }

  findByName(name: string): Promise<WorkgroupRecord[]> {
    return this.repository.query('by-name', { range: WhereConditions.equalTo(name.toLowerCase()) });
  }

  async create(workgroup: WorkgroupRecord): Promise<WorkgroupRecord> {
    const tx = new StoreTransaction().put(this.repository, workgroup, 0);
    for (const project of workgroup.projects) tx.setKey(projectMembershipKey(project, workgroup.id), workgroup.id);
    await tx.execute();
    return this.repository.withVersion(workgroup, 1);
  }

  async update(next: WorkgroupRecord, current: WorkgroupRecord): Promise<WorkgroupRecord> {
    const tx = new StoreTransaction().put(this.repository, next, current.version);
    for (const project of next.projects)
      if (!current.projects.includes(project)) tx.setKey(projectMembershipKey(project, next.id), next.id);
    for (const project of current.projects)
      if (!next.projects.includes(project)) tx.deleteKey(projectMembershipKey(project, current.id));
    await tx.execute();
    return this.repository.withVersion(next, current.version + 1);
  }

  async delete(current: WorkgroupRecord): Promise<void> {
    const tx = new StoreTransaction().remove(this.repository, current.id, current.version);
    for (const project of current.projects) tx.deleteKey(projectMembershipKey(project, current.id));
    await tx.execute();
  }
}
