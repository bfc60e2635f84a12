/**
 * Which objectives use a level or belong to a workgroup, read from the `objective` entity in the
 * layout of entities.yml (the record key is the objective key, e.g. `O-12`; `data.levelId` as in
 * the Objective contract). Only these two fields are assumed, so the objective store can evolve.
 *
 * - by workgroup: one query of the `by-workgroup` index;
 * - by level: there is no level index, so every period's objectives are read (`by-period`);
 *   levels are removed rarely, by admins, and this costs one query page per 20 objectives.
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { STORAGE_LIMITS } from './storage-limits';
import type { ObjectiveUsage, SettingsStore } from '../../ports';

const OBJECTIVE_ENTITY = 'objective';
const WithLevel = z.looseObject({ data: z.looseObject({ levelId: z.string() }) });

async function keysInPartition(
  indexName: string,
  partition: string,
  keep: (value: unknown) => boolean,
): Promise<string[]> {
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
    for (const item of page.results) if (keep(item.value)) keys.push(item.key);
    cursor = page.nextCursor;
  } while (cursor !== undefined && cursor !== '');
  return keys;
}

export class ForgeObjectiveUsage implements ObjectiveUsage {
  constructor(private readonly settings: SettingsStore) {}

  async objectivesUsingLevel(levelId: string): Promise<string[]> {
    const { periods } = await this.settings.get();
    const atLevel = (value: unknown) => {
      const parsed = WithLevel.safeParse(value);
      return parsed.success && parsed.data.data.levelId === levelId;
    };
    const keys: string[] = [];
    for (const period of periods) keys.push(...(await keysInPartition('by-period', period.id, atLevel)));
    return keys;
  }

  objectivesOfWorkgroup(workgroupId: string): Promise<string[]> {
    return keysInPartition('by-workgroup', workgroupId, () => true);
  }
}
