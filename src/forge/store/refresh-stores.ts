import { WhereConditions } from '@forge/kvs';
import { kvs } from './kvs';
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
 * Writes the day's snapshots, 25 to a transaction. A snapshot is the same whoever writes it for
 * that day, so a rerun overwrites without a version check. Transactions, not batch sets: Forge
 * allows 45 batch sets a minute per installation, and a 5,000-objective refresh is 200 of them;
 * a transaction counts only as its write units (docs/forge-fidelity.md).
 */
export async function saveSnapshots(list: readonly Snapshot[]): Promise<void> {
  for (let i = 0; i < list.length; i += STORAGE_LIMITS.transactionMaxOperations) {
    const tx = kvs.transact();
    for (const s of list.slice(i, i + STORAGE_LIMITS.transactionMaxOperations)) {
      const record = { ...s, version: 1 };
      tx.set(snapshotEntity.key(record), snapshots.encode(record, 1), { entityName: snapshotEntity.name });
    }
    await tx.execute();
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
