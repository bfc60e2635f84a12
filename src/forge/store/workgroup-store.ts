/**
 * Workgroups on Forge storage: the `workgroup` entity (index `by-name` on the lower-cased name),
 * and two kinds of record read by key, never by query, because Forge's queries are eventually
 * consistent and a query may miss a workgroup written a moment ago (docs/forge-fidelity.md,
 * "What the app does about query lag"):
 *
 * - **the directory** (`workgroup-directory` in the `settings` entity): every workgroup's id and
 *   projects. Lists read it and then the workgroups by key (one batch per 25), so a workgroup
 *   appears in every list the moment it is created and leaves it the moment it is deleted;
 * - **a name claim** per lower-cased name (`workgroup-name:<sha-256>`, also in `settings`),
 *   written with "must not exist" in the same transaction as the workgroup: two workgroups can
 *   never take the same name, however close together they are created.
 *
 * A workgroup, its claim and the directory change in one transaction guarded by their versions.
 * Losing a race on the directory alone (another admin changed another workgroup) is retried from
 * a fresh read; losing it on the workgroup or the name is the caller's VersionConflict.
 *
 * Data written before the directory existed: a missing directory is built once from the
 * `by-name` index (such data is long past the query lag) and kept, and a name is also looked up in
 * that index, checked against the record read by key.
 */
