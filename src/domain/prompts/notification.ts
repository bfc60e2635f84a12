/**
 * Which delivered prompts also reach their recipient as a Jira notification email, and what it
 * says (docs/prompts.md, "Outside Tether"). Jira sends notifications about an issue, so only a
 * prompt tied to one is emailed: an outcome review (about the issue that was finished), or an
 * escalation whose subject names an issue. The email says what the inbox says (the prompt's
 * reason) and where to answer; it carries no answer itself.
 */
import { NotifiedKind, type NotificationOrder, type Prompt } from '../../contract';

const SUBJECT_MAX = 255;

const TITLE: Record<NotifiedKind, string> = {
  'outcome-review': 'Outcome review',
  escalation: 'Escalation',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The order for one delivered prompt, or null when it is not emailed (its kind, or no issue). */
export function notificationOrder(prompt: Prompt, now: number): NotificationOrder | null {
  const kind = NotifiedKind.safeParse(prompt.kind);
  if (!kind.success || prompt.subject.type !== 'issue' || prompt.deliveredAt === null) return null;
  const { issueKey, objectiveId } = prompt.subject;
  const subject = `Tether: ${TITLE[kind.data].toLowerCase()} for ${issueKey}`.slice(0, SUBJECT_MAX);
  const where = `Answer it on ${issueKey} in Jira (Objectives, beside the issue) or in Tether's prompt inbox on the project page.`;
  const optOut = "To stop these emails, switch off 'Email me about prompts' in Tether's prompt inbox.";
  return {
    id: prompt.id,
    kind: kind.data,
    recipient: prompt.recipient,
    issueKey,
    objectiveId,
    subject,
    textBody: `${TITLE[kind.data]}: ${prompt.reason}\n\n${where}\n\n${optOut}`,
    htmlBody: `<p><strong>${TITLE[kind.data]}</strong>: ${escapeHtml(prompt.reason)}</p><p>${escapeHtml(where)}</p><p><small>${escapeHtml(optOut)}</small></p>`,
    state: 'pending',
    createdAt: now,
    claimedUntil: null,
    sentAt: null,
    skippedReason: null,
  };
}

/** The orders for prompts just delivered, in their order. */
export function notificationOrders(delivered: readonly Prompt[], now: number): NotificationOrder[] {
  return delivered.flatMap((p) => notificationOrder(p, now) ?? []);
}
