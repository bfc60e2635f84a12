/**
 * The story-points fields found on this site (GET /rest/api/3/field, by name), remembered in a
 * plain Forge key for an hour, so that an issue event does not ask Jira for every field of the site
 * again (about 23 of the 25 Jira points an event cost when the settings name no field: a bulk change
 * of 5,000 issues spent the app's hourly budget; docs/benchmarks.md, "Settle"). Written with a KVS
 * TTL; the reader checks the time as well. A field renamed in Jira is found again within the hour;
 * naming the field in the settings skips the look-up altogether.
 */
import { z } from 'zod';
import { kvs } from './kvs';
import { KeyValueStore } from './key-value-store';

const KEY = 'jira:story-points-fields';
export const STORY_POINTS_MEMO_TTL_MS = 60 * 60_000;

const Remembered = z.object({ at: z.number().int().nonnegative(), ids: z.array(z.string().max(255)).max(20) });

export interface StoryPointsMemo {
  /** The field ids found less than an hour ago, or null. */
  get(): Promise<readonly string[] | null>;
  put(ids: readonly string[]): Promise<void>;
}

export function forgeStoryPointsMemo(now: () => number = Date.now): StoryPointsMemo {
  const keys = new KeyValueStore();
  return {
    async get() {
      const remembered = await keys.get(KEY, Remembered);
      return remembered !== null && now() - remembered.at < STORY_POINTS_MEMO_TTL_MS ? remembered.ids : null;
    },
    async put(ids) {
      await kvs.set(
        KEY,
        { at: now(), ids: [...ids] },
        { ttl: { value: STORY_POINTS_MEMO_TTL_MS / 1000, unit: 'SECONDS' } },
      );
    },
  };
}
