/**
 * ChangeMarkReader on plain Forge keys, and the writes that keep the marks: `rollup-mark:{workgroup}`
 * (`rollup-mark:-` for objectives without a workgroup) → `{id, at}`. kvsRollupStore adds one
 * `set` per workgroup whose objectives' rollups it writes to the same transaction as those rollups
 * (a plain key, no condition: the last writer's mark stands, and any new mark differs from the one a
 * page saw). The project page's `project-page/changes` reads them; a mark is about 60 bytes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChangeMark, ChangeMarkReader } from '../../ports';
import { kvs } from './kvs';
import { checkKey, isKeyNotFound, STORAGE_LIMITS } from './storage-limits';
import type { StoreTransaction } from './store-transaction';

const Mark = z.object({ id: z.string().min(1), at: z.number().int().nonnegative() });

export function changeMarkKey(workgroupId: string | null): string {
  return `rollup-mark:${workgroupId ?? '-'}`;
}

/** Adds the marks of these workgroups to a transaction. */
export function markChanged(tx: StoreTransaction, workgroupIds: Iterable<string | null>, now = Date.now()): void {
  for (const w of new Set(workgroupIds)) tx.setKey(changeMarkKey(w), { id: randomUUID(), at: now });
}

export function forgeChangeMarks(): ChangeMarkReader {
  return {
    async read(workgroupIds) {
      const unique = [...new Set(workgroupIds)];
      const byKey = new Map(unique.map((w) => [changeMarkKey(w), w] as const));
      const keys = [...byKey.keys()];
      keys.forEach(checkKey);
      const found = new Map<string | null, ChangeMark>();
      for (let i = 0; i < keys.length; i += STORAGE_LIMITS.batchMaxItems) {
        const result = await kvs.batchGet<unknown>(
          keys.slice(i, i + STORAGE_LIMITS.batchMaxItems).map((key) => ({ key })),
        );
        const failed = result.failedKeys.filter((f) => !isKeyNotFound(f.error.code));
        if (failed.length > 0)
          throw new Error(`Reading change marks failed: ${failed[0]?.error.code} ${failed[0]?.error.message}`);
        for (const item of result.successfulKeys) {
          const mark = Mark.safeParse(item.value);
          // a mark that does not parse is as good as none: the next write replaces it
          if (mark.success && byKey.has(item.key)) found.set(byKey.get(item.key) as string | null, mark.data);
        }
      }
      return found;
    },
  };
}
