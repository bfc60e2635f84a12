import type { Prompt, PromptPolicy } from '../../contract';
import { countRecentlyDelivered, deliver } from '../../domain/prompts/weekly-cap';
import type { PromptStore } from './prompt-store';

/**
 * Stores the prompts a rule produced — by their deterministic ids, so an event seen twice, or two
 * jobs at once, never make a second one — then opens, for each person concerned, as many queued
 * prompts as the weekly cap allows, the most urgent first. Returns what was new and what opened.
 */
export async function raisePrompts(store: PromptStore, candidates: readonly Prompt[], policy: Pick<PromptPolicy, 'weeklyCapPerUser'>, now: number): Promise<{ created: Prompt[]; opened: Prompt[] }> {
  if (candidates.length === 0) return { created: [], opened: [] };
  const created = await store.createMissing(candidates);
  const opened: Prompt[] = [];
  for (const recipient of new Set(created.map((p) => p.recipient))) {
    const all = await store.ofRecipient(recipient);
    const queued = all.filter((p) => p.state === 'queued');
    const { delivered } = deliver(queued, countRecentlyDelivered(all, now), policy.weeklyCapPerUser, now);
    if (delivered.length > 0) await store.update(delivered);
    opened.push(...delivered);
  }
  return { created, opened };
}
