import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { Snapshot } from '../../contract';
import type { DailyRefreshPorts, RefreshProgress } from '../../app/rollup/daily-refresh';
import { EntityRepository, type EntitySpec } from './entity-repository';
import { KeyValueStore } from './key-value-store';
import { rollups } from './rollup-entities';
import { STORAGE_LIMITS } from './storage-limits';

export const StoredSnapshot = Snapshot.extend({ version: z.number().int().nonnegative().default(0) });
export type StoredSnapshot = z.infer<typeof StoredSnapshot>;

/** One objective's figures on one day (entity `snapshot`). */
export const snapshotEntity: EntitySpec<StoredSnapshot> = {
  name: 'snapshot',
  describe: (key) => `the snapshot ${key}`,
  schema: StoredSnapshot,
  key: (s) => `${s.objectiveId}:${s.day}`,
  attributes: (s) => ({ objectiveId: s.objectiveId, day: s.day }),
  indexes: { 'by-objective': { partition: ['objectiveId'], range: 'day' } },
};

const snapshots = new EntityRepository(snapshotEntity);

/**
 * Writes the day's snapshots in batches. A snapshot is the same whoever writes it for that day, so
 * a rerun overwrites without a version check; a batch that partly fails is reported.
 */
export async function saveSnapshots(list: readonly Snapshot[]): Promise<void> {
  for (let i = 0; i < list.length; i += STORAGE_LIMITS.batchMaxItems) {
    const chunk = list.slice(i, i + STORAGE_LIMITS.batchMaxItems);
    const result = await kvs.batchSet(
      chunk.map((s) => ({
        key: snapshotEntity.key({ ...s, version: 1 }),
        value: snapshots.encode({ ...s, version: 1 }, 1),
        entityName: snapshotEntity.name,
      })),
    );
    if (result.failedKeys.length > 0)
      throw new Error(
        `could not write ${result.failedKeys.length} snapshot(s): ${result.failedKeys[0]?.error.message ?? ''}`,
      );
  }
}

/** The snapshots of one objective, oldest first, from `fromDay` on. */
export function snapshotsOf(objectiveId: string, fromDay: string): Promise<StoredSnapshot[]> {
  return snapshots.query('by-objective', {
    partition: [objectiveId],
    range: WhereConditions.greaterThanEqualTo(fromDay),
  });
}

const PROGRESS_KEY = 'job:daily-refresh';
const Progress = z.object({ day: z.string(), after: z.number().int().nonnegative(), finished: z.boolean() });

/** The storage side of the daily refresh. */
export function refreshStorage(): Pick<DailyRefreshPorts, 'rollupsAfter' | 'saveSnapshots' | 'progress'> {
  const keys = new KeyValueStore();
  return {
    rollupsAfter: (after, limit) => rollups().query('by-number', { range: WhereConditions.greaterThan(after), limit }),
    saveSnapshots,
    progress: {
      get: (): Promise<RefreshProgress | null> => keys.get(PROGRESS_KEY, Progress),
      put: (p) => keys.set(PROGRESS_KEY, p),
    },
  };
}
