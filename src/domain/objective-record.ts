import type { KeyResult, Objective, ObjectiveRollup, Period, RollupPolicy } from '../contract';
import { deliveryFigures, workSummary } from './delivery';
import { keyResultRollup } from './key-result-progress';
import { expectedShare, isStale, lowerByConfidence, paceOf, statusOf } from './pace';
import type { LastCheckIn } from './rollup-model';
import type { WorkTally } from './tally';
import { weightedMean } from './weighted-mean';

/** What contributes to an objective: another objective's latest progress and its weight here. */
export interface ContributorInput {
  /** Set weight, or null for the policy's default child weight. */
  weight: number | null;
  progress: number | null;
  /** Drafts and cancelled objectives do not count upward. */
  counts: boolean;
}

/** Everything one objective's record is computed from: no lookups, so stored data can feed it. */
export interface RecordInputs {
  objective: Objective;
  keyResults: readonly KeyResult[];
  /** The tally of all work serving the objective (`o:` set). */
  ownTally: WorkTally;
  /** The tally of the issues linked to one key result (`k:` set). */
  keyResultTally: (keyResultId: string) => WorkTally;
  /** Latest value of metric (check-in) and query (refresh) key results. */
  measurement: (keyResultId: string) => number | null;
  contributors: readonly ContributorInput[];
  period: Period | null;
  lastCheckIn: LastCheckIn | null;
  policy: RollupPolicy;
  now: number;
}

/** The record of one objective: key results, weighted progress, pace, status, work. */
export function objectiveRecord(input: RecordInputs): ObjectiveRollup {
  const { objective: o, policy, now } = input;
  const keyResults = input.keyResults.map((kr) => {
    const scopeIsObjective = (kr.kind === 'completion' || kr.kind === 'delivery-quality') && kr.scope === 'objective';
    const tally = scopeIsObjective ? input.ownTally : input.keyResultTally(kr.id);
    return { kr, rollup: keyResultRollup(kr, { tally, measurement: input.measurement(kr.id), now }) };
  });
  const inputs = keyResults.map(({ kr, rollup }) => ({ weight: kr.weight ?? policy.defaultKeyResultWeight, progress: rollup.progress }));
  if (policy.include === 'key-results-and-children') {
    for (const c of input.contributors) if (c.counts) inputs.push({ weight: c.weight ?? policy.defaultChildWeight, progress: c.progress });
  }
  const mean = weightedMean(inputs);

  const period = input.period;
  const expected = period === null ? null : expectedShare(period, now);
  const last = input.lastCheckIn;
  const confidence = last?.confidence ?? null;
  const pace = mean.value === null ? null : lowerByConfidence(expected === null ? 'on-track' : paceOf(mean.value, expected, policy), confidence);
  const stale = isStale(last?.at ?? o.createdAt, period, now, policy.checkInCadenceDays);
  return {
    objectiveId: o.id,
    progress: mean.value,
    expected,
    status: statusOf({ objectiveStatus: o.status, progress: mean.value, pace, stale }),
    pace,
    stale,
    confidence,
    lastCheckInAt: last?.at ?? null,
    measuredInputs: mean.measured,
    work: workSummary(input.ownTally),
    delivery: deliveryFigures(input.ownTally, now),
    keyResults: keyResults.map((k) => k.rollup),
  };
}
