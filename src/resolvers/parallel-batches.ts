/**
 * Batch reads of more than one batch, sent together. The store adapters read a long list of keys
 * batch after batch (25 keys each, Forge's limit); a read view waits for every batch, so each
 * one after the first adds a storage round trip to its critical path. These wrappers cut the list
 * into the same batches, send them at once and merge the answers: the same requests, the same
 * read units, one wave instead of several (docs/benchmarks.md, `page.kvs.waves`).
 */
import { STORAGE_LIMITS } from '../forge/store/storage-limits';
import type { FeedbackStore, ObjectiveStore, PromptStores, RollupStore } from '../ports';

/** The keys cut as the adapters cut them: duplicates dropped, in order, `size` at a time. */
export function batchesOf<K>(keys: readonly K[], size: number = STORAGE_LIMITS.batchMaxItems): K[][] {
  const unique = [...new Set(keys)];
  const batches: K[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}

/** Reads `keys` with `read`, one batch per call, all calls at once; one call when they fit in one batch. */
export async function inParallelBatches<K, V>(
  keys: readonly K[],
  read: (batch: readonly K[]) => Promise<Map<K, V>>,
): Promise<Map<K, V>> {
  const batches = batchesOf(keys);
  if (batches.length <= 1) return read(keys);
  const found = new Map<K, V>();
  for (const part of await Promise.all(batches.map(read))) for (const [k, v] of part) found.set(k, v);
  return found;
}

export function rollupsInParallel(store: RollupStore): RollupStore {
  return { ...store, getRollups: (ids) => inParallelBatches(ids, (batch) => store.getRollups(batch)) };
}

/** The objective store with `getMany` in parallel batches (every other method as it was). */
export function objectivesInParallel<S extends ObjectiveStore>(store: S): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'getMany')
        return (keys: readonly string[]) => inParallelBatches(keys, (batch) => target.getMany(batch));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The feedback store with `read` in parallel batches: the objectives' keys then the workgroups',
 * cut into batches as the adapter cuts them, each batch read on its own.
 */
export function feedbackInParallel(store: FeedbackStore): FeedbackStore {
  return {
    objectives: (ids) => store.objectives(ids),
    putObjective: (id, value) => store.putObjective(id, value),
    workgroups: (ids) => store.workgroups(ids),
    putWorkgroup: (id, value) => store.putWorkgroup(id, value),
    async read(objectiveIds, workgroupIds) {
      const keys = [...objectiveIds.map((id) => `o:${id}`), ...workgroupIds.map((id) => `w:${id}`)];
      const batches = batchesOf(keys);
      if (batches.length <= 1) return store.read(objectiveIds, workgroupIds);
      const parts = await Promise.all(
        batches.map((batch) =>
          store.read(
            batch.filter((k) => k.startsWith('o:')).map((k) => k.slice(2)),
            batch.filter((k) => k.startsWith('w:')).map((k) => k.slice(2)),
          ),
        ),
      );
      return {
        objectives: new Map(parts.flatMap((p) => [...p.objectives])),
        workgroups: new Map(parts.flatMap((p) => [...p.workgroups])),
      };
    },
  };
}

export function promptStoresInParallel(stores: PromptStores): PromptStores {
  return { ...stores, feedback: feedbackInParallel(stores.feedback) };
}
