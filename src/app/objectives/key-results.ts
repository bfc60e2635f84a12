/**
 * key-results/create, update, delete: key results live inside their objective's record, so each
 * change is a write of the objective from the version the caller read, then its rollup.
 */
import {
  CompletionKeyResult,
  DeliveryQualityKeyResult,
  detailsFromZod,
  KeyResult,
  MAX_KEY_RESULT_NUMBER,
  MetricKeyResult,
  MilestoneKeyResult,
  QueryKeyResult,
  type ErrorDetail,
  type KeyResultKind,
} from '../../contract';
import {
  KEY_RESULT_PATCH_FIELDS,
  MAX_KEY_RESULTS,
  TARGET_FIELDS,
  type KeyResultChange,
  type KeyResultPatchField,
  type KeyResultsCreatePayload,
  type KeyResultsDeletePayload,
  type KeyResultsUpdatePayload,
  type ObjectiveChange,
} from '../../contract/api';
import { limitReached, notFound, validationFailure } from '../app-failure';
import { expireForKeyResult } from '../prompts/expire-prompts';
import { References } from '../references/reference-check';
import { loadForChange } from './change-objective';
import { referencePortsFor, type ObjectivePorts } from './objective-ports';
import { refuseIf, rollUp } from './save-objective';
import { keyResultId, type StoredObjective } from './stored-objective';

/** The fields each kind of key result has. */
const FIELDS_OF: Record<KeyResultKind, Set<string>> = {
  completion: new Set(Object.keys(CompletionKeyResult.shape)),
  metric: new Set(Object.keys(MetricKeyResult.shape)),
  query: new Set(Object.keys(QueryKeyResult.shape)),
  'delivery-quality': new Set(Object.keys(DeliveryQualityKeyResult.shape)),
  milestone: new Set(Object.keys(MilestoneKeyResult.shape)),
};

function prefixed(details: ErrorDetail[], prefix: string): ErrorDetail[] {
  return details.map((d) => ({ ...d, path: d.path === '' ? prefix : `${prefix}.${d.path}` }));
}

async function write(
  ports: ObjectivePorts,
  loaded: Awaited<ReturnType<typeof loadForChange>>,
  next: StoredObjective,
): Promise<ObjectiveChange> {
  const saved = await ports.objectiveStore.put(next, loaded.current.version, loaded.current);
  return rollUp(ports, loaded.settings, saved);
}

