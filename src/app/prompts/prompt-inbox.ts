import type { Prompt } from '../../contract';
import type { PromptInbox, PromptsInboxPayload, PromptsWaiting } from '../../contract/api';
import { wake } from '../../domain/prompts/lifecycle';
import { comparePriority, heldByCap, waitingUnderCap } from '../../domain/prompts/weekly-cap';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { currentPrompts } from './current-prompts';
import { gapsAsTheyStand } from './open-gaps';
import { withContext } from './prompt-context';
import { promptsTheCallerSees } from './prompt-visibility';

const NONE_WAITING: PromptsWaiting = { count: 0, nextAt: null, cap: null };

/**
 * prompts/inbox: the caller's open prompts — snoozed ones whose time has come count as open —
 * the most urgent kind first, then the oldest; and how many of their queued prompts the weekly cap
 * holds back, with when the first of them can open. With `issueKey` (the issue panel): only those
 * about that issue (its outcome reviews, and alignment gaps that list it), in both. Snoozed,
 * answered, dismissed and expired prompts are not in the inbox. The list comes from the
 * `by-recipient` query, which may lag writes: the prompts it lists as queued, open or snoozed are
 * read again by key, so a prompt answered, dismissed or snoozed a moment ago has left the inbox
 * (currentPrompts). Costs one query, one batch get of those prompts and two batches for their
 * context; when something waits, also the settings (for the cap), read beside the batches; when an
 * alignment gap is shown, the stored issues it lists and their ancestors (gapsAsTheyStand).
 */
export async function promptInbox(ports: ObjectivePorts, payload: PromptsInboxPayload): Promise<PromptInbox> {
  const me = ports.permissions.requireUser();
  const now = ports.clock.now();
  const { prompts: store } = ports.prompting;
  // visibility may have changed since a prompt was raised: only those about what the caller may see now
  const all = await promptsTheCallerSees(ports, await currentPrompts(store, await store.ofRecipient(me)));
  const { issueKey } = payload;
  const about = (p: Prompt) =>
    issueKey === undefined ||
    (p.subject.type === 'issue' && p.subject.issueKey === issueKey) ||
    (p.subject.type === 'workgroup' && p.subject.issueKeys.includes(issueKey));
  const shown = all.map((p) => wake(p, now)).filter((p) => p.state === 'open' && about(p));
  const held = all.some((p) => p.state === 'queued' && heldByCap(p.kind) && about(p));

  const [items, waiting] = await Promise.all([
    withContext(ports, shown.sort(comparePriority)),
    held ? waitingFor(ports, all, now, about) : NONE_WAITING,
  ]);
  // an alignment gap no longer lists epics linked since it was raised (and may no longer be about this issue)
  const prompts = (await gapsAsTheyStand(ports.rollups, items)).filter(about);
  return { prompts, waiting };
}

async function waitingFor(
  ports: ObjectivePorts,
  all: readonly Prompt[],
  now: number,
  about: (p: Prompt) => boolean,
): Promise<PromptsWaiting> {
  const cap = (await ports.settings.get()).promptPolicy.weeklyCapPerUser;
  return { ...waitingUnderCap(all, cap, now, about), cap };
}
