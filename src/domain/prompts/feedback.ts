import { IMPACT_SCORE, type FeedbackSummary, type ObjectiveFeedback, type Prompt } from '../../contract';

/**
 * What prompts yielded, as counts and sums, so that tallies add up (an objective's own, a
 * workgroup's, an objective's subtree) before anything is averaged.
 */
export interface FeedbackTally {
  delivered: number;
  answered: number;
  dismissed: number;
  expired: number;
  waiting: number;
  impactAnswers: number;
  impactSum: number;
  gradedReviews: number;
  gradeSum: number;
}

export function emptyFeedbackTally(): FeedbackTally {
  return {
    delivered: 0,
    answered: 0,
    dismissed: 0,
    expired: 0,
    waiting: 0,
    impactAnswers: 0,
    impactSum: 0,
    gradedReviews: 0,
    gradeSum: 0,
  };
}

/** The tally of some prompts (each counted once, by id). */
export function tallyPrompts(prompts: Iterable<Prompt>): FeedbackTally {
  const t = emptyFeedbackTally();
  const seen = new Set<string>();
  for (const p of prompts) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    if (p.deliveredAt === null) continue; // queued, or expired before it reached anyone
    t.delivered += 1;
    if (p.state === 'open' || p.state === 'snoozed') t.waiting += 1;
    else if (p.state === 'dismissed') t.dismissed += 1;
    else if (p.state === 'expired') t.expired += 1;
    else if (p.state === 'answered') {
      t.answered += 1;
      if (p.answer?.kind === 'outcome-review') {
        t.impactAnswers += 1;
        t.impactSum += IMPACT_SCORE[p.answer.impact];
      } else if (p.answer?.kind === 'period-review') {
        t.gradedReviews += 1;
        t.gradeSum += p.answer.grade;
      }
    }
  }
  return t;
}

export function addTallies(...tallies: FeedbackTally[]): FeedbackTally {
  const sum = emptyFeedbackTally();
  for (const t of tallies) for (const k of Object.keys(sum) as (keyof FeedbackTally)[]) sum[k] += t[k];
  return sum;
}

export function isEmptyTally(t: FeedbackTally): boolean {
  return t.delivered === 0;
}

/** sum / n within [0, 1]; null when there is nothing to average. */
export function mean(sum: number, n: number): number | null {
  return n === 0 ? null : clamp01(sum / n);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Response rate = answered / (delivered − expired); averages of impact and grade over the answers that give one. */
export function feedbackSummary(t: FeedbackTally): FeedbackSummary {
  const mattered = t.delivered - t.expired;
  return {
    delivered: t.delivered,
    answered: t.answered,
    dismissed: t.dismissed,
    expired: t.expired,
    waiting: t.waiting,
    responseRate: mattered <= 0 ? null : clamp01(t.answered / mattered),
    impactAnswers: t.impactAnswers,
    averageImpact: mean(t.impactSum, t.impactAnswers),
    gradedReviews: t.gradedReviews,
    averageGrade: mean(t.gradeSum, t.gradedReviews),
  };
}

/** The grades of an objective's subtree: its own period reviews and those of every objective below it. */
export interface GradeTotal {
  gradedReviews: number;
  gradeSum: number;
}

/**
 * Grades roll up by primary parent only (an objective aligned to several would otherwise count
 * more than once): the subtree's total is the objective's own plus each child's subtree total.
 */
export function subtreeGrades(
  own: Pick<FeedbackTally, 'gradedReviews' | 'gradeSum'>,
  children: readonly GradeTotal[],
): GradeTotal {
  return children.reduce(
    (acc, c) => ({ gradedReviews: acc.gradedReviews + c.gradedReviews, gradeSum: acc.gradeSum + c.gradeSum }),
    {
      gradedReviews: own.gradedReviews,
      gradeSum: own.gradeSum,
    },
  );
}

export function objectiveFeedback(own: FeedbackTally, subtree: GradeTotal): ObjectiveFeedback {
  return {
    ...feedbackSummary(own),
    subtreeGradedReviews: subtree.gradedReviews,
    subtreeAverageGrade: mean(subtree.gradeSum, subtree.gradedReviews),
  };
}
