import { retryOnConflict } from '../retry-on-conflict';
import type { Prompt, PromptPolicy } from '../../contract';
import { wake } from '../../domain/prompts/lifecycle';
import { notificationOrders } from '../../domain/prompts/notification';
import { countRecentlyDelivered, deliver, heldByCap } from '../../domain/prompts/weekly-cap';
import { VersionConflict } from '../app-failure';
import type { PromptStore } from '../../ports';
import { currentPrompts } from './current-prompts';
import type { PromptAudience } from './prompt-audience';

/** Tries to open an escalation that lost a race with another writer, before leaving it to the hourly job. */
const ESCALATION_ATTEMPTS = 3;

/**
 * Stores the prompts a rule produced — by their deterministic ids, so an event seen twice, or two
 * jobs at once, never make a second one — then opens, for each person concerned, the queued
 * escalations at once and as many other queued prompts as the weekly cap allows, the most urgent
 * first. Returns what was new and what opened.
 *
 * The people concerned are those with a new prompt, and every recipient of an escalation even when
 * it was stored before: a run cut short between storing an escalation and opening it (the event is
 * then retried) opens it now, not an hour later.
 *
 * A prompt is raised only to someone who may see its objective (`audience`, prompt-audience.ts):
 * the others are dropped here, whatever rule named them.
 */
export async function raisePrompts(
  store: PromptStore,
  proposed: readonly Prompt[],
  policy: Pick<PromptPolicy, 'weeklyCapPerUser'>,
  now: number,
  audience: Pick<PromptAudience, 'mayReceive'>,
): Promise<{ created: Prompt[]; opened: Prompt[] }> {
  if (proposed.length === 0) return { created: [], opened: [] };
  const candidates = await audience.mayReceive(proposed);
  if (candidates.length === 0) return { created: [], opened: [] };
  const created = await store.createMissing(candidates);
  const recipients = new Set([...created, ...candidates.filter((p) => !heldByCap(p.kind))].map((p) => p.recipient));
  const opened = await deliverTo(store, recipients, policy, now, created);
  return { created, opened };
}

/**
 * Opens each person's queued prompts: escalations at once, the others as the weekly cap allows
 * now. `fresh` are prompts just stored, which the recipient query (eventually consistent on Forge)
 * may not show yet. When another job delivered to the same person meanwhile, its delivery stands
 * and this one gives way (nothing is opened twice, and the cap is kept) — except for escalations,
 * which are read again by id and opened if still queued.
 */
export async function deliverTo(
  store: PromptStore,
  recipients: Iterable<string>,
  policy: Pick<PromptPolicy, 'weeklyCapPerUser'>,
  now: number,
  fresh: readonly Prompt[] = [],
): Promise<Prompt[]> {
  const opened: Prompt[] = [];
  for (const recipient of recipients) {
    // the query may list a prompt delivered a moment ago as still queued: read the live ones by key,
    // or the weekly cap would count too few and open too many
    const stored = await currentPrompts(store, await store.ofRecipient(recipient));
    const known = new Set(stored.map((p) => p.id));
    const all = [...stored, ...fresh.filter((p) => p.recipient === recipient && !known.has(p.id))];
    const queued = all.filter((p) => p.state === 'queued');
    if (queued.length === 0) continue;
    const { delivered } = deliver(queued, countRecentlyDelivered(all, now), policy.weeklyCapPerUser, now);
    if (delivered.length === 0) continue;
    try {
      // the emails owed for them go into the outbox in the same transactions (docs/prompts.md, "Outside Tether")
      await store.update(delivered, notificationOrders(delivered, now));
      opened.push(...delivered);
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e;
      opened.push(
        ...(await openEscalations(
          store,
          delivered.filter((p) => !heldByCap(p.kind)).map((p) => p.id),
          now,
        )),
      );
    }
  }
  return opened;
}

/**
 * The escalations among `ids` that are still queued, opened now (the cap does not hold them back,
 * so the cap passed to `deliver` does not matter), read by id (strongly consistent) and written
 * again after each conflict. After a few conflicts in a row they are left to the hourly job.
 */
async function openEscalations(store: PromptStore, ids: readonly string[], now: number): Promise<Prompt[]> {
  if (ids.length === 0) return [];
  return retryOnConflict(
    async () => {
      const queued = [...(await store.getMany(ids)).values()].filter((p) => p.state === 'queued');
      const { delivered } = deliver(queued, new Map(), 1, now); // escalations only
      if (delivered.length === 0) return [];
      await store.update(delivered, notificationOrders(delivered, now));
      return delivered;
    },
    { attempts: ESCALATION_ATTEMPTS, giveUp: () => [] },
  );
}

/**
 * The scheduled part of delivery: snoozed prompts whose time has come are open again, and queued
 * prompts are opened for everyone the cap now allows (a week after a busy one, say).
 */
export async function releasePrompts(
  store: PromptStore,
  policy: Pick<PromptPolicy, 'weeklyCapPerUser'>,
  now: number,
): Promise<{ woken: Prompt[]; opened: Prompt[] }> {
  const woken = (await store.inState('snoozed'))
    .map((p) => [p, wake(p, now)] as const)
    .filter(([before, after]) => before !== after)
    .map(([, after]) => after);
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
