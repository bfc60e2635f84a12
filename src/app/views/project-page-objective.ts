import type { ProjectPageObjective, ProjectPageObjectivePayload } from '../../contract/api';
import { objectiveFeedback } from '../../domain/prompts/feedback';
import { forbidden } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { viewOf } from '../objectives/stored-objective';

/**
 * project-page/objective: one objective of the project page, whole — its record with its key
 * results, its rollup record (key results' figures, work and delivery figures), what the caller
 * may do with it and each key result, and its feedback — for the detail, which asks it when it
 * opens (project-page/view serves rows only: project-page-row.ts). The same rules as the view: the
 * caller may browse the project (FORBIDDEN), and sees the objective (a restricted one is NOT_FOUND
 * to anyone outside its workgroup, as everywhere); `can` comes from ObjectiveAccess with the view's
 * options. Jira is asked, not the browse grant the view remembers: remembering it is a write, and a
 * refusal writes nothing. Storage: the settings, the objective, its rollup and its feedback, in one
 * wave (an objective's id is its key; one made before that rule is read again by id).
 */
export async function projectPageObjective(
  ports: Pick<ObjectivePorts, 'permissions' | 'settings' | 'objectiveStore' | 'workgroups' | 'rollups' | 'prompting'>,
  payload: ProjectPageObjectivePayload,
): Promise<ProjectPageObjective> {
  const { projectKey, objectiveKey } = payload;
  ports.permissions.requireUser();
  const [browse, settings, stored, rollupsRead, feedbackRead] = await Promise.all([
    ports.permissions.canBrowseProject(projectKey),
    ports.settings.get(),
    ports.objectiveStore.get(objectiveKey),
    ports.rollups.getRollups([objectiveKey]),
    ports.prompting.feedback.read([objectiveKey], []),
  ]);
  if (!browse) throw forbidden(`You do not have permission to browse project ${projectKey}`);
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, settings.levels, {
    browsable: [projectKey],
    siteAdmin: 'view',
  });
  const objective = await access.requireView(objectiveKey, stored);
  const byKey = objective.id === objectiveKey;
  const [rollups, feedback] = byKey
    ? [rollupsRead, feedbackRead.objectives]
    : await Promise.all([
        ports.rollups.getRollups([objective.id]),
        ports.prompting.feedback.read([objective.id], []).then((f) => f.objectives),
      ]);
  const f = feedback.get(objective.id);
  return {
    objectiveKey: objective.key,
    entry: {
      objective: viewOf(objective),
      rollup: rollups.get(objective.id)?.record ?? null,
      can: await access.can(objective),
      feedback: f === undefined ? null : objectiveFeedback(f.own, f.subtree),
    },
  };
}
