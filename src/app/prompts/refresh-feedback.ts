import type { Prompt } from '../../contract';
import { emptyFeedbackTally, subtreeGrades, tallyPrompts } from '../../domain/prompts/feedback';
import type { ObjectiveStore, PromptStores } from '../../ports';
import { currentPrompts } from './current-prompts';

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
 * parents. The queries may lag writes: the prompts they list as queued, open or snoozed are read
 * again by key, and `changed` (just written by the caller) count as they are now, listed or not
 * (currentPrompts). Costs one query and at most one batch get per objective and workgroup, and per
 * level above one query and one batch.
 */
export async function refreshFeedback(ports: FeedbackPorts, changed: readonly Prompt[]): Promise<void> {
  const objectiveIds = new Set<string>();
  const workgroupIds = new Set<string>();
  for (const p of changed) {
    if (p.subject.type === 'workgroup') workgroupIds.add(p.subject.workgroupId);
    else objectiveIds.add(p.subject.objectiveId);
  }
  const { prompts, feedback } = ports.stores;
  const now = async (listed: readonly Prompt[], about: (p: Prompt) => boolean) => {
    const known = changed.filter(about);
    const current = await currentPrompts(prompts, listed, known);
    const shown = new Set(current.map((p) => p.id));
    return [...current, ...known.filter((p) => !shown.has(p.id))];
  };
  for (const id of workgroupIds) {
    const about = (p: Prompt) => p.subject.type === 'workgroup' && p.subject.workgroupId === id;
    await feedback.putWorkgroup(id, tallyPrompts(await now(await prompts.aboutWorkgroup(id), about)));
  }
  for (const id of objectiveIds) {
    const about = (p: Prompt) => p.subject.type !== 'workgroup' && p.subject.objectiveId === id;
    const own = tallyPrompts(await now(await prompts.ofObjective(id), about));
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
