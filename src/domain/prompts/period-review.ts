import type { Objective, ObjectiveStatus, Period, Prompt, PromptPolicy } from '../../contract';
import { DAY_MS, endOfDate } from '../time';
import { distinctBy } from './distinct';
import { isEnabled, newPrompt, promptId, quoted } from './new-prompt';

export interface PeriodReviewInput {
  period: Pick<Period, 'id' | 'name' | 'end' | 'state'>;
  /** The objectives of the period; any of another period is ignored. */
  objectives: ReadonlyArray<Pick<Objective, 'id' | 'title' | 'owner' | 'periodId' | 'status'>>;
  policy: Pick<PromptPolicy, 'enabled' | 'answerWithinDays' | 'periodReviewLeadDays'>;
  now: number;
}

const REVIEWED: ReadonlySet<ObjectiveStatus> = new Set(['active', 'done']);

/** When the period review opens: `periodReviewLeadDays` before the end of the period's last day. */
export function periodReviewOpensAt(period: Pick<Period, 'end'>, leadDays: number): number {
  return endOfDate(period.end) - leadDays * DAY_MS;
}

/**
 * From `periodReviewLeadDays` before its end until the period is closed, ask the owner of each
 * active or done objective to grade it and say what helped and what hindered. One per objective.
 */
export function periodReviewPrompts(input: PeriodReviewInput): Prompt[] {
  const { period, policy, now } = input;
  if (!isEnabled(policy, 'period-review')) return [];
  if (period.state !== 'open') return [];
  if (now < periodReviewOpensAt(period, policy.periodReviewLeadDays)) return [];
  const ends = now < endOfDate(period.end) ? 'ends' : 'ended';

  return distinctBy(input.objectives, (o) => o.id)
    .filter((o) => o.periodId === period.id && REVIEWED.has(o.status))
    .map((o) =>
      newPrompt(
        {
          id: promptId('period-review', period.id, o.id),
          kind: 'period-review',
          recipient: o.owner,
          subject: { type: 'objective', objectiveId: o.id },
          reason: `${period.name} ${ends} on ${period.end}: grade ${quoted(o.title)} and note what helped and what hindered.`,
        },
        policy,
        now,
      ),
    );
}
