import { z } from 'zod';
import { CheckIn, Confidence } from '../check-ins';
import { AccountId, Instant, IssueKey, Note, RecordId, Title } from '../common';
import { KeyResultKey } from '../key-results';
import { ObjectiveKey, ObjectiveStatus } from '../objectives';
import { EscalationChoice, Impact, Prompt, PROMPT_ID_MAX, PromptId } from '../prompts';
import { endpoint } from './endpoint';

/** A prompt's id as the inbox gave it (its pattern and bound: src/contract/prompts.ts). */
export { PromptId };

/**
 * What a prompt is about, read at the time of asking so the inbox can show it without more calls:
 * the objective (key, title, status), the key result (key, title, kind), the workgroup, and the
 * issues (the issue reviewed, or the epics of an alignment gap). Null where the subject has none
 * or it is gone.
 */
export const PromptContext = z.object({
  objective: z.object({ id: RecordId, key: ObjectiveKey, title: Title, status: ObjectiveStatus }).nullable(),
  keyResult: z
    .object({
      id: RecordId,
      key: KeyResultKey,
      title: Title,
      kind: z.enum(['completion', 'metric', 'query', 'delivery-quality', 'milestone']),
    })
    .nullable(),
  workgroup: z.object({ id: RecordId, name: z.string() }).nullable(),
  issueKeys: z.array(IssueKey),
});
export type PromptContext = z.infer<typeof PromptContext>;

export const PromptItem = Prompt.extend({ context: PromptContext });
export type PromptItem = z.infer<typeof PromptItem>;

export const PromptList = z.object({ prompts: z.array(PromptItem) });
export type PromptList = z.infer<typeof PromptList>;

/**
 * The caller's prompts that the weekly cap holds back (in the issue panel: those about the issue):
 * how many, when the first of them can reach the inbox — when the person's rolling seven days next
 * have room, if nothing more urgent arrives first — and the cap (prompts a person, in any seven
 * days). Escalations are never held back, so never counted here. `nextAt` and `cap` are null
 * exactly when `count` is 0.
 */
export const PromptsWaiting = z.object({
  count: z.number().int().nonnegative(),
  nextAt: Instant.nullable(),
  cap: z.number().int().min(1).nullable(),
});
export type PromptsWaiting = z.infer<typeof PromptsWaiting>;

/** prompts/inbox: the open prompts, and what waits under the weekly cap. */
export const PromptInbox = PromptList.extend({ waiting: PromptsWaiting });
export type PromptInbox = z.infer<typeof PromptInbox>;

/** The caller's open prompts (open, and snoozed ones whose time has come); with `issueKey`, those about that issue (issue panel). */
export const PromptsInboxPayload = z.strictObject({ issueKey: IssueKey.optional() });
export type PromptsInboxPayload = z.infer<typeof PromptsInboxPayload>;

/** An answer, of the prompt's kind (the same shapes as a stored PromptAnswer; unknown fields refused). */
export const PromptAnswerInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('outcome-review'), impact: Impact, note: Note.default('') }),
  z.strictObject({
    kind: z.literal('check-in-due'),
    /** The metric's new value (required for a metric, refused for a milestone). */
    value: z.number().finite().nullable().default(null),
    confidence: Confidence,
    note: Note.default(''),
  }),
  z.strictObject({ kind: z.literal('escalation'), choice: EscalationChoice, note: Note.default('') }),
  z.strictObject({
    kind: z.literal('period-review'),
    grade: z.number().min(0, 'a grade is between 0 and 1').max(1, 'a grade is between 0 and 1'),
    helped: Note.default(''),
    hindered: Note.default(''),
  }),
  z.strictObject({ kind: z.literal('alignment-gap'), note: Note.default('') }),
]);
export type PromptAnswerInput = z.infer<typeof PromptAnswerInput>;

export const PromptsAnswerPayload = z.strictObject({ promptId: PromptId, answer: PromptAnswerInput });
export type PromptsAnswerPayload = z.infer<typeof PromptsAnswerPayload>;

/** An escalation's answer, kept in the objective's history (besides check-ins). */
export const EscalationDecision = z.object({
  /** `decision:{promptId}`. */
  id: z
    .string()
    .max(PROMPT_ID_MAX + 9)
    .regex(/^decision:[A-Za-z0-9._:-]+$/, 'a decision id is decision: and its prompt id'),
  objectiveId: RecordId,
  promptId: PromptId,
  choice: EscalationChoice,
  note: Note,
  author: AccountId,
  at: z.number().int().nonnegative(),
});
export type EscalationDecision = z.infer<typeof EscalationDecision>;

/** The answered prompt; a check-in-due answer also returns the check-in it recorded, an escalation the decision kept. */
export const PromptAnswered = z.object({
  prompt: PromptItem,
  checkIn: CheckIn.nullable(),
  decision: EscalationDecision.nullable(),
});
export type PromptAnswered = z.infer<typeof PromptAnswered>;

export const PromptsDismissPayload = z.strictObject({ promptId: PromptId, reason: Note.optional() });
export type PromptsDismissPayload = z.infer<typeof PromptsDismissPayload>;

export const PromptsSnoozePayload = z.strictObject({
  promptId: PromptId,
  days: z.union([z.literal(1), z.literal(7)], { error: 'a prompt is snoozed for 1 or 7 days' }),
});
export type PromptsSnoozePayload = z.infer<typeof PromptsSnoozePayload>;

export const PromptChanged = z.object({ prompt: PromptItem });
export type PromptChanged = z.infer<typeof PromptChanged>;

/**
 * Answered prompts of a workgroup's objectives (and its alignment gaps), newest answer first, for
 * its leads and Jira administrators. Without `workgroupId`: every workgroup the caller leads
 * (administrators: every workgroup). Restricted objectives are left out for whoever may not see them.
 */
export const PromptsAnsweredPayload = z.strictObject({
  workgroupId: RecordId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type PromptsAnsweredPayload = z.infer<typeof PromptsAnsweredPayload>;

export const ObjectiveDecisionsPayload = z.strictObject({ objectiveKey: ObjectiveKey });
export type ObjectiveDecisionsPayload = z.infer<typeof ObjectiveDecisionsPayload>;

export const DecisionList = z.object({ decisions: z.array(EscalationDecision) });
export type DecisionList = z.infer<typeof DecisionList>;

export const promptEndpoints = {
  'prompts/inbox': endpoint(PromptsInboxPayload, PromptInbox),
  'prompts/answer': endpoint(PromptsAnswerPayload, PromptAnswered),
  'prompts/dismiss': endpoint(PromptsDismissPayload, PromptChanged),
  'prompts/snooze': endpoint(PromptsSnoozePayload, PromptChanged),
  'prompts/answered': endpoint(PromptsAnsweredPayload, PromptList),
  'objectives/decisions': endpoint(ObjectiveDecisionsPayload, DecisionList),
};
