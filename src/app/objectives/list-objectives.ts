/**
 * objectives/list (Jira administrators): every objective of a period — restricted ones included —
 * and the objectives of other periods they align to, up the hierarchy, so the admin page can
 * draw the whole tree. One query per period (with the objectives its usage record names that the
 * query does not show yet), all of them read again by key (their current versions), then one batch
 * per level above.
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
  const periodIds = new Set(periodId === null ? settings.periods.map((p) => p.id) : [periodId]);
  // the by-period query lags writes: it shows an objective changed a moment ago as it was (an admin
  // editing from this list would conflict), so every one is read again by key, one batch get
  const listed = await ports.objectiveStore.ofPeriods([...periodIds]);
  const current = await ports.objectiveStore.getMany(listed.map((o) => o.key));
  const objectives = [...current.values()].filter((o) => periodIds.has(o.periodId)).sort(byObjectiveKey);

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
