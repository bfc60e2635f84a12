import type { ObjectiveRollup } from '../../contract';
import { changedRecords, climb, settle, startUpward } from '../../domain/rollup/upward';
import type { StoredRollup } from './stored-records';
import type { RollupSettings, RollupStore } from '../../ports';

export { recordFor } from '../../domain/rollup/objective-record';

/**
 * Recomputes the given rollups (already changed in memory by the caller), then walks up to the
 * objectives they feed, level by level, as long as a progress changes (src/domain/rollup/upward.ts):
 * each read of the next level is one batch. Returns every rollup to save and the records that changed.
 */
export async function recomputeUpward(
  store: Pick<RollupStore, 'getRollups'>,
  changed: ReadonlyMap<string, StoredRollup>,
  settings: RollupSettings,
  now: number,
): Promise<{ saved: StoredRollup[]; changed: ObjectiveRollup[] }> {
  const walk = startUpward<StoredRollup>(settings, now);
  let level = [...changed.values()];
  while (level.length > 0) {
    const wanted = settle(walk, level);
    if (walk.pending.size === 0) break;
    level = climb(walk, wanted.length === 0 ? new Map() : await store.getRollups(wanted));
  }
  return { saved: [...walk.saved.values()], changed: changedRecords(walk) };
}
