import type { ObjectiveExplained, ObjectiveExplainPayload } from '../../contract/api';
import { figuresExplained } from '../views/figures-explained';
import { ObjectiveAccess } from './objective-access';
import type { ObjectivePorts } from './objective-ports';

/**
 * objectives/explain: why an objective shows its figure and status — each input with its weight
 * and share, and the status's reason — for whoever may see the objective (a restricted one is
 * NOT_FOUND to anyone else, as everywhere). Asked when its detail opens, so the project page's
 * view reads no contributor it does not show. Storage: the settings, the objective and its rollup
 * (read by key, together), then the contributing objectives it does not hold, in one wave.
 */
export async function objectiveExplained(
  ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'objectiveStore' | 'workgroups' | 'clock' | 'rollups'>,
  payload: ObjectiveExplainPayload,
): Promise<ObjectiveExplained> {
  ports.permissions.requireUser();
  const [settings, stored, speculated] = await Promise.all([
    ports.settings.get(),
    ports.objectiveStore.get(payload.objectiveKey),
    ports.rollups.getRollups([payload.objectiveKey]),
  ]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  // an objective's id is its key, except for some made before that rule
  const rollups = speculated.has(objective.id) ? speculated : await ports.rollups.getRollups([objective.id]);
  const explained = await figuresExplained(ports, access, [objective], rollups, new Map(), settings, ports.clock.now());
  return { objectiveKey: objective.key, explained: explained.get(objective.id) ?? null };
}
