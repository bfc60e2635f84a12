import type { Confidence } from '../../src/contract';
import { objectiveRecord } from '../../src/domain/rollup/objective-record';
import { boundsOf } from '../../src/domain/pace';
import { statusReason } from '../../src/domain/status-reason';
import { emptyTally } from '../../src/domain/tally';
import { aKeyResult, anObjective, aPeriod, aPolicy, DAY, T0 } from '../support/builders';

const quarter = aPeriod(); // 2026-10-01 … 2026-12-31, 92 days
const policy = aPolicy();

/** An objective measured by one metric at `value` %, `day` days into the quarter, with its latest check-in. */
function recordAt(value: number, day: number, checkIn: { confidence: Confidence; daysAgo: number } | null) {
  const now = T0 + day * DAY;
  return objectiveRecord({
    objective: anObjective({ id: 'o', createdAt: T0 }),
    keyResults: [aKeyResult({ id: 'kr', objectiveId: 'o', kind: 'metric', baseline: 0, target: 100 })],
    ownTally: emptyTally(),
    keyResultTallies: {},
    measurements: { kr: value },
    contributors: [],
    period: boundsOf(quarter),
    lastCheckIn:
      checkIn === null ? null : { id: 'ci', at: now - checkIn.daysAgo * DAY, confidence: checkIn.confidence },
    policy,
    now,
  });
}

describe('why a status', () => {
  it('off track by the lag alone: progress, the elapsed share and the lag pace', () => {
    const record = recordAt(44, 73.6, { confidence: 'high', daysAgo: 2 });
    const reason = statusReason(record, policy, quarter.start);
    expect(reason).toMatchObject({ status: 'off-track', lagPace: 'off-track', confidenceCap: null, stale: null });
    expect(reason.progress).toBeCloseTo(0.44);
    expect(reason.expected).toBeCloseTo(0.8);
  });

  it('off track because the latest confidence is low, though on pace', () => {
    const record = recordAt(88, 73.6, { confidence: 'low', daysAgo: 3 });
    const reason = statusReason(record, policy, quarter.start);
    expect(reason.status).toBe('off-track');
    expect(reason.lagPace).toBe('on-track');
    expect(reason.confidenceCap).toEqual({ confidence: 'low', since: record.lastCheckInAt });
  });

  it('a confidence that changes nothing is not a reason', () => {
    expect(statusReason(recordAt(20, 73.6, { confidence: 'low', daysAgo: 1 }), policy, null).confidenceCap).toBeNull();
  });

  it('stale: nobody checked in within the cadence, with the day of the last check-in', () => {
    const record = recordAt(50, 46, { confidence: 'high', daysAgo: 10 });
    const reason = statusReason(record, policy, quarter.start);
    expect(reason.status).toBe('stale');
    expect(reason.stale).toEqual({ since: record.lastCheckInAt, cadenceDays: 7 });
    expect(statusReason(recordAt(50, 46, null), policy, quarter.start).stale).toEqual({ since: null, cadenceDays: 7 });
  });

  it('not started: the day its period begins', () => {
    const record = recordAt(0, -10, null);
    expect(statusReason(record, policy, quarter.start)).toMatchObject({
      status: 'not-started',
      startsOn: '2026-10-01',
    });
  });
});
