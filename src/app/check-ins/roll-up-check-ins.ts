import type { CheckIn, ObjectiveRollup } from '../../contract';
import type { Settings } from '../../contract/api';
import { maintenanceFor, withRollupRetry, type ObjectivePorts } from '../objectives/objective-ports';
import { escalateQuietly } from '../prompts/escalate';
import { checkInsRecorded } from '../rollup/maintain-rollups';

/**
 * What follows check-ins on one objective once they are stored (check-ins/create and
 * check-ins/create-many): the rollup notes them (the objective's confidence and staleness, a
 * metric's value), then a confidence that dropped two steps, or a turn off track, escalates at once
 * (a failure there is logged). The check-ins stay stored whatever happens here: a rollup that
 * cannot be updated is logged, and the objective's rollup answered is null.
 */
export async function rollUpCheckIns(
  ports: ObjectivePorts,
  settings: Settings,
  objective: { id: string; key: string },
  checkIns: readonly CheckIn[],
  now: number,
): Promise<ObjectiveRollup | null> {
  try {
    const records = await withRollupRetry(() => checkInsRecorded(maintenanceFor(ports, settings), checkIns));
    await escalateQuietly(
      {
        stores: ports.prompting,
        objectiveStore: ports.objectiveStore,
        workgroups: ports.workgroups,
        log: ports.log,
        jira: ports.jiraFor(settings),
      },
      records,
      settings.promptPolicy,
      now,
    );
    return records.find((r) => r.objectiveId === objective.id) ?? null;
  } catch (error) {
    ports.log.error(
      `${checkIns.length === 1 ? 'check-in' : 'check-ins'} recorded, but the rollup could not be updated`,
      { objective: objective.key, checkIns: checkIns.map((c) => c.id).join(',') },
      error,
    );
    return null;
  }
}
