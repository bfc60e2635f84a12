import {
  detailsFromZod,
  Note,
  PromptAnswer,
  type AccountId,
  type ErrorCode,
  type ErrorDetail,
  type Prompt,
  type PromptKind,
  type PromptState,
  type Reply,
} from '../../contract';
import { DAY_MS } from '../time';

export type SnoozeFor = '1d' | '1w';

export const SNOOZE_MS: Record<SnoozeFor, number> = { '1d': DAY_MS, '1w': 7 * DAY_MS };

/** The states in which the recipient can still act on a prompt. */
const ACTIONABLE: ReadonlySet<PromptState> = new Set(['open', 'snoozed']);

const WHY_NOT: Record<PromptState, string> = {
  queued: 'has not reached your inbox yet',
  open: 'is open',
  snoozed: 'is snoozed',
  answered: 'was already answered',
  dismissed: 'was dismissed',
  expired: 'expired: what it asked about no longer applies',
};

const LABEL: Record<PromptKind, string> = {
  'outcome-review': 'an outcome review',
  'check-in-due': 'a check-in',
  escalation: 'an escalation',
  'period-review': 'a period review',
  'alignment-gap': 'an alignment gap',
};

function fail(code: ErrorCode, message: string, details?: ErrorDetail[]): Reply<Prompt> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** Only the recipient acts on a prompt, and only while it is open or snoozed. */
function checkActor(prompt: Prompt, by: AccountId, verb: 'answer' | 'dismiss' | 'snooze'): Reply<Prompt> | null {
  if (by !== prompt.recipient) return fail('FORBIDDEN', `Only the person this prompt was sent to can ${verb} it.`);
  if (!ACTIONABLE.has(prompt.state))
    return fail('CONFLICT', `This prompt cannot be ${verb.replace(/e?$/, 'ed')}: it ${WHY_NOT[prompt.state]}.`);
  return null;
}

/** The recipient answers; the answer must be of the prompt's kind. Answering a snoozed prompt is fine. */
export function answer(prompt: Prompt, by: AccountId, given: PromptAnswer, now: number): Reply<Prompt> {
  const denied = checkActor(prompt, by, 'answer');
  if (denied) return denied;
  if (given.kind !== prompt.kind)
    return fail('VALIDATION', `The answer is for ${LABEL[given.kind]}, but this prompt is ${LABEL[prompt.kind]}.`, [
      { path: 'answer.kind', message: `expected "${prompt.kind}"` },
    ]);
  const parsed = PromptAnswer.safeParse(given);
  if (!parsed.success)
    return fail('VALIDATION', 'The answer is not valid.', prefix('answer', detailsFromZod(parsed.error)));
  return { ok: true, data: { ...prompt, state: 'answered', answer: parsed.data, answeredAt: now, snoozedUntil: null } };
}

/** The recipient dismisses the prompt, optionally saying why. */
export function dismiss(prompt: Prompt, by: AccountId, reason: string | null, now: number): Reply<Prompt> {
  const denied = checkActor(prompt, by, 'dismiss');
  if (denied) return denied;
  const note = reason === null ? null : reason.trim();
  if (note !== null) {
    const parsed = Note.safeParse(note);
    if (!parsed.success)
      return fail('VALIDATION', 'The reason is not valid.', prefix('reason', detailsFromZod(parsed.error)));
  }
  return {
    ok: true,
    data: {
      ...prompt,
      state: 'dismissed',
      dismissReason: note === '' ? null : note,
      snoozedUntil: null,
      closedAt: now,
    },
  };
}

/** The recipient puts the prompt away for a day or a week; snoozing again restarts the time. */
export function snooze(prompt: Prompt, by: AccountId, duration: SnoozeFor, now: number): Reply<Prompt> {
  const denied = checkActor(prompt, by, 'snooze');
  if (denied) return denied;
  const ms = Object.hasOwn(SNOOZE_MS, duration) ? SNOOZE_MS[duration] : undefined;
  if (ms === undefined)
    return fail('VALIDATION', 'A prompt can be snoozed for a day or a week.', [
      { path: 'duration', message: 'expected "1d" or "1w"' },
    ]);
  return { ok: true, data: { ...prompt, state: 'snoozed', snoozedUntil: now + ms } };
}

/** A snoozed prompt whose time has come is open again; any other prompt is returned as it is (same object). */
export function wake(prompt: Prompt, now: number): Prompt {
  if (prompt.state !== 'snoozed' || prompt.snoozedUntil === null || prompt.snoozedUntil > now) return prompt;
  return { ...prompt, state: 'open', snoozedUntil: null };
}

/**
 * A prompt made moot (objective cancelled, issue deleted) expires if nobody has closed it yet.
 * Answered, dismissed and expired prompts are returned as they are (same object): answers are kept.
 */
export function expire(prompt: Prompt, now: number): Prompt {
  if (prompt.state !== 'queued' && prompt.state !== 'open' && prompt.state !== 'snoozed') return prompt;
  return { ...prompt, state: 'expired', snoozedUntil: null, closedAt: now };
}

function prefix(path: string, details: ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => ({ path: d.path === '' ? path : `${path}.${d.path}`, message: d.message }));
}
