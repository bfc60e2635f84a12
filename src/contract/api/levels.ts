import { z } from 'zod';
import { RecordId } from '../common';
import { Level } from '../levels';
import { endpoint, ReadVersion, refineUnique } from './endpoint';
import { SettingsView } from './settings';

/** A level in the new list: an existing one keeps its id; a new one has none (the server makes it). */
export const LevelDraft = z.strictObject({ id: RecordId.optional(), name: Level.shape.name });
export type LevelDraft = z.infer<typeof LevelDraft>;

/**
 * The whole ordered list of levels after the change, top first: rename, reorder, add (no id) and
 * remove (leave out) in one request. A level still used by objectives cannot be removed.
 */
export const LevelsUpdatePayload = z.strictObject({
  version: ReadVersion,
  levels: z
    .array(LevelDraft)
    .min(1, 'there is at least one level')
    .max(10, 'there are at most 10 levels')
    .superRefine((levels, ctx) => {
      const withIds = levels.flatMap((l, i) => (l.id === undefined ? [] : [{ id: l.id, i }]));
      refineUnique(
        withIds,
        (l) => l.id,
        ctx,
        (l) => `level id "${l.id}"`,
        (i) => [withIds[i]?.i ?? i, 'id'],
      );
      refineUnique(
        levels,
        (l) => l.name.toLowerCase(),
        ctx,
        (l) => `level name "${l.name}"`,
        (i) => [i, 'name'],
      );
    }),
});
export type LevelsUpdatePayload = z.infer<typeof LevelsUpdatePayload>;

export const levelEndpoints = {
  'levels/update': endpoint(LevelsUpdatePayload, SettingsView),
};
