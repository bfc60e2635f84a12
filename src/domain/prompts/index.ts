/** Feedback prompts: when each kind is due, the weekly cap, and what the recipient can do with one. */
export { isoWeek } from './iso-week';
export { newPrompt, promptId, isEnabled, REASON_MAX, type PromptDraft } from './new-prompt';
export { outcomeReviewPrompts, type OutcomeReviewInput, type ServedObjective } from './outcome-review';
export { checkInDuePrompts, type CheckInDueInput } from './check-in-due';
export {
  escalationPrompts,
  escalationCause,
  CONFIDENCE_DROP_STEPS,
  type EscalationCause,
  type EscalationInput,
} from './escalation';
export { periodReviewPrompts, periodReviewOpensAt, type PeriodReviewInput } from './period-review';
export { alignmentGapPrompts, compareIssueKeys, type AlignmentGapInput, type WorkgroupGap } from './alignment-gap';
export {
  deliver,
  countRecentlyDelivered,
  comparePriority,
  heldByCap,
  openingTimes,
  waitingUnderCap,
  KIND_PRIORITY,
  CAP_WINDOW_MS,
  type Delivery,
  type WaitingUnderCap,
} from './weekly-cap';
export { answer, dismiss, snooze, wake, expire, SNOOZE_MS, type SnoozeFor } from './lifecycle';
export {
  tallyPrompts,
  addTallies,
  emptyFeedbackTally,
  isEmptyTally,
  feedbackSummary,
  subtreeGrades,
  objectiveFeedback,
  type FeedbackTally,
  type GradeTotal,
} from './feedback';
