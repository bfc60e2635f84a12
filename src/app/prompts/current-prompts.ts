import type { Prompt, PromptState } from '../../contract';
import type { PromptStore } from '../../ports';

/** The states a prompt can still leave: answered, dismissed and expired prompts never change again. */
const LIVE: ReadonlySet<PromptState> = new Set(['queued', 'open', 'snoozed']);

/**
 * The prompts a query listed, as they are now. Forge's queries may lag writes (docs/forge-fidelity.md,
 * "What the app does about query lag"): a prompt answered, dismissed, snoozed or delivered a moment
 * ago can still be listed in its old state. So the listed prompts that could have moved on (queued,
 * open, snoozed) are read again by key (one batch get per 25; none when there are none), and the
 * prompts in `known` — written by this invocation, newer than anything read — win over both. A live
 * prompt missing when read by key is left out. The order of `listed` is kept.
 */
export async function currentPrompts(
  store: Pick<PromptStore, 'getMany'>,
  listed: readonly Prompt[],
  known: readonly Prompt[] = [],
): Promise<Prompt[]> {
  const written = new Map(known.map((p) => [p.id, p]));
  const reread = listed.filter((p) => LIVE.has(p.state) && !written.has(p.id)).map((p) => p.id);
  const fresh = reread.length === 0 ? new Map<string, Prompt>() : await store.getMany(reread);
  const current: Prompt[] = [];
  for (const p of listed) {
    const now = written.get(p.id) ?? (LIVE.has(p.state) ? fresh.get(p.id) : p);
    if (now !== undefined) current.push(now);
  }
  return current;
}
