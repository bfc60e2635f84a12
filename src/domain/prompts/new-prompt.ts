import type { AccountId, Prompt, PromptKind, PromptPolicy, PromptSubject } from '../../contract';
import { DAY_MS } from '../time';

/** The contract's limit on a prompt's reason. */
export const REASON_MAX = 500;

/** What a rule decides; everything else about a new prompt is the same for every kind. */
export interface PromptDraft {
  id: string;
  kind: PromptKind;
  recipient: AccountId;
  subject: PromptSubject;
  reason: string;
}

/**
 * The deterministic id of a prompt: its kind and the parts that make it unique, joined by `:`.
 * Record ids cannot hold `:` and every rule puts at most one account id (which may) among
 * fixed-count parts, so different parts never give the same id.
 */
export function promptId(kind: PromptKind, ...parts: Array<string | number>): string {
  return [kind, ...parts].join(':');
}

/** Whether admins left this kind of prompt switched on. */
export function isEnabled(policy: Pick<PromptPolicy, 'enabled'>, kind: PromptKind): boolean {
  return policy.enabled[kind];
}

/** A new prompt: queued for the weekly cap, due `answerWithinDays` after now. */
export function newPrompt(draft: PromptDraft, policy: Pick<PromptPolicy, 'answerWithinDays'>, now: number): Prompt {
  return {
    id: draft.id,
    kind: draft.kind,
    recipient: draft.recipient,
    subject: draft.subject,
    reason: clip(draft.reason, REASON_MAX),
    createdAt: now,
    dueAt: now + policy.answerWithinDays * DAY_MS,
    state: 'queued',
    snoozedUntil: null,
    dismissReason: null,
    answer: null,
    answeredAt: null,
    closedAt: null,
    deliveredAt: null,
  };
}

/** A title in quotes, for reasons. */
export function quoted(title: string): string {
  return `'${title}'`;
}

/** A reason cut to the length a prompt keeps, with an ellipsis. */
export function clipReason(text: string): string {
  return clip(text, REASON_MAX);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
