import type { Prompt } from '../../contract';
import type {
  DecisionList,
  ObjectiveDecisionsPayload,
  PromptList,
  PromptsAnsweredPayload,
  WorkgroupRecord,
} from '../../contract/api';
import { forbidden, notFound } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { currentPrompts } from './current-prompts';
import { withContext } from './prompt-context';

/**
 * prompts/answered: what people answered about a workgroup's objectives (and its alignment gaps),
 * newest answer first, for the workgroup's leads and Jira administrators. Without `workgroupId`:
 * every workgroup the caller leads (administrators who lead none: all, read in a bounded way, see
 * latestOfEveryWorkgroup). The objectives' access rules apply: a restricted objective's prompts
 * are left out for whoever may not see it.
 */
export async function answeredPrompts(ports: ObjectivePorts, payload: PromptsAnsweredPayload): Promise<PromptList> {
  ports.permissions.requireUser();
  const settings = await ports.settings.get();
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  let workgroups: WorkgroupRecord[];
  if (payload.workgroupId !== undefined) {
    const w = await ports.workgroups.get(payload.workgroupId);
    if (w === null) throw notFound(`There is no workgroup "${payload.workgroupId}"`);
    if (!(await access.canReadAnswers(w)))
      throw forbidden(`Only the leads of workgroup "${w.name}" and Jira administrators can read its answered prompts`);
    workgroups = [w];
  } else {
    const all = await ports.workgroups.list();
    workgroups = all.filter((w) => ports.permissions.isLeadOf(w));
    if (workgroups.length === 0) {
      if (!(await ports.permissions.isSiteAdmin()))
        throw forbidden('Only workgroup leads and Jira administrators can read answered prompts');
      access.remember(all);
      return { prompts: await withContext(ports, await latestOfEveryWorkgroup(ports, access, all, payload.limit)) };
    }
  }
  access.remember(workgroups);

  const listed = new Map<string, Prompt>();
  for (const w of workgroups) {
    const objectives = await access.visible(await ports.objectiveStore.ofWorkgroup(w.id));
    for (const o of objectives) for (const p of await ports.prompting.prompts.ofObjective(o.id)) listed.set(p.id, p);
    for (const p of await ports.prompting.prompts.aboutWorkgroup(w.id)) listed.set(p.id, p);
  }
  // the queries may list a prompt answered a moment ago as still open: those are read again by key
  const found = (await currentPrompts(ports.prompting.prompts, [...listed.values()])).filter(
    (p) => p.state === 'answered',
  );
  return { prompts: await withContext(ports, newestAnswerFirst(found).slice(0, payload.limit)) };
}

const newestAnswerFirst = (prompts: Prompt[]) =>
  prompts.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0) || (a.id < b.id ? -1 : 1));

/**
 * Every workgroup (a Jira administrator who leads none): a bounded read instead of one query per
 * objective of the organisation. The answered prompts due last (`by-state` index, newest first;
 * twice `limit` of them, at least 100) are read, those about a workgroup's objectives that the
 * caller may see and those about a workgroup (alignment gaps) are kept, and the newest answers of
 * those are returned. Costs at most 4 query pages and one batch of objectives per 25 read.
 */
async function latestOfEveryWorkgroup(
  ports: ObjectivePorts,
  access: ObjectiveAccess,
  workgroups: readonly WorkgroupRecord[],
  limit: number,
): Promise<Prompt[]> {
  const recent = await ports.prompting.prompts.answeredLatestDue(Math.max(100, 2 * limit));
  const ids = new Set(workgroups.map((w) => w.id));
  const objectiveIds = [
    ...new Set(recent.flatMap((p) => (p.subject.type === 'workgroup' ? [] : [p.subject.objectiveId]))),
  ];
  const objectives = await ports.objectiveStore.getMany(objectiveIds);
  const ofWorkgroups = [...objectives.values()].filter((o) => o.workgroupId !== null && ids.has(o.workgroupId));
  const shown = new Set((await access.visible(ofWorkgroups)).map((o) => o.id));
  const kept = recent.filter((p) =>
    p.subject.type === 'workgroup' ? ids.has(p.subject.workgroupId) : shown.has(p.subject.objectiveId),
  );
  return newestAnswerFirst(kept).slice(0, limit);
}

/** objectives/decisions: what was decided on the objective's escalations, newest first, for whoever may see it. */
export async function objectiveDecisions(
  ports: ObjectivePorts,
  payload: ObjectiveDecisionsPayload,
): Promise<DecisionList> {
  ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  return { decisions: await ports.prompting.decisions.ofObjective(objective.id) };
}
