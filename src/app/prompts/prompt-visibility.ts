/**
 * Whether the caller may still see what their prompts are about. A prompt was raised only to
 * someone who could see its objective (prompt-audience.ts), but that can change after: the
 * objective restricted later, moved to another workgroup, the recipient leaving it. So every read
 * of a prompt by its recipient — prompts/inbox, and prompts/answer, dismiss and snooze — checks
 * again, with the same rule (ObjectiveAccess) as any other read: a prompt about an objective the
 * caller may no longer see is left out of the inbox (and its waiting count) and answers NOT_FOUND
 * by id, as a prompt that does not exist. It is kept as it is: it is theirs again when they may
 * see the objective again. Prompts about a workgroup, and those whose objective is gone, name no
 * objective the caller may not see.
 */
import type { Objective, Prompt } from '../../contract';
import { notFound } from '../app-failure';
import { ObjectiveAccess } from '../objectives/objective-access';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { promptObjectiveId } from './prompt-audience';

type VisibilityPorts = Pick<ObjectivePorts, 'permissions' | 'workgroups' | 'objectiveStore'>;

/** The prompts about what the caller may see, in the same order. */
export async function promptsTheCallerSees(ports: VisibilityPorts, prompts: readonly Prompt[]): Promise<Prompt[]> {
  const ids = [...new Set(prompts.flatMap((p) => promptObjectiveId(p) ?? []))];
  if (ids.length === 0) return [...prompts];
  const objectives: Map<string, Objective> = await ports.objectiveStore.getMany(ids);
  // levels decide who manages, not who sees
  const access = new ObjectiveAccess(ports.permissions, ports.workgroups, []);
  await access.load(objectives.values());
  const kept: Prompt[] = [];
  for (const p of prompts) {
    const objective = objectives.get(promptObjectiveId(p) ?? '');
    if (objective === undefined || (await access.canView(objective))) kept.push(p);
  }
  return kept;
}

/** NOT_FOUND, as for a prompt that does not exist, unless the caller may see what the prompt is about. */
export async function requireSeenPrompt(ports: VisibilityPorts, prompt: Prompt): Promise<Prompt> {
  if ((await promptsTheCallerSees(ports, [prompt])).length === 0) throw notFound(`There is no prompt ${prompt.id}`);
  return prompt;
}
