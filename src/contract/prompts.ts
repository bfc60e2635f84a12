import { z } from 'zod';
import { AccountId, Instant, IssueKey, Note, RecordId } from './common';
import { Confidence } from './check-ins';

export const PromptKind = z.enum(['outcome-review', 'check-in-due', 'escalation', 'period-review', 'alignment-gap']);
export type PromptKind = z.infer<typeof PromptKind>;

/** The most characters of a prompt id (it is a storage key, and part of the key of an escalation decision). */
export const PROMPT_ID_MAX = 400;

/**
 * A prompt's deterministic id, as the inbox gave it: its kind and the parts that make it unique,
 * joined by `:` (`check-in-due:O-2.KR-1:2937`, `escalation:O-3:5b10…:off-track:2026-W47`). Each
 * part is a record id, an issue key, an account id or a number, so an id has only letters,
 * digits and `. _ : -`.
 */
export const PromptId = z
  .string()
  .min(1, 'a prompt id is required')
  .max(PROMPT_ID_MAX, `a prompt id has at most ${PROMPT_ID_MAX} characters`)
  .regex(
    /^(outcome-review|check-in-due|escalation|period-review|alignment-gap):[A-Za-z0-9._:-]+$/,
    'not a prompt id: a prompt id is its kind and parts, such as check-in-due:O-2.KR-1:2937',
  );
export type PromptId = z.infer<typeof PromptId>;

/**
 * queued: waiting for the recipient's weekly cap; open: in the inbox; snoozed: back at `snoozedUntil`;
 * answered / dismissed: closed by the recipient; expired: moot (objective cancelled, issue deleted).
 */
export const PromptState = z.enum(['queued', 'open', 'snoozed', 'answered', 'dismissed', 'expired']);
export type PromptState = z.infer<typeof PromptState>;

/** What a prompt is about. */
export const PromptSubject = z.discriminatedUnion('type', [
  z.object({ type: z.literal('issue'), issueKey: IssueKey, objectiveId: RecordId }),
  z.object({ type: z.literal('key-result'), objectiveId: RecordId, keyResultId: RecordId }),
  z.object({ type: z.literal('objective'), objectiveId: RecordId }),
  z.object({ type: z.literal('workgroup'), workgroupId: RecordId, issueKeys: z.array(IssueKey) }),
]);
export type PromptSubject = z.infer<typeof PromptSubject>;

export const Impact = z.enum(['did-not-help', 'partly', 'fully', 'more-than-expected']);
export type Impact = z.infer<typeof Impact>;

export const EscalationChoice = z.enum(['keep-course', 'adjust-target', 'adjust-scope', 're-plan']);
export type EscalationChoice = z.infer<typeof EscalationChoice>;

export const PromptAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('outcome-review'), impact: Impact, note: Note.default('') }),
  z.object({
    kind: z.literal('check-in-due'),
    value: z.number().finite().nullable().default(null),
    confidence: Confidence,
    note: Note.default(''),
  }),
  z.object({ kind: z.literal('escalation'), choice: EscalationChoice, note: Note.default('') }),
  z.object({
    kind: z.literal('period-review'),
    grade: z.number().min(0, 'a grade is between 0 and 1').max(1, 'a grade is between 0 and 1'),
    helped: Note.default(''),
    hindered: Note.default(''),
  }),
  z.object({ kind: z.literal('alignment-gap'), note: Note.default('') }),
]);
export type PromptAnswer = z.infer<typeof PromptAnswer>;

export const Prompt = z.object({
  /** Deterministic: the same event always yields the same id, so a replay never duplicates a prompt. */
  id: PromptId,
  kind: PromptKind,
  recipient: AccountId,
  subject: PromptSubject,
  /** Why it was asked, shown to the recipient. */
  reason: z.string().max(500),
  createdAt: Instant,
  dueAt: Instant,
  state: PromptState,
  snoozedUntil: Instant.nullable().default(null),
  dismissReason: Note.nullable().default(null),
  answer: PromptAnswer.nullable().default(null),
  answeredAt: Instant.nullable().default(null),
  /** When it was dismissed or expired. */
  closedAt: Instant.nullable().default(null),
  /** When the prompt reached the inbox (queued prompts wait for the weekly cap). */
  deliveredAt: Instant.nullable().default(null),
});
export type Prompt = z.infer<typeof Prompt>;

/** Per-kind switches, cadence and lead time, set by admins. */
export const PromptPolicy = z.object({
  enabled: z
    .object({
      'outcome-review': z.boolean().default(true),
      'check-in-due': z.boolean().default(true),
      escalation: z.boolean().default(true),
      'period-review': z.boolean().default(true),
      'alignment-gap': z.boolean().default(true),
    })
    .prefault({}),
  /** Period reviews open this many days before the period ends. */
  periodReviewLeadDays: z.number().int().min(0).max(60).default(7),
  /** At most this many new prompts reach one person in seven days; the rest wait. */
  weeklyCapPerUser: z.number().int().min(1).max(100).default(5),
  /** Days a prompt is due after it is delivered. */
  answerWithinDays: z.number().int().min(1).max(60).default(7),
});
export type PromptPolicy = z.infer<typeof PromptPolicy>;

export const DEFAULT_PROMPT_POLICY: PromptPolicy = PromptPolicy.parse({});

/**
 * How one person's answer to an outcome review scores as impact, in [0, 1]: the four answers are
 * evenly spaced (did not help 0, partly 1/3, fully 2/3, more than expected 1).
 */
export const IMPACT_SCORE: Record<Impact, number> = {
  'did-not-help': 0,
  partly: 1 / 3,
  fully: 2 / 3,
  'more-than-expected': 1,
};

const count = z.number().int().nonnegative();
const ratio = z.number().min(0).max(1).nullable();

/**
 * What the prompts about something (an objective, a workgroup) yielded. `responseRate` is
 * answered / (delivered − expired): of the prompts that reached an inbox and still mattered, how
 * many were answered; null before any did. Averages are null without answers.
 */
export const FeedbackSummary = z.object({
  /** Prompts that reached an inbox (queued ones are not counted until they do). */
  delivered: count,
  answered: count,
  dismissed: count,
  /** Delivered, then made moot before an answer (objective cancelled, issue deleted). */
  expired: count,
  /** Open or snoozed now. */
  waiting: count,
  responseRate: ratio,
  /** Answered outcome reviews, and their mean impact (IMPACT_SCORE). */
  impactAnswers: count,
  averageImpact: ratio,
  /** Answered period reviews, and their mean grade. */
  gradedReviews: count,
  averageGrade: ratio,
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

/**
 * An objective's feedback, plus the grades of the objectives below it: every period review of
 * the objective and of the objectives under it by primary parent, averaged together.
 */
export const ObjectiveFeedback = FeedbackSummary.extend({
  subtreeGradedReviews: count,
  subtreeAverageGrade: ratio,
});
export type ObjectiveFeedback = z.infer<typeof ObjectiveFeedback>;
