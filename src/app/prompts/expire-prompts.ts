import type { Prompt } from '../../contract';
import { expire } from '../../domain/prompts/lifecycle';
import { VersionConflict } from '../app-failure';
import { currentPrompts } from './current-prompts';
import { refreshFeedback, type FeedbackPorts } from './refresh-feedback';

/**
 * Prompts whose subject is gone leave the inboxes: the queued, open and snoozed ones expire;
 * answered and dismissed ones stay as they are, so no answer is lost. Returns those that expired.
 */
async function expireAll(ports: FeedbackPorts, listed: readonly Prompt[], now: number): Promise<Prompt[]> {
  // a query may list a prompt answered or delivered a moment ago in its old state: read those again by key
  const prompts = await currentPrompts(ports.stores.prompts, listed);
  const expired = prompts
    .map((p) => [p, expire(p, now)] as const)
    .filter(([before, after]) => before !== after)
    .map(([, after]) => after);
  if (expired.length === 0) return [];
  const written: Prompt[] = [];
  for (const p of expired) {
    try {
      await ports.stores.prompts.update([p]);
      written.push(p);
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e; // answered or dismissed meanwhile: that stands
    }
  }
  await refreshFeedback(ports, written);
  return written;
}

/** An objective was cancelled (archived): every prompt about it, its key results and the issues serving it expires. */
export async function expireForObjective(ports: FeedbackPorts, objectiveId: string, now: number): Promise<Prompt[]> {
  return expireAll(ports, await ports.stores.prompts.ofObjective(objectiveId), now);
}

/** A key result was deleted: the prompts about it (its check-ins due) expire; those about the rest of the objective stay. */
export async function expireForKeyResult(
  ports: FeedbackPorts,
  objectiveId: string,
  keyResultId: string,
  now: number,
): Promise<Prompt[]> {
  const about = (await ports.stores.prompts.ofObjective(objectiveId)).filter(
    (p) => p.subject.type === 'key-result' && p.subject.keyResultId === keyResultId,
  );
  return expireAll(ports, about, now);
}

/**
 * The nightly reconciliation's sweep of one objective: its prompts whose subject is gone — all of
 * them when it is cancelled, else those about a key result it no longer has — that a change refused
 * after its first transaction left open (the expiry above is logged, not retried, when storage
 * refuses it). One query of the objective's prompts; nothing is written when none is moot.
 */
export async function expireMoot(
  ports: FeedbackPorts,
  objective: { id: string; status: string; keyResults: readonly { id: string }[] },
  now: number,
): Promise<Prompt[]> {
  const listed = await ports.stores.prompts.ofObjective(objective.id);
  const kept = new Set(objective.keyResults.map((k) => k.id));
  const moot =
    objective.status === 'cancelled'
      ? listed
      : listed.filter((p) => p.subject.type === 'key-result' && !kept.has(p.subject.keyResultId));
  return moot.length === 0 ? [] : expireAll(ports, moot, now);
}

/** A workgroup was deleted: its alignment gaps expire. */
export async function expireForWorkgroup(ports: FeedbackPorts, workgroupId: string, now: number): Promise<Prompt[]> {
  return expireAll(ports, await ports.stores.prompts.aboutWorkgroup(workgroupId), now);
}

/** An issue was deleted in Jira: the outcome reviews about it expire. */
export async function expireForIssue(ports: FeedbackPorts, issueKey: string, now: number): Promise<Prompt[]> {
  return expireAll(ports, await ports.stores.prompts.aboutIssue(issueKey), now);
}
