import type { ObjectiveHistory, ObjectiveHistoryPayload } from '../../contract/api';
import { ObjectiveAccess } from './objective-access';
import type { ObjectivePorts } from './objective-ports';
import type { SnapshotReader } from '../../ports';

const DAY_MS = 86_400_000;

/**
 * objectives/history: an objective's snapshots over the last days, oldest first, for its trend
 * chart and "what changed since last week"; for whoever may see the objective (a restricted one
 * is NOT_FOUND to anyone else, as everywhere).
 */
export async function objectiveHistory(
  ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'objectiveStore' | 'workgroups' | 'clock'> & {
    snapshots: SnapshotReader;
  },
  payload: ObjectiveHistoryPayload,
): Promise<ObjectiveHistory> {
  ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const fromDay = new Date(ports.clock.now() - (payload.days - 1) * DAY_MS).toISOString().slice(0, 10);
  const snapshots = await ports.snapshots.ofObjective(objective.id, fromDay);
  return {
    objectiveKey: objective.key,
    snapshots: snapshots.map(({ objectiveId, day, progress, expected, status, work, keyResults }) => ({
      objectiveId,
      day,
      progress,
      expected,
      status,
      work,
      keyResults,
    })),
  };
}