import { createHash } from 'node:crypto';
import { WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { byWorkgroupName, WorkgroupRecord } from '../../contract/api';
import { VersionConflict } from '../../app/app-failure';
import { retryOnConflict } from '../../app/retry-on-conflict';
import { STORAGE_LIMITS } from './storage-limits';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { StoreTransaction } from './store-transaction';
import { emptyWorkgroupUsage, objectiveUsageEntity, usageKey } from './objective-store';
import type { WorkgroupStore } from '../../ports';

export const workgroupEntity: EntitySpec<WorkgroupRecord> = {
  name: 'workgroup',
  describe: (key) => `the workgroup "${key}"`,
  schema: WorkgroupRecord,
  key: (w) => w.id,
  attributes: (w) => ({ name: w.name.toLowerCase() }),
  indexes: { 'by-name': { partition: [], range: 'name' } },
};

export const WORKGROUP_DIRECTORY_KEY = 'workgroup-directory';
export const WorkgroupDirectory = z.object({
  /** Every workgroup's id and the projects it works in. */
  workgroups: z.record(z.string(), z.array(z.string())),
  version: z.number().int().nonnegative().default(0),
});
export type WorkgroupDirectory = z.infer<typeof WorkgroupDirectory>;

const DIRECTORY_WHAT = 'the list of workgroups';
export const workgroupDirectoryEntity: EntitySpec<WorkgroupDirectory> = {
  name: 'settings',
  describe: () => DIRECTORY_WHAT,
  schema: WorkgroupDirectory,
  key: () => WORKGROUP_DIRECTORY_KEY,
  attributes: () => ({}),
  indexes: {},
};

export const WorkgroupNameClaim = z.object({
  /** The name as it was claimed, lower-cased. */
  name: z.string(),
  workgroupId: z.string(),
  version: z.number().int().nonnegative().default(0),
});
export type WorkgroupNameClaim = z.infer<typeof WorkgroupNameClaim>;

/** The claim's key: a hash, because a name may hold characters a storage key may not. */
export function workgroupNameKey(name: string): string {
  return `workgroup-name:${createHash('sha256').update(name.toLowerCase()).digest('hex')}`;
}

export const workgroupNameEntity: EntitySpec<WorkgroupNameClaim> = {
  name: 'settings',
  describe: () => 'the workgroup name',
  schema: WorkgroupNameClaim,
  key: (claim) => workgroupNameKey(claim.name),
  attributes: () => ({}),
  indexes: {},
};

/** A directory conflict is retried: another admin changed another workgroup in the meantime. */
const DIRECTORY_ATTEMPTS = 10;

/** Carries a conflict that is the caller's (not the directory's) past the retry loop. */
class CallersConflict extends Error {
  constructor(readonly conflict: VersionConflict) {
    super(conflict.message);
  }
}

const byName = byWorkgroupName;

export class ForgeWorkgroupStore implements WorkgroupStore {
  private readonly repository = new EntityRepository(workgroupEntity);
  private readonly directories = new EntityRepository(workgroupDirectoryEntity);
  private readonly names = new EntityRepository(workgroupNameEntity);
  private readonly usage = new EntityRepository(objectiveUsageEntity);

  get(id: string): Promise<WorkgroupRecord | null> {
    return this.repository.get(id);
  }

  getMany(ids: readonly string[]): Promise<Map<string, WorkgroupRecord>> {
    return ids.length === 0 ? Promise.resolve(new Map()) : this.repository.getMany(ids);
  }

  async list(): Promise<WorkgroupRecord[]> {
    const directory = await this.directory();
    // one batch per 25 workgroups, all sent together: the same reads in one wave, not one after another
    const ids = Object.keys(directory.workgroups);
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += STORAGE_LIMITS.batchMaxItems)
      batches.push(ids.slice(i, i + STORAGE_LIMITS.batchMaxItems));
    const parts = await Promise.all(batches.map((batch) => this.getMany(batch)));
    return parts.flatMap((part) => [...part.values()]).sort(byName);
  }

  async listByProject(projectKey: string): Promise<WorkgroupRecord[]> {
    const found = await this.getMany(await this.idsByProject(projectKey));
    return [...found.values()].filter((w) => w.projects.includes(projectKey)).sort(byName);
  }

  async idsByProject(projectKey: string): Promise<string[]> {
    const directory = await this.directory();
    return Object.entries(directory.workgroups)
      .filter(([, projects]) => projects.includes(projectKey))
      .map(([id]) => id);
  }

  async findByName(name: string): Promise<WorkgroupRecord[]> {
    const lower = name.toLowerCase();
    const [claim, indexed] = await Promise.all([
      this.names.get(workgroupNameKey(lower)),
      // workgroups stored before names were claimed
      this.repository.query('by-name', { range: WhereConditions.equalTo(lower) }),
    ]);
    const ids = new Set(indexed.map((w) => w.id));
    if (claim !== null) ids.add(claim.workgroupId);
    // read by key: the index may still show a name that was changed a moment ago
    const found = await this.getMany([...ids]);
    return [...found.values()].filter((w) => w.name.toLowerCase() === lower).sort(byName);
  }

  create(workgroup: WorkgroupRecord): Promise<WorkgroupRecord> {
    return this.withDirectory(async (directory) => {
      // with its usage record and an empty roster, complete: the project page reads its objectives by key
      await new StoreTransaction()
        .put(this.repository, workgroup, 0)
        .put(this.names, { name: workgroup.name.toLowerCase(), workgroupId: workgroup.id, version: 0 }, 0)
        .put(this.directories, withEntry(directory, workgroup.id, workgroup.projects), directory.version)
        .put(this.usage, emptyWorkgroupUsage(workgroup.id), 0)
        .execute();
      return this.repository.withVersion(workgroup, 1);
    });
  }

  update(next: WorkgroupRecord, current: WorkgroupRecord): Promise<WorkgroupRecord> {
    const renamed = next.name.toLowerCase() !== current.name.toLowerCase();
    const moved = !sameProjects(next.projects, current.projects);
    return this.withDirectory(async (directory) => {
      const tx = new StoreTransaction().put(this.repository, next, current.version);
      if (renamed)
        tx.put(this.names, { name: next.name.toLowerCase(), workgroupId: next.id, version: 0 }, 0).remove(
          this.names,
          workgroupNameKey(current.name),
        );
      // a directory without the workgroup (it was built before) gains it too
      if (moved || directory.workgroups[next.id] === undefined)
        tx.put(this.directories, withEntry(directory, next.id, next.projects), directory.version);
      await tx.execute();
      return this.repository.withVersion(next, current.version + 1);
    });
  }

  delete(current: WorkgroupRecord): Promise<void> {
    return this.withDirectory(async (directory) => {
      // its usage record goes too (a workgroup is removed only when no objective belongs to it)
      const tx = new StoreTransaction()
        .remove(this.repository, current.id, current.version)
        .remove(this.names, workgroupNameKey(current.name))
        .remove(this.usage, usageKey('workgroup', current.id));
      if (directory.workgroups[current.id] !== undefined)
        tx.put(this.directories, withoutEntry(directory, current.id), directory.version);
      await tx.execute();
    });
  }

  /** The directory; built from the `by-name` index when it was never written (data from before it). */
  private async directory(): Promise<WorkgroupDirectory> {
    const stored = await this.directories.get(WORKGROUP_DIRECTORY_KEY);
    if (stored !== null) return stored;
    const all = await this.repository.query('by-name');
    const built = { workgroups: Object.fromEntries(all.map((w) => [w.id, [...w.projects]])), version: 0 };
    if (all.length === 0) return built;
    // kept, so that this query is made once: whoever loses the race to write it has the same list
    try {
      return await this.directories.put(built, 0);
    } catch (error) {
      if (error instanceof VersionConflict) return built;
      throw error;
    }
  }

  /** Runs `change` on a fresh directory until it wins its race on the directory; other conflicts are thrown. */
  private async withDirectory<T>(change: (directory: WorkgroupDirectory) => Promise<T>): Promise<T> {
    try {
      return await retryOnConflict(
        async () => {
          const directory = await this.directory();
          try {
            return await change(directory);
          } catch (error) {
            if (error instanceof VersionConflict && error.what !== DIRECTORY_WHAT) throw new CallersConflict(error);
            throw error;
          }
        },
        { attempts: DIRECTORY_ATTEMPTS },
      );
    } catch (error) {
      throw error instanceof CallersConflict ? error.conflict : error;
    }
  }
}

function withEntry(directory: WorkgroupDirectory, id: string, projects: readonly string[]): WorkgroupDirectory {
  return { ...directory, workgroups: { ...directory.workgroups, [id]: [...projects] } };
}

function withoutEntry(directory: WorkgroupDirectory, id: string): WorkgroupDirectory {
  const workgroups = { ...directory.workgroups };
  delete workgroups[id];
  return { ...directory, workgroups };
}

function sameProjects(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}
