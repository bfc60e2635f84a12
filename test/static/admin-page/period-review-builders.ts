/** feedback/period replies for the admin page's Period reviews tab, parsed through the contract. */
import { PeriodFeedback, type PeriodObjectiveReview, type PeriodReviewAncestor } from '@contract/api';
import { T0 } from '../../support/builders';

const noFeedback = {
  delivered: 0,
  answered: 0,
  dismissed: 0,
  expired: 0,
  waiting: 0,
  responseRate: null,
  impactAnswers: 0,
  averageImpact: null,
  gradedReviews: 0,
  averageGrade: null,
};

/** An objective of the period whose review was not asked yet. */
export function aReviewedObjective(key: string, over: Partial<PeriodObjectiveReview> = {}): PeriodObjectiveReview {
  return {
    key,
    title: `Objective ${key}`,
    levelId: 'workgroup',
    level: 'Workgroup',
    parentId: null,
    owner: 'acc-mia',
    workgroupId: 'web-squad',
    status: 'active',
    visibility: 'public',
    review: 'not-asked',
    asked: 0,
    answered: 0,
    responseRate: null,
    grade: null,
    subtreeGradedReviews: 0,
    subtreeGrade: null,
    notes: [],
    ...over,
  };
}

/** An objective whose owner answered its review with `grade` and these notes. */
export function anAnsweredObjective(
  key: string,
  grade: number,
  notes: { helped?: string; hindered?: string; author?: string } = {},
  over: Partial<PeriodObjectiveReview> = {},
): PeriodObjectiveReview {
  const author = notes.author ?? over.owner ?? 'acc-mia';
  return aReviewedObjective(key, {
    owner: author,
    review: 'answered',
    asked: 1,
    answered: 1,
    responseRate: 1,
    grade,
    subtreeGradedReviews: 1,
    subtreeGrade: grade,
    notes: [
      {
        promptId: `period-review:2026-q4:${key}`,
        author,
        answeredAt: T0,
        grade,
        helped: notes.helped ?? '',
        hindered: notes.hindered ?? '',
      },
    ],
    ...over,
  });
}

export function anAncestor(key: string, over: Partial<PeriodReviewAncestor> = {}): PeriodReviewAncestor {
  return {
    key,
    title: `Objective ${key}`,
    levelId: 'organisation',
    level: 'Organisation priority',
    parentId: null,
    periodId: '2026',
    visibility: 'public',
    subtreeGradedReviews: 0,
    subtreeGrade: null,
    ...over,
  };
}

export function aPeriodFeedback(over: Partial<PeriodFeedback> = {}): PeriodFeedback {
  const objectives = over.objectives ?? [];
  const asked = objectives.reduce((s, o) => s + o.asked, 0);
  const answered = objectives.reduce((s, o) => s + o.answered, 0);
  const grades = objectives.flatMap((o) => o.notes.map((n) => n.grade));
  return PeriodFeedback.parse({
    period: { id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', state: 'open' },
    leadDays: 7,
    enabled: true,
    opensAt: Date.parse('2027-01-01T00:00:00Z') - 7 * 86_400_000,
    objectives,
    ancestors: [],
    workgroups: [],
    totals: {
      asked,
      answered,
      responseRate: asked === 0 ? null : answered / asked,
      averageGrade: grades.length === 0 ? null : grades.reduce((a, b) => a + b, 0) / grades.length,
    },
    ...over,
  });
}

export function aWorkgroupFeedback(id: string, name: string, over: Record<string, unknown> = {}) {
  return { id, name, feedback: { ...noFeedback, ...over } };
}
