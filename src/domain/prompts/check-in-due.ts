import { isCheckedInByHand, type KeyResult, type Objective, type Prompt, type PromptPolicy } from '../../contract';
import { hasBegun } from '../pace';
import { DAY_MS } from '../time';
import { isEnabled, newPrompt, promptId, quoted } from './new-prompt';

export interface CheckInDueInput {
  keyResults: readonly KeyResult[];
  /** The time of the latest check-in, by key result id. */
  latestCheckInAt: ReadonlyMap<string, number>;
  /**
   * The key results' objectives, each with the first instant of its period (null when unknown); a
   * key result whose objective is missing or not active, or whose period has not begun, is skipped.
   */
  objectives: ReadonlyArray<Pick<Objective, 'id' | 'status'> & { periodStartsAt: number | null }>;
  /** Days between check-ins (the rollup policy's `checkInCadenceDays`). */
  cadenceDays: number;
  policy: Pick<PromptPolicy, 'enabled' | 'answerWithinDays'>;
  now: number;
}

/**
 * Ask owners of key results updated by hand (metric, milestone) to check in when the last check-in
 * (or, without one, the key result's creation or its period's start, the later) is older than the
 * cadence; not before the objective's period begins. The id carries the
 * cadence window `floor(now / cadence)`: one prompt per key result per window.
 * A milestone already marked done needs no more check-ins.
 */
export function checkInDuePrompts(input: CheckInDueInput): Prompt[] {
  const { policy, now } = input;
  if (!isEnabled(policy, 'check-in-due')) return [];
  const cadenceMs = input.cadenceDays * DAY_MS;
  if (!(cadenceMs > 0)) return [];
  const window = Math.floor(now / cadenceMs);
  // an objective whose period has not begun is not started: nobody is asked to check in on it yet
  const startsAt = new Map(
    input.objectives
      .filter(
        (o) => o.status === 'active' && hasBegun(o.periodStartsAt === null ? null : { start: o.periodStartsAt }, now),
      )
      .map((o) => [o.id, o.periodStartsAt ?? -Infinity]),
  );
  const seen = new Set<string>();
  const prompts: Prompt[] = [];

  for (const kr of input.keyResults) {
    if (seen.has(kr.id)) continue;
    seen.add(kr.id);
    const periodStartsAt = startsAt.get(kr.objectiveId);
    if (!isCheckedInByHand(kr.kind) || periodStartsAt === undefined) continue;
    if (kr.kind === 'milestone' && kr.done) continue;
    const checkedInAt = input.latestCheckInAt.get(kr.id);
    // without a check-in, the cadence runs from the key result's creation or its period's start, the later
    const since = checkedInAt ?? Math.max(kr.createdAt, periodStartsAt);
    if (now - since <= cadenceMs) continue;
    const days = Math.floor((now - since) / DAY_MS);
    prompts.push(
      newPrompt(
        {
          id: promptId('check-in-due', kr.id, window),
          kind: 'check-in-due',
          recipient: kr.owner,
          subject: { type: 'key-result', objectiveId: kr.objectiveId, keyResultId: kr.id },
          reason:
            checkedInAt === undefined
              ? kr.createdAt >= periodStartsAt
                ? `Time to check in on ${quoted(kr.title)}: no check-in since it was created ${days} days ago.`
                : `Time to check in on ${quoted(kr.title)}: no check-in since its period began ${days} days ago.`
              : `Time to check in on ${quoted(kr.title)}: the last check-in was ${days} days ago.`,
        },
        policy,
        now,
      ),
    );
  }
  return prompts;
}
