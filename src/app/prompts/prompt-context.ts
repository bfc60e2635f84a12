import type { Prompt } from '../../contract';
import type { PromptContext, PromptItem } from '../../contract/api';
import type { ObjectiveStore, WorkgroupStore } from '../../ports';

export interface ContextPorts {
  objectiveStore: Pick<ObjectiveStore, 'getMany'>;
  workgroups: Pick<WorkgroupStore, 'getMany'>;
}

/**
 * The prompts with what the UI shows of their subjects (objective, key result, workgroup, issue
 * keys), read in one batch of objectives and one of workgroups.
 */
export async function withContext(ports: ContextPorts, prompts: readonly Prompt[]): Promise<PromptItem[]> {
  const objectiveIds = new Set<string>();
  const workgroupIds = new Set<string>();
  for (const p of prompts) {
    if (p.subject.type === 'workgroup') workgroupIds.add(p.subject.workgroupId);
    else objectiveIds.add(p.subject.objectiveId);
  }
  const objectives = await ports.objectiveStore.getMany([...objectiveIds]);
  for (const o of objectives.values()) if (o.workgroupId !== null) workgroupIds.add(o.workgroupId);
  const workgroups = await ports.workgroups.getMany([...workgroupIds]);

  return prompts.map((p) => {
    const s = p.subject;
    const objective = s.type === 'workgroup' ? null : (objectives.get(s.objectiveId) ?? null);
    const kr = s.type === 'key-result' ? (objective?.keyResults.find((k) => k.id === s.keyResultId) ?? null) : null;
    const workgroupId = s.type === 'workgroup' ? s.workgroupId : (objective?.workgroupId ?? null);
    const workgroup = workgroupId === null ? null : (workgroups.get(workgroupId) ?? null);
    const context: PromptContext = {
      objective:
        objective === null
          ? null
          : { id: objective.id, key: objective.key, title: objective.title, status: objective.status },
      keyResult: kr === null ? null : { id: kr.id, key: kr.key, title: kr.title, kind: kr.kind },
      workgroup: workgroup === null ? null : { id: workgroup.id, name: workgroup.name },
      issueKeys: s.type === 'issue' ? [s.issueKey] : s.type === 'workgroup' ? s.issueKeys : [],
    };
    return { ...p, context };
  });
}

/** One prompt with its context. */
export async function oneWithContext(ports: ContextPorts, prompt: Prompt): Promise<PromptItem> {
  const [item] = await withContext(ports, [prompt]);
  if (item === undefined) throw new Error(`No context was built for prompt ${prompt.id}`);
  return item;
}
