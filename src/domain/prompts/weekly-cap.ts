import type { AccountId, Prompt, PromptKind } from '../../contract';
import { DAY_MS } from '../time';

/** The span of the weekly cap. */
export const CAP_WINDOW_MS = 7 * DAY_MS;

/** Which kind reaches a capped inbox first: the most urgent. */
export const KIND_PRIORITY: readonly PromptKind[] = ['escalation', 'check-in-due', 'outcome-review', 'period-review', 'alignment-gap'];

export interface Delivery {
  /** Opened now, in priority order: state 'open', deliveredAt = now. */
  delivered: Prompt[];
  /** Everything else, unchanged, in priority order (queued prompts wait for the next run). */
  waiting: Prompt[];
}

/** Priority order: kind, then the oldest first, then by id so that equal prompts never swap. */
export function comparePriority(a: Prompt, b: Prompt): number {
  const byKind = KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * How many prompts reached each person in the seven days up to now (`now − 7 days < deliveredAt ≤ now`):
 * the `recentlyDelivered` that `deliver` needs.
 */
export function countRecentlyDelivered(prompts: Iterable<Prompt>, now: number): Map<AccountId, number> {
  const counts = new Map<AccountId, number>();
  for (const p of prompts) {
    if (p.deliveredAt === null || p.deliveredAt > now || p.deliveredAt <= now - CAP_WINDOW_MS) continue;
    counts.set(p.recipient, (counts.get(p.recipient) ?? 0) + 1);
  }
  return counts;
}

/**
 * Opens the queued prompts that fit under each recipient's weekly cap: at most
 * `cap − recentlyDelivered` per person now, the most urgent first. The rest keep waiting.
 * A delivered prompt keeps its full answer window: `dueAt` moves with the delivery.
 * Candidates that are not queued are never opened; they come back in `waiting` untouched.
 */
export function deliver(
  candidates: readonly Prompt[],
  recentlyDelivered: ReadonlyMap<AccountId, number>,
  cap: number,
  now: number,
): Delivery {
  const ordered = [...candidates].sort(comparePriority);
  const openedNow = new Map<AccountId, number>();
  const delivered: Prompt[] = [];
  const waiting: Prompt[] = [];

  for (const prompt of ordered) {
    const used = (recentlyDelivered.get(prompt.recipient) ?? 0) + (openedNow.get(prompt.recipient) ?? 0);
    if (prompt.state !== 'queued' || used >= cap) {
      waiting.push(prompt);
      continue;
    }
    openedNow.set(prompt.recipient, (openedNow.get(prompt.recipient) ?? 0) + 1);
    delivered.push({ ...prompt, state: 'open', deliveredAt: now, dueAt: now + Math.max(0, prompt.dueAt - prompt.createdAt) });
  }
  return { delivered, waiting };
}
