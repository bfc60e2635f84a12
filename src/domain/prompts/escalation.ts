import {
  CONFIDENCE_STEPS,
  type Objective,
  type ObjectiveRollup,
  type Prompt,
  type PromptPolicy,
  type Workgroup,
} from '../../contract';
import { distinct } from './distinct';
import { isoWeek } from './iso-week';
import { isEnabled, newPrompt, promptId, quoted } from './new-prompt';

export type EscalationCause = 'off-track' | 'confidence';

export interface EscalationInput {
  objective: Pick<Objective, 'id' | 'title' | 'status'>;
  /** The rollup record before this change; null when there was none. */
  previous: Pick<ObjectiveRollup, 'status' | 'confidence'> | null;
  next: Pick<ObjectiveRollup, 'status' | 'confidence' | 'progress' | 'expected'>;
  /** The primary parent objective, whose owner is asked. */
  parent: Pick<Objective, 'owner'> | null;
  /** The objective's workgroup, whose leads are asked. */
  workgroup: Pick<Workgroup, 'leads'> | null;
  policy: Pick<PromptPolicy, 'enabled' | 'answerWithinDays'>;
  now: number;
}

/** How many confidence steps (high → low) count as a drop worth escalating. */
export const CONFIDENCE_DROP_STEPS = 2;

/**
 * What, if anything, this change escalates. Turning off track wins over a confidence drop that
 * comes with it (a low confidence itself puts the objective off track), so one change asks once.
 */
export function escalationCause(
  previous: Pick<ObjectiveRollup, 'status' | 'confidence'> | null,
  next: Pick<ObjectiveRollup, 'status' | 'confidence'>,
): EscalationCause | null {
  if (next.status === 'off-track' && previous?.status !== 'off-track') return 'off-track';
  if (previous !== null && previous.confidence !== null && next.confidence !== null) {
    const drop = CONFIDENCE_STEPS[previous.confidence] - CONFIDENCE_STEPS[next.confidence];
    if (drop >= CONFIDENCE_DROP_STEPS) return 'confidence';
  }
  return null;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Why an objective is off track, in the words of its figures (the rule is pace.ts) and as the
 * status's reason says them on every surface (static/shared/src/figure-words.ts): "44% done at 80%
 * of the period"; "confidence low" when the latest check-in put it there; both when both hold.
 */
export function whyOffTrack(next: Pick<ObjectiveRollup, 'confidence' | 'progress' | 'expected'>): string {
  const parts: string[] = [];
  if (next.progress !== null && next.expected !== null)
    parts.push(`${percent(next.progress)} done at ${percent(next.expected)} of the period`);
  if (next.confidence === 'low') parts.push('confidence low');
  return parts.length === 0 ? 'by its latest figures' : parts.join('; ');
}

/**
 * When an active objective turns off track or its confidence drops from high to low, ask the parent
 * objective's owner and every lead of the workgroup — each person once — to acknowledge it and
 * decide whether to keep course or adjust. One prompt per objective, person and cause per ISO week.
 */
export function escalationPrompts(input: EscalationInput): Prompt[] {
  const { objective, policy, now } = input;
  if (!isEnabled(policy, 'escalation')) return [];
  if (objective.status !== 'active') return [];
  const cause = escalationCause(input.previous, input.next);
  if (cause === null) return [];

  const recipients = distinct([...(input.parent ? [input.parent.owner] : []), ...(input.workgroup?.leads ?? [])]);
  const week = isoWeek(now);
  const what =
    cause === 'off-track'
      ? `${quoted(objective.title)} turned off track (${whyOffTrack(input.next)})`
      : `Confidence in ${quoted(objective.title)} dropped from ${input.previous?.confidence} to ${input.next.confidence}`;
  const reason = `${what}: keep course, or adjust the target, the scope or the plan?`;

  return recipients.map((recipient) =>
    newPrompt(
      {
        id: promptId('escalation', objective.id, recipient, cause, week),
        kind: 'escalation',
        recipient,
        subject: { type: 'objective', objectiveId: objective.id },
        reason,
      },
      policy,
      now,
    ),
  );
}
