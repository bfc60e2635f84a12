import type { AccountId, Prompt, PromptKind } from '../../contract';
import { DAY_MS } from '../time';

/** The span of the weekly cap. */
export const CAP_WINDOW_MS = 7 * DAY_MS;

/** Which kind reaches a capped inbox first: the most urgent. */
export const KIND_PRIORITY: readonly PromptKind[] = [
  'escalation',
  'check-in-due',
  'outcome-review',
  'period-review',
  'alignment-gap',
];

/**
 * Whether the weekly cap may hold a prompt of this kind back. An escalation may not: an objective
 * turned off track, or its confidence dropped, and that cannot wait a week for a lead whose inbox
 * is full of period reviews. Escalations still count toward the person's seven days, so the other
 * kinds give way after them (and they are first in KIND_PRIORITY, so they are counted first).
 */
export function heldByCap(kind: PromptKind): boolean {
  return kind !== 'escalation';
}

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
 * Opens queued prompts: every escalation at once, whatever the cap (`heldByCap`), then the other
 * kinds that fit under each recipient's weekly cap, the most urgent first — at most
 * `cap − recentlyDelivered − escalations opened now` per person (none when that is below one).
 * The rest keep waiting. A delivered prompt keeps its full answer window: `dueAt` moves with the
 * delivery. Candidates that are not queued are never opened; they come back in `waiting` untouched.
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
    if (prompt.state !== 'queued' || (used >= cap && heldByCap(prompt.kind))) {
      waiting.push(prompt);
      continue;
    }
    openedNow.set(prompt.recipient, (openedNow.get(prompt.recipient) ?? 0) + 1);
    delivered.push({
      ...prompt,
      state: 'open',
      deliveredAt: now,
      dueAt: now + Math.max(0, prompt.dueAt - prompt.createdAt),
    });
  }
  return { delivered, waiting };
}

/** A person's prompts held back by the weekly cap, as their inbox tells them. */
export interface WaitingUnderCap {
  /** Queued prompts the cap holds back (queued escalations are not held back, so not counted). */
  count: number;
  /** When the first of them can open (≥ now); null when none waits. */
  nextAt: number | null;
}

/**
 * When each of one person's queued prompts can open, if nothing new arrives: in priority order,
 * each as soon as the rolling seven days have room for it — a queued escalation at once, the others
 * when fewer than `cap` deliveries (those already made in the last seven days, and those foreseen
 * here before it) fall in the seven days up to then. `deliver`, run at those times, opens them then.
 * The hourly job delivers on its first run from that time on.
 */
export function openingTimes(prompts: Iterable<Prompt>, cap: number, now: number): Map<string, number> {
  const all = [...prompts];
  // deliveries that still count at `now`, oldest first, and then those foreseen here
  const counted = all
    .flatMap((p) =>
      p.deliveredAt !== null && p.deliveredAt <= now && p.deliveredAt > now - CAP_WINDOW_MS ? [p.deliveredAt] : [],
    )
    .sort((a, b) => a - b);
  const times = new Map<string, number>();
  for (const p of all.filter((q) => q.state === 'queued').sort(comparePriority)) {
    const at = heldByCap(p.kind) ? roomAt(counted, cap, now) : now;
    times.set(p.id, at);
    const after = counted.findIndex((d) => d > at);
    counted.splice(after === -1 ? counted.length : after, 0, at);
  }
  return times;
}

/**
 * The first time from `now` on when fewer than `cap` of the deliveries `at` (ascending, none after
 * that time) fall in the seven days up to it: when the cap-th latest has left the window.
 */
function roomAt(at: readonly number[], cap: number, now: number): number {
  const leaving = at[at.length - cap]; // undefined: fewer than `cap` deliveries count
  return leaving === undefined ? now : Math.max(now, leaving + CAP_WINDOW_MS);
}

/**
 * How many of one person's prompts the weekly cap holds back, and when the first of them can open
 * (`openingTimes`). `about` narrows what is counted (the issue panel: the prompts about one issue);
 * every prompt of the person still counts toward the cap and the order.
 */
export function waitingUnderCap(
  prompts: Iterable<Prompt>,
  cap: number,
  now: number,
  about: (p: Prompt) => boolean = () => true,
): WaitingUnderCap {
  const all = [...prompts];
  const held = all.filter((p) => p.state === 'queued' && heldByCap(p.kind) && about(p));
  if (held.length === 0) return { count: 0, nextAt: null };
  const times = openingTimes(all, cap, now);
  return { count: held.length, nextAt: Math.min(...held.map((p) => times.get(p.id) ?? now)) };
}
