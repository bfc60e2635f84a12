import { expectedShare, isStale, lowerByConfidence, paceOf, statusOf } from '../../src/domain/pace';
import { aPolicy, DAY } from '../support/builders';

const q4 = { start: '2026-10-01', end: '2026-12-31' };
const at = (iso: string) => Date.parse(iso);

describe('pace', () => {
  it('expects progress in step with the calendar', () => {
    expect(expectedShare(q4, at('2026-09-20T00:00:00Z'))).toBe(0);
    expect(expectedShare(q4, at('2026-10-01T00:00:00Z'))).toBe(0);
    // Q4 has 92 days: 16 November at midnight is day 46, half-way
    expect(expectedShare(q4, at('2026-11-16T00:00:00Z'))).toBe(0.5);
    expect(expectedShare(q4, at('2027-01-01T00:00:00Z'))).toBe(1);
  });

  it('is on track within 10 points of the calendar, at risk within 25, off track beyond (defaults)', () => {
    const policy = aPolicy();
    expect(paceOf(0.42, 0.5, policy)).toBe('on-track');
    expect(paceOf(0.3, 0.5, policy)).toBe('at-risk');
    expect(paceOf(0.2, 0.5, policy)).toBe('off-track');
    expect(paceOf(0.9, 0.5, policy)).toBe('on-track');
  });

  it('follows the thresholds an admin sets', () => {
    expect(paceOf(0.45, 0.5, aPolicy({ atRiskLag: 0.02, offTrackLag: 0.04 }))).toBe('off-track');
  });

  it('is lowered, never raised, by the latest confidence', () => {
    expect(lowerByConfidence('on-track', 'medium')).toBe('at-risk');
    expect(lowerByConfidence('on-track', 'low')).toBe('off-track');
    expect(lowerByConfidence('off-track', 'high')).toBe('off-track');
    expect(lowerByConfidence('at-risk', null)).toBe('at-risk');
  });
});

describe('staleness', () => {
  const now = at('2026-11-15T00:00:00Z');
  it('marks an objective nobody checked in on for longer than the cadence, while its period runs', () => {
    expect(isStale(now - 8 * DAY, q4, now, 7)).toBe(true);
    expect(isStale(now - 6 * DAY, q4, now, 7)).toBe(false);
    expect(isStale(now - 60 * DAY, { start: '2026-07-01', end: '2026-09-30' }, now, 7)).toBe(false);
  });
});

describe('status', () => {
  it('puts done first, then no measure, then off track, then stale, then the pace', () => {
    expect(statusOf({ objectiveStatus: 'done', progress: 0.1, pace: 'off-track', stale: true })).toBe('done');
    expect(statusOf({ objectiveStatus: 'active', progress: null, pace: null, stale: true })).toBe('no-measure');
    expect(statusOf({ objectiveStatus: 'active', progress: 0.1, pace: 'off-track', stale: true })).toBe('off-track');
    expect(statusOf({ objectiveStatus: 'active', progress: 0.5, pace: 'at-risk', stale: true })).toBe('stale');
    expect(statusOf({ objectiveStatus: 'active', progress: 0.5, pace: 'at-risk', stale: false })).toBe('at-risk');
    expect(statusOf({ objectiveStatus: 'cancelled', progress: 0.5, pace: 'on-track', stale: false })).toBe('cancelled');
  });
});