/** key-results/create: a new key result `KR-n` (n never reused in the objective), by whoever manages the objective. */
export async function createKeyResult(
  ports: ObjectivePorts,
  payload: KeyResultsCreatePayload,
): Promise<KeyResultChange> {
  const loaded = await loadForChange(ports, payload.objectiveKey, payload.version);
  const { access, current } = loaded;
  await access.requireManage(`add key results to ${current.key}`, current);
  if (current.keyResults.length >= MAX_KEY_RESULTS) {
    throw validationFailure(`${current.key} has ${MAX_KEY_RESULTS} key results, the most an objective can have`, [
      { path: 'keyResult', message: `an objective has at most ${MAX_KEY_RESULTS} key results` },
    ]);
  }
  const now = ports.clock.now();
  const n = current.nextKeyResultNumber;
  if (n > MAX_KEY_RESULT_NUMBER)
    throw limitReached(`${current.key} has used every key-result key up to KR-${MAX_KEY_RESULT_NUMBER}`);
  const key = `KR-${n}`;
  const draft = payload.keyResult;
  const parsed = KeyResult.safeParse({
    ...draft,
    ...(draft.kind === 'milestone' ? { doneAt: draft.done ? now : null } : {}),
    id: keyResultId(current.key, key),
    key,
    objectiveId: current.id,
    owner: draft.owner ?? current.owner,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  if (!parsed.success)
    throw validationFailure('The key result was not added', prefixed(detailsFromZod(parsed.error), 'keyResult'));
  // what it names in Jira, before anything is written: an owner given (the objective's is known),
  // a query's JQL (as the caller) and the numeric field of a sum or an average
  const refs = new References().keyResult(parsed.data, 'keyResult', { owner: current.owner });
  refuseIf(await refs.check(referencePortsFor(ports, loaded.settings)), 'The key result was not added');
  const next: StoredObjective = {
    ...current,
    keyResults: [...current.keyResults, parsed.data],
    nextKeyResultNumber: n + 1,
    updatedAt: now,
  };
  return { ...(await write(ports, loaded, next)), keyResult: parsed.data };
}

/**
 * key-results/update: changes the fields given; the kind stays. The objective's owner and the
 * key result's owner may change its targets (baseline, target, band, milestone done); anything
 * else needs whoever manages the objective.
 */
export async function updateKeyResult(
  ports: ObjectivePorts,
  payload: KeyResultsUpdatePayload,
): Promise<KeyResultChange> {
  const loaded = await loadForChange(ports, payload.objectiveKey, payload.version);
  const { access, current } = loaded;
  const kr = current.keyResults.find((k) => k.id === payload.keyResultId);
  if (kr === undefined) throw notFound(`${current.key} has no key result "${payload.keyResultId}"`);

  const changes: Partial<Record<KeyResultPatchField, unknown>> = {};
  for (const field of Object.keys(KEY_RESULT_PATCH_FIELDS) as KeyResultPatchField[]) {
    if (payload[field] !== undefined) changes[field] = payload[field];
  }
  const fields = Object.keys(changes) as KeyResultPatchField[];
  const targetsOnly = fields.every((f) => TARGET_FIELDS.includes(f));
  if (!(targetsOnly && (await access.canEditTargets(current, kr))))
    await access.requireManage(`change ${fields.join(', ')} of ${current.key}'s key result ${kr.key}`, current);

  const foreign = fields.filter((f) => !FIELDS_OF[kr.kind].has(f));
  refuseIf(
    foreign.map((f) => ({ path: f, message: `a ${kr.kind} key result has no ${f}` })),
    `${current.key}'s key result ${kr.key} was not changed`,
  );
  const now = ports.clock.now();
  const doneAt =
    kr.kind === 'milestone' && changes.done !== undefined && changes.done !== kr.done
      ? { doneAt: changes.done === true ? now : null }
      : {};
  const parsed = KeyResult.safeParse({ ...kr, ...changes, ...doneAt, updatedAt: now, version: kr.version + 1 });
  if (!parsed.success)
    throw validationFailure(`${current.key}'s key result ${kr.key} was not changed`, detailsFromZod(parsed.error));
  // what the change names in Jira anew (a new owner, JQL, a field to add up or average), before anything is written
  const refs = new References().keyResult(
    parsed.data,
    '',
    kr.kind === 'query'
      ? { owner: kr.owner, jql: kr.jql, aggregate: kr.aggregate, field: kr.field }
      : { owner: kr.owner },
  );
  refuseIf(
    await refs.check(referencePortsFor(ports, loaded.settings)),
    `${current.key}'s key result ${kr.key} was not changed`,
  );
  const next: StoredObjective = {
    ...current,
    keyResults: current.keyResults.map((k) => (k.id === kr.id ? parsed.data : k)),
    updatedAt: now,
  };
  return { ...(await write(ports, loaded, next)), keyResult: parsed.data };
}

/**
 * key-results/delete: refused while issues are linked to the key result (unlink them first). Its
 * queued, open and snoozed prompts (check-ins due) expire; answered and dismissed ones are kept.
 */
export async function deleteKeyResult(
  ports: ObjectivePorts,
  payload: KeyResultsDeletePayload,
): Promise<ObjectiveChange> {
  const loaded = await loadForChange(ports, payload.objectiveKey, payload.version);
  const { access, current } = loaded;
  const kr = current.keyResults.find((k) => k.id === payload.keyResultId);
  if (kr === undefined) throw notFound(`${current.key} has no key result "${payload.keyResultId}"`);
  await access.requireManage(`remove key results of ${current.key}`, current);
  // the links, to name them, by the contribution index, which may not show a link made a moment ago;
  // and the objective's rollup record, by key, which the link's invocation updated: its tally of the
  // work linked to the key result counts that link at once
  const [contributions, rollups] = await Promise.all([
    ports.contributions.ofObjective(current.id),
    ports.rollups.getRollups([current.id]),
  ]);
  const linked = [...new Set(contributions.filter((c) => c.keyResultId === kr.id).map((c) => c.issueKey))];
  const counted = rollups.get(current.id)?.keyResultTallies[kr.id]?.issues ?? 0;
  const message =
    linked.length > 0
      ? `${linked.join(', ')} ${linked.length === 1 ? 'is' : 'are'} linked to ${kr.key}; unlink them first`
      : counted > 0
        ? `work was linked to ${kr.key} a moment ago (${counted} ${counted === 1 ? 'issue' : 'issues'}); unlink it first`
        : null;
  refuseIf(
    message === null ? [] : [{ path: 'keyResultId', message }],
    `${current.key}'s key result ${kr.key} cannot be removed while issues are linked to it`,
  );
  const change = await write(ports, loaded, {
    ...current,
    keyResults: current.keyResults.filter((k) => k.id !== kr.id),
    updatedAt: ports.clock.now(),
  });
  // its check-ins due are moot now (answers already given stay); logged on failure: the objective is saved already
  try {
    await expireForKeyResult(
      { stores: ports.prompting, objectiveStore: ports.objectiveStore },
      current.id,
      kr.id,
      ports.clock.now(),
    );
  } catch (error) {
    ports.log.error(
      'key result removed, but its prompts could not be expired',
      { objective: current.key, keyResult: kr.key },
      error,
    );
  }
  return change;
}
