import type { ErrorDetail, Period } from '../../contract';
import type { ObjectiveChange, Settings } from '../../contract/api';
import { validationFailure } from '../app-failure';
import { expireForObjective } from '../prompts/expire-prompts';
import { objectiveSaved } from '../rollup/maintain-rollups';
import type { ObjectiveAccess } from './objective-access';
import { maintenanceFor, withRollupRetry, type ObjectivePorts } from './objective-ports';
import { objectiveOf, viewOf, type StoredObjective } from './stored-objective';

/**
 * After an objective was written: its rollup record takes the new definition and the objectives
 * it feeds (old and new parents and alignments) move (objectiveSaved). The objective is already
 * stored, so a failure here is logged and the reply carries no rollup; the next save of the
 * objective, or the reconciliation job, brings the rollup back in step.
 */
export async function rollUp(
  ports: ObjectivePorts,
  settings: Settings,
  saved: StoredObjective,
): Promise<ObjectiveChange> {
  await followPrompts(ports, saved);
  try {
    const records = await withRollupRetry(() =>
      objectiveSaved(maintenanceFor(ports, settings), objectiveOf(saved), saved.keyResults),
    );
    return { objective: viewOf(saved), rollup: records.find((r) => r.objectiveId === saved.id) ?? null };
  } catch (error) {
    ports.log.error('objective saved, but its rollup could not be updated', { objective: saved.key }, error);
    return { objective: viewOf(saved), rollup: null };
  }
}

/**
 * A cancelled (archived) objective makes its prompts moot: those not answered or dismissed yet
 * expire. Logged on failure: the objective is saved already.
 */
async function followPrompts(ports: ObjectivePorts, saved: StoredObjective): Promise<void> {
  if (saved.status !== 'cancelled') return;
  try {
    await expireForObjective(
      { stores: ports.prompting, objectiveStore: ports.objectiveStore },
      saved.id,
      ports.clock.now(),
    );
  } catch (error) {
    ports.log.error('objective cancelled, but its prompts could not be expired', { objective: saved.key }, error);
  }
}

/** Checks of the fields an objective refers to: level, period, workgroup, and the lowest level's workgroup. */
export async function referenceProblems(
  settings: Settings,
  access: ObjectiveAccess,
  o: Pick<StoredObjective, 'levelId' | 'periodId' | 'workgroupId'>,
  options: { newPeriod: boolean },
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const levels = settings.levels;
  const level = levels.find((l) => l.id === o.levelId);
  if (level === undefined)
    problems.push({
      path: 'levelId',
      message: `there is no level "${o.levelId}" (levels: ${levels.map((l) => l.id).join(', ')})`,
    });
  const period: Period | undefined = settings.periods.find((p) => p.id === o.periodId);
  if (period === undefined) problems.push({ path: 'periodId', message: `there is no period "${o.periodId}"` });
  else if (options.newPeriod && period.state === 'closed')
    problems.push({ path: 'periodId', message: `period "${period.name}" is closed` });
  if (o.workgroupId !== null && (await access.workgroup(o.workgroupId)) === null) {
    problems.push({ path: 'workgroupId', message: `there is no workgroup "${o.workgroupId}"` });
  }
  const lowest = levels[levels.length - 1];
  if (o.workgroupId === null && levels.length > 1 && lowest !== undefined && lowest.id === o.levelId) {
    problems.push({
      path: 'workgroupId',
      message: `an objective at the lowest level ("${lowest.name}") belongs to a workgroup`,
    });
  }
  return problems;
}

export function refuseIf(problems: ErrorDetail[], message: string): void {
  if (problems.length > 0) throw validationFailure(message, problems);
}
