/**
 * The rule that turns an objective's rollup record into the words of its status (docs/rollup.md,
 * "Status"), shared by both sides: the server explains a figure with it (objectives/explain) and
 * the project page derives each row's reason with it from the record and the policy the view
 * serves once (`statusPolicy`), instead of the view serving a reason per objective.
 */
import type { Confidence } from './check-ins';
import type { StatusReason } from './figure-explained';
import type { RollupPolicy } from './policy';
import type { ObjectiveRollup, PaceStatus } from './rollup';

/** The parts of the rollup policy a status reason is reached with. */
export type StatusPolicy = Pick<RollupPolicy, 'atRiskLag' | 'offTrackLag' | 'checkInCadenceDays'>;

/** How far progress lags the calendar decides the pace. */
export function paceOf(
  progress: number,
  expected: number,
  policy: Pick<RollupPolicy, 'atRiskLag' | 'offTrackLag'>,
): PaceStatus {
  const lag = expected - progress;
  if (lag > policy.offTrackLag) return 'off-track';
  if (lag > policy.atRiskLag) return 'at-risk';
  return 'on-track';
}

const WORSE: PaceStatus[] = ['on-track', 'at-risk', 'off-track'];
/** The confidence of the latest check-in can only lower the pace: medium → at most at risk, low → off track. */
const CAP: Record<Confidence, PaceStatus> = { high: 'on-track', medium: 'at-risk', low: 'off-track' };

export function lowerByConfidence(pace: PaceStatus, confidence: Confidence | null): PaceStatus {
  if (confidence === null) return pace;
  return WORSE[Math.max(WORSE.indexOf(pace), WORSE.indexOf(CAP[confidence]))] as PaceStatus;
}

/**
 * The parts an objective's status was reached from: progress against the elapsed share of the
 * period and the lag thresholds, the latest confidence when it lowered the pace, staleness, and
 * the day a period not begun starts. `startsOn` is the first day of the objective's period.
 */
export function statusReason(
  record: Pick<ObjectiveRollup, 'progress' | 'expected' | 'pace' | 'status' | 'stale' | 'confidence' | 'lastCheckInAt'>,
  policy: StatusPolicy,
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
