/**
 * Sends the outbox's Jira notification emails (docs/prompts.md, "Outside Tether"), run by the job
 * queue with the orders' ids. Delivery is at least once, so each order is its own idempotency
 * record: a run claims it (state `sending`, guarded by its version) before asking Jira, marks it
 * `sent` after, and a retried or duplicate job finds it sent, or claimed by another run, and sends
 * nothing. An order is not sent — `skipped`, with the reason — when its recipient opted out, may
 * no longer see the objective (promptAudience, as when the prompt was raised), the prompt was
 * answered, dismissed or expired meanwhile, or Jira no longer shows the issue.
 *
 * When Jira refuses for its rate limit (429 past what the sender waits within the invocation), the
 * claim is given back and the failure passed on: the queue consumer asks Forge for the job again
 * after Jira's Retry-After (src/triggers/retry-later.ts), and whatever is still pending is sent then.
 */
import type { NotificationOrder, SkippedReason } from '../../contract';
import { VersionConflict } from '../app-failure';
import type { PromptAudience } from './prompt-audience';
import type {
  Clock,
  JiraPort,
  Logger,
  NotificationOutbox,
  NotificationPrefsStore,
  ObjectiveStore,
  PromptStore,
  StoredNotificationOrder,
} from '../../ports';

/** How long a run holds an order it is sending; a run that died holding one leaves it to be sent after this. */
export const NOTIFY_CLAIM_MS = 5 * 60_000;

export interface NotifyPorts {
  outbox: NotificationOutbox;
  prefs: Pick<NotificationPrefsStore, 'get'>;
  prompts: Pick<PromptStore, 'get'>;
  objectiveStore: Pick<ObjectiveStore, 'getMany'>;
  audience: Pick<PromptAudience, 'maySee'>;
  jira: Pick<JiraPort, 'notifyIssue'>;
  clock: Clock;
  log: Logger;
}

export interface NotifyResult {
  sent: string[];
  skipped: { id: string; reason: SkippedReason }[];
  /** Already sent, skipped or held by another run: nothing done. */
  untouched: string[];
}

const CLOSED = new Set(['answered', 'dismissed', 'expired']);

/** Why the order must not be sent now, or null when it may. */
async function reasonNotToSend(ports: NotifyPorts, order: NotificationOrder): Promise<SkippedReason | null> {
  const [prefs, prompt, objectives] = await Promise.all([
    ports.prefs.get(order.recipient),
    ports.prompts.get(order.id),
    ports.objectiveStore.getMany([order.objectiveId]),
  ]);
  if (!prefs.emails) return 'opted-out';
  if (prompt === null || CLOSED.has(prompt.state)) return 'prompt-closed';
  const objective = objectives.get(order.objectiveId);
  if (objective === undefined || !(await ports.audience.maySee(order.recipient, objective))) return 'may-not-see';
  return null;
}

/** Claims the order for this run; null when it is not to be sent by this run. */
async function claim(ports: NotifyPorts, id: string, now: number): Promise<StoredNotificationOrder | null> {
  const order = await ports.outbox.get(id);
  if (order === null || order.state === 'sent' || order.state === 'skipped') return null;
  if (order.state === 'sending' && (order.claimedUntil ?? 0) > now) return null;
  try {
    return await ports.outbox.put({ ...order, state: 'sending', claimedUntil: now + NOTIFY_CLAIM_MS });
  } catch (e) {
    if (e instanceof VersionConflict) return null; // another run took it first
    throw e;
  }
}

export async function sendNotifications(ports: NotifyPorts, ids: readonly string[]): Promise<NotifyResult> {
  const result: NotifyResult = { sent: [], skipped: [], untouched: [] };
  for (const id of ids) {
    const now = ports.clock.now();
    const claimed = await claim(ports, id, now);
    if (claimed === null) {
      result.untouched.push(id);
      continue;
    }
    let outcome: SkippedReason | 'sent';
    try {
      outcome = (await reasonNotToSend(ports, claimed)) ?? (await send(ports, claimed));
    } catch (error) {
      // given back, so that the job's next delivery (or the hourly sweep) sends it
      await ports.outbox.put({ ...claimed, state: 'pending', claimedUntil: null });
      throw error;
    }
    const done = ports.clock.now();
    if (outcome === 'sent') {
      await ports.outbox.put({ ...claimed, state: 'sent', claimedUntil: null, sentAt: done });
      result.sent.push(id);
    } else {
      await ports.outbox.put({ ...claimed, state: 'skipped', claimedUntil: null, skippedReason: outcome });
      result.skipped.push({ id, reason: outcome });
    }
  }
  if (result.sent.length + result.skipped.length > 0)
    ports.log.info('notification emails', {
      sent: result.sent.length,
      skipped: result.skipped.map((s) => `${s.id} (${s.reason})`).join(', ') || undefined,
    });
  return result;
}

async function send(ports: NotifyPorts, order: NotificationOrder): Promise<'sent' | 'issue-gone'> {
  if (ports.jira.notifyIssue === undefined) return 'issue-gone';
  return ports.jira.notifyIssue(order.issueKey, {
    subject: order.subject,
    textBody: order.textBody,
    htmlBody: order.htmlBody,
    to: [order.recipient],
  });
}

/** How long an order may stay pending before the hourly job queues it again (its own job's retries run within about an hour). */
export const NOTIFY_SWEEP_AFTER_MS = 60 * 60_000;

/**
 * Orders not sent a while after their delivery, pushed to the queue again: pending since before
 * `now − NOTIFY_SWEEP_AFTER_MS` (a push lost after its transaction, a job out of retries), or
 * claimed by a run that died holding them (`sending`, its claim over: a retried job met the claim
 * and ended quietly).
 */
export async function sweepNotifications(
  ports: { outbox: Pick<NotificationOutbox, 'unsent'>; queue: { push(ids: readonly string[]): Promise<void> } },
  now: number,
  limit = 500,
): Promise<number> {
  const stale = (await ports.outbox.unsent(limit))
    .filter((o) => (o.state === 'sending' ? (o.claimedUntil ?? 0) <= now : o.createdAt < now - NOTIFY_SWEEP_AFTER_MS))
    .map((o) => o.id);
  if (stale.length > 0) await ports.queue.push(stale);
  return stale.length;
}
