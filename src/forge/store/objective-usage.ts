/**
 * Which objectives use a level or belong to a workgroup: asked before an admin removes one, so it
 * must not miss an objective created or moved a moment ago. Forge's queries may (they lag writes),
 * so the answer joins two sources and checks both by key:
 *
 * - the usage records the objective store writes with every objective that joins or leaves a
 *   workgroup or level (src/forge/store/objective-store.ts): a count and the latest keys, read by
 *   key, so they are current;
 * - the indexes (`by-workgroup`; for a level, `by-period` of every period, as there is no level
 *   index), which hold objectives stored before usage records existed and name the older ones.
 *
 * Every key found is read back by key and kept only if the objective still is in the workgroup or
 * at the level (an index may still show where it was). Levels and workgroups are removed rarely, by
 * admins: a few round trips more are worth a refusal that never misses.
 */
import { kvs } from './kvs';
import { compareObjectiveKeys } from '../../contract';
import { ForgeObjectiveStore, usageKey, type ObjectiveUsageRecord } from './objective-store';
import { STORAGE_LIMITS } from './storage-limits';
import type { ObjectiveUsage, SettingsStore } from '../../ports';
import type { StoredObjective } from '../../app/objectives/stored-objective';

const OBJECTIVE_ENTITY = 'objective';

async function keysInPartition(indexName: string, partition: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .entity<unknown>(OBJECTIVE_ENTITY)
      .query()
      .index(indexName, { partition: [partition] })
      .limit(STORAGE_LIMITS.queryPageLimit);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const item of page.results) keys.push(item.key);
    cursor = page.nextCursor;
  } while (cursor !== undefined && cursor !== '');
  return keys;
}

export class ForgeObjectiveUsage implements ObjectiveUsage {
  private readonly objectives = new ForgeObjectiveStore();

  constructor(private readonly settings: SettingsStore) {}

  async objectivesUsingLevel(levelId: string): Promise<string[]> {
    const key = usageKey('level', levelId);
    const [{ periods }, usage] = await Promise.all([this.settings.get(), this.objectives.usageOf([key])]);
    const indexed = await Promise.all(periods.map((period) => keysInPartition('by-period', period.id)));
    return this.confirmed(indexed.flat(), usage.get(key), (o) => o.levelId === levelId);
  }

  async objectivesOfWorkgroup(workgroupId: string): Promise<string[]> {
    const key = usageKey('workgroup', workgroupId);
    const [indexed, usage] = await Promise.all([
      keysInPartition('by-workgroup', workgroupId),
      this.objectives.usageOf([key]),
    ]);
    return this.confirmed(indexed, usage.get(key), (o) => o.workgroupId === workgroupId);
  }

  /**
   * The keys, from the index and the usage record, of the objectives that are still there when read
   * by key. When the usage record counts more than that (an objective it does not name), the
   * answer names them as far as it can and says how many more there are.
   */
  private async confirmed(
    indexed: readonly string[],
    usage: ObjectiveUsageRecord | undefined,
    belongs: (o: StoredObjective) => boolean,
  ): Promise<string[]> {
    const candidates = [...new Set([...indexed, ...(usage?.latest ?? [])])];
    const found = await this.objectives.getMany(candidates);
    const keys = [...found.values()].filter(belongs).map((o) => o.key);
    keys.sort(compareObjectiveKeys);
    const unnamed = (usage?.count ?? 0) - keys.length;
    return unnamed > 0 ? [...keys, `${unnamed} more`] : keys;
  }
}
