import type { PromptList, PromptsInboxPayload } from '../../contract/api';
import { wake } from '../../domain/prompts/lifecycle';
import { comparePriority } from '../../domain/prompts/weekly-cap';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { withContext } from './prompt-context';

/**
 * prompts/inbox: the caller's open prompts — snoozed ones whose time has come count as open —
 * the most urgent kind first, then the oldest. With `issueKey` (the issue panel): only those about
 * that issue (its outcome reviews, and alignment gaps that list it). Queued, snoozed, answered,
 * dismissed and expired prompts are not in the inbox. Costs one query and two batches.
 */
export async function promptInbox(ports: ObjectivePorts, payload: PromptsInboxPayload): Promise<PromptList> {
  const me = ports.permissions.requireUser();
  const now = ports.clock.now();
  const mine = (await ports.prompting.prompts.ofRecipient(me)).map((p) => wake(p, now)).filter((p) => p.state === 'open');
  const { issueKey } = payload;
  const shown =
    issueKey === undefined
      ? mine
      : mine.filter((p) => (p.subject.type === 'issue' && p.subject.issueKey === issueKey) || (p.subject.type === 'workgroup' && p.subject.issueKeys.includes(issueKey)));
  return { prompts: await withContext(ports, shown.sort(comparePriority)) };
}
