import { z } from 'zod';
import { AccountId, Instant, Note, RecordId, Title } from '../common';
import { ObjectiveKey, ObjectiveStatus, Visibility } from '../objectives';
import { Period } from '../periods';
import { FeedbackSummary, PromptState } from '../prompts';
import { endpoint } from './endpoint';
import { PromptId } from './prompts';

const count = z.number().int().nonnegative();
const ratio = z.number().min(0).max(1).nullable();

/** The period reviews of one period, for the admin page (Jira administrators). */
export const FeedbackPeriodPayload = z.strictObject({ periodId: RecordId });
export type FeedbackPeriodPayload = z.infer<typeof FeedbackPeriodPayload>;

/** One answered period review: the grade and what helped and what hindered, by whom and when. */
export const PeriodReviewNote = z.object({
  promptId: PromptId,
  author: AccountId,
  answeredAt: Instant,
  grade: z.number().min(0).max(1),
  helped: Note,
  hindered: Note,
});
export type PeriodReviewNote = z.infer<typeof PeriodReviewNote>;

/** Where an objective's period review stands: not asked (yet), or the state of its prompt. */
export const PeriodReviewState = z.union([z.literal('not-asked'), PromptState]);
export type PeriodReviewState = z.infer<typeof PeriodReviewState>;

/** What an objective of the period and its subtree yielded in period reviews. */
export const PeriodObjectiveReview = z.object({
  key: ObjectiveKey,
  title: Title,
  levelId: RecordId,
  /** The level's name (its id when the level is gone). */
  level: z.string(),
  /** The primary parent (grades roll up along it); it may belong to another period (see `ancestors`). */
  parentId: ObjectiveKey.nullable(),
  owner: AccountId,
  workgroupId: RecordId.nullable(),
  status: ObjectiveStatus,
  visibility: Visibility,
  review: PeriodReviewState,
  /** Period reviews that reached the owner's inbox and still matter (expired ones are not counted). */
  asked: count,
  answered: count,
  /** answered / asked; null before any was asked. */
  responseRate: ratio,
  /** The mean grade of its answered period reviews; null without one. */
  grade: ratio,
  /** Its own grades and those of every objective below it by primary parent, averaged together (as stored). */
  subtreeGradedReviews: count,
  subtreeGrade: ratio,
  /** Its answered period reviews, newest first. */
  notes: z.array(PeriodReviewNote),
});
export type PeriodObjectiveReview = z.infer<typeof PeriodObjectiveReview>;

/** An objective of another period above the period's objectives by primary parent, with its rolled-up grade. */
export const PeriodReviewAncestor = PeriodObjectiveReview.pick({
  key: true,
  title: true,
  levelId: true,
  level: true,
  parentId: true,
  visibility: true,
  subtreeGradedReviews: true,
  subtreeGrade: true,
}).extend({ periodId: RecordId });
export type PeriodReviewAncestor = z.infer<typeof PeriodReviewAncestor>;

export const PeriodFeedback = z.object({
  period: Period,
  /** Period reviews open this many days before the period ends (the prompt policy). */
  leadDays: z.number().int().nonnegative(),
  /** Whether period reviews are switched on (the prompt policy). */
  enabled: z.boolean(),
  /** When the reviews open: `leadDays` before the end of the period's last day (UTC). */
  opensAt: Instant,
  /** Every objective of the period (restricted ones included), by number. */
  objectives: z.array(PeriodObjectiveReview),
  /** The objectives of other periods above them by primary parent, by number. */
  ancestors: z.array(PeriodReviewAncestor),
  /** Each workgroup with objectives in the period: their feedback and its alignment gaps, together. */
  workgroups: z.array(z.object({ id: RecordId, name: z.string(), feedback: FeedbackSummary })),
  /** The period's period reviews together. */
  totals: z.object({ asked: count, answered: count, responseRate: ratio, averageGrade: ratio }),
});
export type PeriodFeedback = z.infer<typeof PeriodFeedback>;

export const feedbackEndpoints = {
  'feedback/period': endpoint(FeedbackPeriodPayload, PeriodFeedback),
};
