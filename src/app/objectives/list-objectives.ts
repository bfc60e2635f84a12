/**
 * objectives/list (Jira administrators): every objective of a period — restricted ones included —
 * and the objectives of other periods they align to, up the hierarchy, so the admin page can
 * draw the whole tree. One query per period, then one batch per level above.
 */
import { byObjectiveKey } from '../../contract';
import type { ObjectiveList, ObjectivesListPayload } from '../../contract/api';
import { targetsOf } from '../../domain/hierarchy';
import { validationFailure } from '../app-failure';
import type { ObjectivePorts } from './objective-ports';
import { viewOf, type StoredObjective } from './stored-objective';

export async function listObjectives(ports: ObjectivePorts, payload: ObjectivesListPayload): Promise<ObjectiveList> {
  await ports.permissions.requireSiteAdmin('list every objective');
  const settings = await ports.settings.get();
  const periodId = payload.periodId ?? null;
  if (periodId !== null && !settings.periods.some((p) => p.id === periodId)) {
    throw validationFailure(`There is no period "${periodId}"`, [
      { path: 'periodId', message: `there is no period "${periodId}"` },
    ]);
  }
  const objectives = await ports.objectiveStore.ofPeriods(
    periodId === null ? settings.periods.map((p) => p.id) : [periodId],
  );

  const known = new Set(objectives.map((o) => o.key));
  const ancestors: StoredObjective[] = [];
  let wanted = objectives;
  // Each round climbs one level; a hierarchy has at most as many levels as the settings.
  for (let round = 0; round < settings.levels.length && wanted.length > 0; round += 1) {
    const keys = [...new Set(wanted.flatMap((o) => targetsOf(o)))].filter((k) => !known.has(k));
    keys.forEach((k) => known.add(k));
    wanted = [...(await ports.objectiveStore.getMany(keys)).values()];
    ancestors.push(...wanted);
  }
  return { periodId, objectives: objectives.map(viewOf), ancestors: ancestors.sort(byObjectiveKey).map(viewOf) };
}
