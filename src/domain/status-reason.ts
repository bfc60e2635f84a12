import type { ObjectiveRollup, RollupPolicy, StatusReason } from '../contract';
import { lowerByConfidence, paceOf } from './pace';

/**
 * The parts an objective's status was reached from (pace.ts): progress against the elapsed share
 * of the period and the lag thresholds, the latest confidence when it lowered the pace, staleness,
 * and the day a period not begun starts. `startsOn` is the first day of the objective's period.
 */
export function statusReason(
  record: ObjectiveRollup,
  policy: Pick<RollupPolicy, 'atRiskLag' | 'offTrackLag' | 'checkInCadenceDays'>,
  startsOn: string | null,
): StatusReason {
  const measured = record.progress !== null && record.pace !== null;
  const lagPace = !measured
    ? null
    : record.expected === null
      ? 'on-track'
      : paceOf(record.progress as number, record.expected, policy);
  const capped =
    lagPace !== null && record.confidence !== null && record.lastCheckInAt !== null
      ? lowerByConfidence(lagPace, record.confidence) !== lagPace
      : false;
  return {
    status: record.status,
    progress: record.progress,
    expected: record.expected,
    lagPace,
    atRiskLag: policy.atRiskLag,
    offTrackLag: policy.offTrackLag,
    confidenceCap:
      capped && record.confidence !== null && record.lastCheckInAt !== null
        ? { confidence: record.confidence, since: record.lastCheckInAt }
        : null,
    stale: record.stale ? { since: record.lastCheckInAt, cadenceDays: policy.checkInCadenceDays } : null,
    startsOn: record.status === 'not-started' ? startsOn : null,
  };
}
