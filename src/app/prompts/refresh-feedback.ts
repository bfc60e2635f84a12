import type { Prompt } from '../../contract';
import { emptyFeedbackTally, subtreeGrades, tallyPrompts } from '../../domain/prompts/feedback';
import type { ObjectiveStore, PromptStores } from '../../ports';

export interface FeedbackPorts {
  stores: PromptStores;
  objectiveStore: Pick<ObjectiveStore, 'getMany' | 'withParent'>;
}

/** Deeper than any hierarchy (at most 10 levels): a guard against a parent loop in bad data. */
const MAX_DEPTH = 12;

/**
 * After prompts changed (delivered, answered, dismissed, expired): the feedback of their
 * objectives and workgroups is counted again from the prompts themselves, so a rerun or a race
 * ends in the same figures; then the grades of each objective's subtree move up its primary
 * parents. Costs one query per objective and workgroup, and per level above one query and one batch.
 */
export async function refreshFeedback(ports: FeedbackPorts, changed: readonly Prompt[]): Promise<void> {
  const objectiveIds = new Set<string>();
  const workgroupIds = new Set<string>();
  for (const p of changed) {
    if (p.subject.type === 'workgroup') workgroupIds.add(p.subject.workgroupId);
    else objectiveIds.add(p.subject.objectiveId);
  }
  const { prompts, feedback } = ports.stores;
  for (const id of workgroupIds) await feedback.putWorkgroup(id, tallyPrompts(await prompts.aboutWorkgroup(id)));
  for (const id of objectiveIds) {
    const own = tallyPrompts(await prompts.ofObjective(id));
    await rollUpGrades(ports, id, own);
  }
}

async function rollUpGrades(
  ports: FeedbackPorts,
  objectiveId: string,
  own: ReturnType<typeof tallyPrompts>,
): Promise<void> {
  const { feedback } = ports.stores;
  let id: string | null = objectiveId;
  let ownTally = own;
  for (let depth = 0; id !== null && depth < MAX_DEPTH; depth += 1) {
    const children = await ports.objectiveStore.withParent(id);
    const stored = await feedback.objectives([id, ...children.map((c) => c.id)]);
    const mine = depth === 0 ? ownTally : (stored.get(id)?.own ?? emptyFeedbackTally());
    const subtree = subtreeGrades(
      mine,
      children.map((c) => stored.get(c.id)?.subtree ?? { gradedReviews: 0, gradeSum: 0 }),
    );
    const before = stored.get(id);
    if (
      depth > 0 &&
      before !== undefined &&
      before.subtree.gradedReviews === subtree.gradedReviews &&
      before.subtree.gradeSum === subtree.gradeSum
    )
      return;
    await feedback.putObjective(id, { own: mine, subtree });
    ownTally = mine;
    const self = (await ports.objectiveStore.getMany([id])).get(id);
    id = self?.parentId ?? null;
  }
}
