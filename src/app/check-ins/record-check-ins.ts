/**
 * check-ins/create-many: check-ins on several key results of one objective, from the project
 * page's "Check in on all key results" form.
 *
 * All or nothing on refusal: every key result is checked before anything is written (it exists;
 * the caller may check in on it, by the rule of check-ins/create; a metric gives its new value and
 * nothing else takes one). One refused key result refuses the call, naming each refused one, and
 * nothing is stored.
 *
 * Safe to send again: each check-in's id is derived from the caller, the request id and the key
 * result, so a retry of the same request (a reply lost, storage refusing half-way) finds the
 * check-ins an earlier attempt stored (read by key, which Forge never lags), stores only the
 * others, and rolls up all of them again (noting a check-in twice changes nothing).
 *
 * The check-ins of one request are one moment: the same time, a millisecond apart so that the
 * lowest confidence among them comes last and is the objective's latest confidence (docs/rollup.md,
 * "Status").
 */
import { createHash } from 'node:crypto';
import { CheckIn, CONFIDENCE_STEPS, type KeyResult } from '../../contract';
import { RECORDED_ALREADY, type CheckInsCreateManyPayload, type CheckInsRecorded } from '../../contract/api';
import type { ErrorDetail } from '../../contract/errors';
import { AppFailure, forbidden, validationFailure } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { valueProblem } from './check-in-rules';
import { rollUpCheckIns } from './roll-up-check-ins';

const REFUSED = 'The check-ins were not recorded';

/** The id of the check-in a request records on a key result: the same on every attempt of that request. */
export function checkInIdOf(author: string, requestId: string, keyResultId: string): string {
  return `ci-${createHash('sha256').update(`${author}\n${requestId}\n${keyResultId}`).digest('hex').slice(0, 40)}`;
}

/**
 * A refusal after part of the request was stored says which parts: the same code and wait (a retry
 * later works), the message naming the key results recorded, and a detail at `checkIns.<i>` for
 * each (RECORDED_ALREADY), so the form can show them as recorded and keep them as they are. A
 * refusal before anything was stored, or an unexpected error, goes on as it was.
 */
function partlyRecorded(error: unknown, saved: ReadonlySet<number>, keyResults: readonly KeyResult[]): unknown {
  if (!(error instanceof AppFailure) || saved.size === 0) return error;
  const indexes = [...saved].sort((a, b) => a - b);
  const keys = indexes.map((i) => keyResults[i]?.key ?? '').join(', ');
  return new AppFailure(
    error.code,
    `${error.message} Recorded already: ${keys}; send the same check-ins again to record the others.`,
    [...(error.details ?? []), ...indexes.map((i) => ({ path: `checkIns.${i}`, message: RECORDED_ALREADY }))],
    error.busy,
  );
}

export async function recordCheckIns(
  ports: ObjectivePorts,
  payload: CheckInsCreateManyPayload,
): Promise<CheckInsRecorded> {
  const me = ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);

  // every key result checked before anything is written: it exists, the caller may check in on it, its value
  const missing: ErrorDetail[] = [];
  const keyResults: KeyResult[] = [];
  payload.checkIns.forEach((c, i) => {
    const kr = objective.keyResults.find((k) => k.id === c.keyResultId);
    if (kr === undefined)
      missing.push({
        path: `checkIns.${i}.keyResultId`,
        message: `${objective.key} has no key result "${c.keyResultId}"`,
      });
    else keyResults.push(kr);
  });
  if (missing.length > 0) throw validationFailure(REFUSED, missing);
  const refused: KeyResult[] = [];
  for (const kr of keyResults) if (!(await access.canCheckIn(objective, kr))) refused.push(kr);
  if (refused.length > 0) {
    const keys = refused.map((k) => k.key).join(', ');
    throw forbidden(
      `Nothing was recorded: only ${objective.key}'s owner, the owner of each key result, ${await access.managers(objective)} can check in on ${keys}`,
    );
  }
  const problems = keyResults.flatMap((kr, i): ErrorDetail[] => {
    const wrong = valueProblem(kr, payload.checkIns[i]?.value ?? null);
    return wrong === null ? [] : [{ path: `checkIns.${i}.value`, message: wrong }];
  });
  if (problems.length > 0) throw validationFailure(REFUSED, problems);

  // the same request again finds what an earlier attempt stored
  const ids = payload.checkIns.map((c) => checkInIdOf(me, payload.requestId, c.keyResultId));
  const before = new Map((await ports.checkIns.getMany(ids)).map((c) => [c.id, c]));
  const now = ports.clock.now();
  // the lowest confidence last: it is the objective's latest
  const order = payload.checkIns
    .map((c, i) => ({ i, step: CONFIDENCE_STEPS[c.confidence] }))
    .sort((a, b) => b.step - a.step || a.i - b.i)
    .map((o) => o.i);
  const checkIns = payload.checkIns.map((c, i) =>
    CheckIn.parse({
      id: ids[i],
      objectiveId: objective.id,
      keyResultId: c.keyResultId,
      value: c.value,
      confidence: c.confidence,
      note: c.note,
      author: me,
      at: now + order.indexOf(i),
    }),
  );
  const recorded = checkIns.map((c) => before.get(c.id) ?? c);
  // stored in the order of their times, the lowest confidence last: a request refused half-way has
  // stored the higher ones, and the retry stores the rest later still, so the lowest stays the latest
  const saved = new Set(checkIns.flatMap((c, i) => (before.has(c.id) ? [i] : [])));
  for (const i of order) {
    const checkIn = checkIns[i] as CheckIn;
    if (saved.has(i)) continue;
    try {
      await ports.checkIns.add(checkIn);
    } catch (error) {
      throw partlyRecorded(error, saved, keyResults);
    }
    saved.add(i);
  }
  const alreadyRecorded = recorded.filter((c) => before.has(c.id)).map((c) => c.keyResultId ?? '');

  return {
    checkIns: recorded,
    alreadyRecorded,
    rollup: await rollUpCheckIns(ports, settings, objective, recorded, now),
  };
}
