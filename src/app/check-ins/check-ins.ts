import { CheckIn } from '../../contract';
import type { CheckInChange, CheckInsCreatePayload, CheckInsListPayload, CheckInList } from '../../contract/api';
import { forbidden, validationFailure } from '../app-failure';
import { clientCursorOf, storeCursorOf } from '../list-cursor';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { valueProblem } from './check-in-rules';
import { rollUpCheckIns } from './roll-up-check-ins';

/**
 * check-ins/create: an update of an objective or one of its key results — confidence, a note
 * and, for a metric key result, its new value — kept as history, then rolled up (confidence and
 * staleness of the objective, the metric's value). The objective's owner, the key result's owner,
 * and whoever manages the objective (its workgroup's leads, Jira administrators) may check in.
 */
export async function createCheckIn(
  ports: ObjectivePorts,
  payload: CheckInsCreatePayload,
  /** The check-in's id when the caller makes it (an answered prompt's: the same on every attempt); a new one by default. */
  id: string = ports.ids.newId('ci'),
): Promise<CheckInChange> {
  const me = ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const kr =
    payload.keyResultId === null ? null : (objective.keyResults.find((k) => k.id === payload.keyResultId) ?? null);
  if (payload.keyResultId !== null && kr === null) {
    throw validationFailure('The check-in was not recorded', [
      { path: 'keyResultId', message: `${objective.key} has no key result "${payload.keyResultId}"` },
    ]);
  }
  if (!(await access.canCheckIn(objective, kr))) {
    throw forbidden(
      `Only ${objective.key}'s owner, ${kr === null ? '' : `the owner of ${kr.key}, `}${await access.managers(objective)} can check in on it`,
    );
  }
  const valueWrong = valueProblem(kr, payload.value);
  if (valueWrong !== null)
    throw validationFailure('The check-in was not recorded', [{ path: 'value', message: valueWrong }]);

  const checkIn = CheckIn.parse({
    id,
    objectiveId: objective.id,
    keyResultId: kr?.id ?? null,
    value: payload.value,
    confidence: payload.confidence,
    note: payload.note,
    author: me,
    at: ports.clock.now(),
  });
  await ports.checkIns.add(checkIn);
  return { checkIn, rollup: await rollUpCheckIns(ports, settings, objective, [checkIn], checkIn.at) };
}

/**
 * check-ins/list: an objective's check-ins, newest first, a page at a time; for whoever may see
 * the objective. The cursor is sealed for this objective's list (src/app/list-cursor.ts): one the
 * server did not give for it is VALIDATION, and never reaches storage.
 */
export async function listCheckIns(ports: ObjectivePorts, payload: CheckInsListPayload): Promise<CheckInList> {
  ports.permissions.requireUser();
  const list = `check-ins:${payload.objectiveKey}`;
  const [settings, stored, storeCursor] = await Promise.all([
    ports.settings.get(),
    ports.objectiveStore.get(payload.objectiveKey),
    storeCursorOf(ports.cursorSecret, list, payload.cursor),
  ]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  const page = await ports.checkIns.ofObjective(objective.id, payload.limit, storeCursor);
  return { checkIns: page.checkIns, nextCursor: await clientCursorOf(ports.cursorSecret, list, page.nextCursor) };
}
