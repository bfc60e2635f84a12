/**
 * feedback/period (Jira administrators): the period reviews of one period for the admin page —
 * per objective (restricted ones included) its grade, its subtree's rolled-up grade, the response
 * rate and the notes of its answered reviews; per workgroup its feedback summary.
 *
 * Bounded cost, whatever the history: the period's objectives (one `by-period` query), their
 * period-review prompts by their deterministic ids (`period-review:{period}:{objective}`, one
 * batch per 25), the stored feedback records (`feedback:o:`/`feedback:w:`, one batch per 25), the
 * workgroups (one batch per 25) and, per level above, one batch of ancestors and their feedback.
 */
import { byObjectiveKey, type Prompt } from '../../contract';
import type {
  FeedbackPeriodPayload,
  PeriodFeedback,
  PeriodObjectiveReview,
  PeriodReviewAncestor,
  PeriodReviewNote,
} from '../../contract/api';
import { addTallies, emptyFeedbackTally, feedbackSummary, mean, type GradeTotal } from '../../domain/prompts/feedback';
import { promptId } from '../../domain/prompts/new-prompt';
import { periodReviewOpensAt } from '../../domain/prompts/period-review';
import { validationFailure } from '../app-failure';
import type { ObjectivePorts } from '../objectives/objective-ports';
import type { StoredObjective } from '../objectives/stored-objective';

type Ports = Pick<ObjectivePorts, 'permissions' | 'settings' | 'objectiveStore' | 'workgroups' | 'prompting'>;

/** The grade rolled up over an objective's subtree, as stored beside it. */
function subtreeOf(
  total: GradeTotal | undefined,
): Pick<PeriodObjectiveReview, 'subtreeGradedReviews' | 'subtreeGrade'> {
  return {
    subtreeGradedReviews: total?.gradedReviews ?? 0,
    subtreeGrade: total === undefined ? null : mean(total.gradeSum, total.gradedReviews),
  };
}

/** The notes of answered period reviews, newest first. */
function notesOf(prompts: readonly Prompt[]): PeriodReviewNote[] {
  const notes: PeriodReviewNote[] = [];
  for (const p of prompts) {
    if (p.state !== 'answered' || p.answer?.kind !== 'period-review') continue;
    notes.push({
      promptId: p.id,
      author: p.recipient,
      answeredAt: p.answeredAt ?? p.createdAt,
      grade: p.answer.grade,
      helped: p.answer.helped,
      hindered: p.answer.hindered,
    });
  }
  return notes.sort((a, b) => b.answeredAt - a.answeredAt);
}

/** Reached an inbox and still matters: what the response rate counts as asked. */
const wasAsked = (p: Prompt) => p.deliveredAt !== null && p.state !== 'expired';

export async function periodFeedback(ports: Ports, payload: FeedbackPeriodPayload): Promise<PeriodFeedback> {
  await ports.permissions.requireSiteAdmin('read the period reviews');
  const settings = await ports.settings.get();
  const period = settings.periods.find((p) => p.id === payload.periodId);
  if (period === undefined)
    throw validationFailure(`There is no period "${payload.periodId}"`, [
      { path: 'periodId', message: `there is no period "${payload.periodId}"` },
    ]);
  const levelName = (id: string) => settings.levels.find((l) => l.id === id)?.name ?? id;

  const objectives = (await ports.objectiveStore.ofPeriods([period.id])).sort(byObjectiveKey);
  const reviewIdOf = (o: StoredObjective) => promptId('period-review', period.id, o.id);
  const workgroupIds = [...new Set(objectives.flatMap((o) => (o.workgroupId === null ? [] : [o.workgroupId])))];
  const [prompts, stored, workgroups] = await Promise.all([
    ports.prompting.prompts.getMany(objectives.map(reviewIdOf)),
    ports.prompting.feedback.read(
      objectives.map((o) => o.id),
      workgroupIds,
    ),
    ports.workgroups.getMany(workgroupIds),
  ]);

  let asked = 0;
  let answered = 0;
  let gradeSum = 0;
  let graded = 0;
  const reviews: PeriodObjectiveReview[] = objectives.map((o) => {
    const prompt = prompts.get(reviewIdOf(o));
    const mine = prompt === undefined ? [] : [prompt];
    const notes = notesOf(mine);
    const ownAsked = mine.filter(wasAsked).length;
    const ownAnswered = mine.filter((p) => p.state === 'answered').length;
    const ownGradeSum = notes.reduce((s, n) => s + n.grade, 0);
    asked += ownAsked;
    answered += ownAnswered;
    gradeSum += ownGradeSum;
    graded += notes.length;
    return {
      key: o.key,
      title: o.title,
      levelId: o.levelId,
      level: levelName(o.levelId),
      parentId: o.parentId,
      owner: o.owner,
      workgroupId: o.workgroupId,
      status: o.status,
      visibility: o.visibility,
      review: prompt?.state ?? 'not-asked',
      asked: ownAsked,
      answered: ownAnswered,
      responseRate: ownAsked === 0 ? null : ownAnswered / ownAsked,
      grade: mean(ownGradeSum, notes.length),
      ...subtreeOf(stored.objectives.get(o.id)?.subtree),
      notes,
    };
  });

  // the objectives of other periods above these, by primary parent (grades roll up along it only)
  const ancestors: PeriodReviewAncestor[] = [];
  const known = new Set(objectives.map((o) => o.key));
  let wanted: readonly StoredObjective[] = objectives;
  for (let round = 0; round < settings.levels.length && wanted.length > 0; round += 1) {
    const keys = [...new Set(wanted.flatMap((o) => (o.parentId === null ? [] : [o.parentId])))].filter(
      (k) => !known.has(k),
    );
    keys.forEach((k) => known.add(k));
    if (keys.length === 0) break;
    const [found, feedback] = await Promise.all([
      ports.objectiveStore.getMany(keys),
      ports.prompting.feedback.objectives(keys),
    ]);
    wanted = [...found.values()];
    for (const a of wanted) {
      ancestors.push({
        key: a.key,
        title: a.title,
        levelId: a.levelId,
        level: levelName(a.levelId),
        parentId: a.parentId,
        periodId: a.periodId,
        visibility: a.visibility,
        ...subtreeOf(feedback.get(a.id)?.subtree),
      });
    }
  }

  const summaries = workgroupIds
    .flatMap((id) => {
      const w = workgroups.get(id);
      if (w === undefined) return [];
      const tally = addTallies(
        stored.workgroups.get(id) ?? emptyFeedbackTally(),
        ...objectives
          .filter((o) => o.workgroupId === id)
          .map((o) => stored.objectives.get(o.id)?.own ?? emptyFeedbackTally()),
      );
      return [{ id, name: w.name, feedback: feedbackSummary(tally) }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    period,
    leadDays: settings.promptPolicy.periodReviewLeadDays,
    enabled: settings.promptPolicy.enabled['period-review'],
    opensAt: periodReviewOpensAt(period, settings.promptPolicy.periodReviewLeadDays),
    objectives: reviews,
    ancestors: ancestors.sort(byObjectiveKey),
    workgroups: summaries,
    totals: {
      asked,
      answered,
      responseRate: asked === 0 ? null : answered / asked,
      averageGrade: mean(gradeSum, graded),
    },
  };
}
