import type { Prompt } from '../../contract';
import type { DecisionList, ObjectiveDecisionsPayload, PromptList, PromptsAnsweredPayload, WorkgroupRecord } from '../../contract/api';
import { forbidden, notFound } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { withContext } from './prompt-context';

/**
 * prompts/answered: what people answered about a workgroup's objectives (and its alignment gaps),
 * newest answer first, for the workgroup's leads and Jira administrators. Without `workgroupId`:
 * every workgroup the caller leads (administrators: all). The objectives' access rules apply: a
 * restricted objective's prompts are left out for whoever may not see it.
 */
export async function answeredPrompts(ports: ObjectivePorts, payload: PromptsAnsweredPayload): Promise<PromptList> {
  ports.permissions.requireUser();
  const settings = await ports.settings.get();
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  let workgroups: WorkgroupRecord[];
  if (payload.workgroupId !== undefined) {
    const w = await ports.workgroups.get(payload.workgroupId);
    if (w === null) throw notFound(`There is no workgroup "${payload.workgroupId}"`);
    if (!ports.permissions.isLeadOf(w) && !(await ports.permissions.isSiteAdmin())) throw forbidden(`Only the leads of workgroup "${w.name}" and Jira administrators can read its answered prompts`);
    workgroups = [w];
  } else {
    const all = await ports.workgroups.list();
    workgroups = all.filter((w) => ports.permissions.isLeadOf(w));
    if (workgroups.length === 0) {
      if (!(await ports.permissions.isSiteAdmin())) throw forbidden('Only workgroup leads and Jira administrators can read answered prompts');
      workgroups = all;
    }
  }
  access.remember(workgroups);

  const found = new Map<string, Prompt>();
  for (const w of workgroups) {
    const objectives = await access.visible(await ports.objectiveStore.ofWorkgroup(w.id));
    for (const o of objectives) for (const p of await ports.prompting.prompts.ofObjective(o.id)) if (p.state === 'answered') found.set(p.id, p);
    for (const p of await ports.prompting.prompts.aboutWorkgroup(w.id)) if (p.state === 'answered') found.set(p.id, p);
  }
  const newest = [...found.values()].sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0) || (a.id < b.id ? -1 : 1)).slice(0, payload.limit);
  return { prompts: await withContext(ports, newest) };
}

/** objectives/decisions: what was decided on the objective's escalations, newest first, for whoever may see it. */
export async function objectiveDecisions(ports: ObjectivePorts, payload: ObjectiveDecisionsPayload): Promise<DecisionList> {
  ports.permissions.requireUser();
  const [settings, stored] = await Promise.all([ports.settings.get(), ports.objectiveStore.get(payload.objectiveKey)]);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels);
  const objective = await access.requireView(payload.objectiveKey, stored);
  return { decisions: await ports.prompting.decisions.ofObjective(objective.id) };
}
