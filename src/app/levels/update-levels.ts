import { Levels, type ErrorDetail, type Level } from '../../contract';
import type { LevelsUpdatePayload, SettingsView } from '../../contract/api';
import { validationFailure } from '../app-failure';
import { beginSettingsChange, settingsView, type SettingsPorts } from '../settings/settings-change';
import { firstFreeId, slugOf } from '../slug';
import type { ObjectiveUsage } from '../../ports';

/**
 * levels/update: the new ordered list of levels, top first. Levels keep their ids through
 * renames and moves; new ones get an id made from their name; a level left out is removed,
 * which is refused (naming the objectives) while objectives still sit at it.
 */
export async function updateLevels(
  ports: SettingsPorts & { objectives: Pick<ObjectiveUsage, 'objectivesUsingLevel'> },
  payload: LevelsUpdatePayload,
): Promise<SettingsView> {
  const change = await beginSettingsChange(ports, 'change the levels', payload.version);
  const current = change.current.levels;
  const currentIds = new Set(current.map((l) => l.id));

  const unknown: ErrorDetail[] = payload.levels.flatMap((l, i) =>
    l.id !== undefined && !currentIds.has(l.id)
      ? [{ path: `levels.${i}.id`, message: `there is no level with id "${l.id}"; leave the id out to add a level` }]
      : [],
  );
  if (unknown.length > 0) throw validationFailure('The levels were not changed', unknown);

  const taken = new Set([...currentIds, ...payload.levels.flatMap((l) => (l.id === undefined ? [] : [l.id]))]);
  const next: Level[] = payload.levels.map((draft) => {
    if (draft.id !== undefined) return { id: draft.id, name: draft.name };
    const id = firstFreeId(slugOf(draft.name, 'level'), (candidate) => taken.has(candidate));
    taken.add(id);
    return { id, name: draft.name };
  });

  const kept = new Set(next.map((l) => l.id));
  const removed = current.filter((l) => !kept.has(l.id));
  const blocked: Array<{ level: Level; keys: string[] }> = [];
  for (const level of removed) {
    const keys = await ports.objectives.objectivesUsingLevel(level.id);
    if (keys.length > 0) blocked.push({ level, keys });
  }
  if (blocked.length > 0) {
    const names = blocked.map((b) => `"${b.level.name}"`).join(', ');
    throw validationFailure(
      blocked.length === 1
        ? `Level ${names} cannot be removed while objectives use it`
        : `Levels ${names} cannot be removed while objectives use them`,
      blocked.map((b) => ({
        path: 'levels',
        message: `level "${b.level.name}" is used by ${b.keys.join(', ')}; move those objectives to another level before removing it`,
      })),
    );
  }

  const levels = Levels.parse(next);
  return settingsView(await change.save({ ...change.current, levels }));
}
