import type { Prompt, PromptPolicy } from '../../contract';
import { wake } from '../../domain/prompts/lifecycle';
import { countRecentlyDelivered, deliver } from '../../domain/prompts/weekly-cap';
import { VersionConflict } from '../app-failure';
import type { PromptStore } from './prompt-store';

/**
 * Stores the prompts a rule produced — by their deterministic ids, so an event seen twice, or two
 * jobs at once, never make a second one — then opens, for each person concerned, as many queued
 * prompts as the weekly cap allows, the most urgent first. Returns what was new and what opened.
 */
export async function raisePrompts(store: PromptStore, candidates: readonly Prompt[], policy: Pick<PromptPolicy, 'weeklyCapPerUser'>, now: number): Promise<{ created: Prompt[]; opened: Prompt[] }> {
  if (candidates.length === 0) return { created: [], opened: [] };
  const created = await store.createMissing(candidates);
  const opened = await deliverTo(store, new Set(created.map((p) => p.recipient)), policy, now);
  return { created, opened };
}

/**
 * Opens each person's queued prompts that fit under the weekly cap now. When another job
 * delivered to the same person meanwhile, its delivery stands and this one gives way (nothing is
 * opened twice, and the cap is kept).
 */
export async function deliverTo(store: PromptStore, recipients: Iterable<string>, policy: Pick<PromptPolicy, 'weeklyCapPerUser'>, now: number): Promise<Prompt[]> {
  const opened: Prompt[] = [];
  for (const recipient of recipients) {
    const all = await store.ofRecipient(recipient);
    const queued = all.filter((p) => p.state === 'queued');
    if (queued.length === 0) continue;
    const { delivered } = deliver(queued, countRecentlyDelivered(all, now), policy.weeklyCapPerUser, now);
    if (delivered.length === 0) continue;
    try {
      await store.update(delivered);
      opened.push(...delivered);
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e;
    }
  }
  return opened;
}

/**
 * The scheduled part of delivery: snoozed prompts whose time has come are open again, and queued
 * prompts are opened for everyone the cap now allows (a week after a busy one, say).
 */
export async function releasePrompts(store: PromptStore, policy: Pick<PromptPolicy, 'weeklyCapPerUser'>, now: number): Promise<{ woken: Prompt[]; opened: Prompt[] }> {
  const woken = (await store.inState('snoozed')).map((p) => [p, wake(p, now)] as const).filter(([before, after]) => before !== after).map(([, after]) => after);
  if (woken.length > 0) {
    try {
      await store.update(woken);
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e; // the recipient acted on one meanwhile; the next run wakes the rest
    }
  }
  const queued = await store.inState('queued');
  const opened = await deliverTo(store, new Set(queued.map((p) => p.recipient)), policy, now);
  return { woken, opened };
}
