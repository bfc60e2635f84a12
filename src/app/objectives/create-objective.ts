import type { ObjectiveChange, ObjectivesCreatePayload } from '../../contract/api';
import { hierarchyProblems } from './hierarchy-check';
import { ObjectiveAccess } from './objective-access';
import { References } from '../references/reference-check';
import { referencePortsFor, type ObjectivePorts } from './objective-ports';
import { referenceProblems, refuseIf, rollUp } from './save-objective';

/** The name a new objective goes by in messages, before it has a key. */
const NEW = 'the new objective';

/**
 * objectives/create: a new objective under the next key (`O-n`). Organisation-level objectives,
 * and any without a workgroup, are created by Jira administrators; a workgroup's objectives by
 * its leads (and administrators). Its parent and alignments must obey the hierarchy rules.
 */
export async function createObjective(
  ports: ObjectivePorts,
  payload: ObjectivesCreatePayload,
): Promise<ObjectiveChange> {
  const me = ports.permissions.requireUser();
  const settings = await ports.settings.get();
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const where = { workgroupId: payload.workgroupId, levelId: payload.levelId };
  const w = await access.workgroup(payload.workgroupId);
  await access.requireManage(
    payload.workgroupId === null || access.isTopLevel(where)
      ? 'create organisation objectives and objectives without a workgroup'
      : `create objectives of workgroup "${w?.name ?? payload.workgroupId}"`,
    where,
  );

  const now = ports.clock.now();
  const { owner, ...fields } = payload;
  const draft = {
    ...fields,
    owner: owner ?? me,
    carriedFrom: null,
    keyResults: [],
    nextKeyResultNumber: 1,
    createdAt: now,
    updatedAt: now,
  };
  const problems = await referenceProblems(settings, access, draft, { newPeriod: true });
  problems.push(
    ...(await hierarchyProblems(
      { objectiveStore: ports.objectiveStore, rollups: ports.rollups, access, levels: settings.levels },
      { ...draft, id: NEW, key: NEW },
      null,
    )),
  );
  // an owner other than the caller must be a Jira account (the caller is one: Forge says so)
  if (draft.owner !== me)
    problems.push(...(await new References().account(draft.owner, 'owner').check(referencePortsFor(ports, settings))));
  refuseIf(problems, 'The objective was not created');

  const saved = await ports.objectiveStore.create(draft);
  return rollUp(ports, settings, saved);
}
