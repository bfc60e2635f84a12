import type { StatusReason } from '@contract/figure-explained';
import { hiddenWords, progressWords, shareWords, statusWords, weightWords } from '@shared/figure-words';

const dec3 = Date.parse('2026-12-03T15:00:00Z');
/** "Now" for the words' dates: within 2026, so a 2026 day is written without its year. */
const NOW = Date.parse('2026-12-06T10:00:00Z');
function reason(over: Partial<StatusReason>): StatusReason {
  return {
    status: 'on-track',
    progress: 0.5,
    expected: 0.55,
    lagPace: 'on-track',
    atRiskLag: 0.1,
    offTrackLag: 0.25,
    confidenceCap: null,
    stale: null,
    startsOn: null,
    ...over,
  };
}

describe('a status in words', () => {
  it('says the progress against the period, and the confidence that lowered it', () => {
    expect(
      statusWords(
        reason({
          status: 'off-track',
          progress: 0.88,
          expected: 0.8,
          confidenceCap: { confidence: 'low', since: dec3 },
        }),
        NOW,
      ),
    ).toBe('Off track: 88% done at 80% of the period; confidence Low since 3 Dec');
  });

  it('says how far behind an even pace, and the threshold passed', () => {
    expect(statusWords(reason({ status: 'off-track', progress: 0.44, expected: 0.8, lagPace: 'off-track' }), NOW)).toBe(
      'Off track: 44% done at 80% of the period; 36 points behind an even pace (more than 25 is off track)',
    );
    expect(statusWords(reason({ status: 'at-risk', progress: 0.4, expected: 0.55, lagPace: 'at-risk' }), NOW)).toBe(
      'At risk: 40% done at 55% of the period; 15 points behind an even pace (more than 10 is at risk)',
    );
  });

  it('never says a lag at the threshold passed it: the difference of the shown figures, else one decimal', () => {
    expect(statusWords(reason({ status: 'at-risk', progress: 0.446, expected: 0.55, lagPace: 'at-risk' }), NOW)).toBe(
      'At risk: 45% done at 55% of the period; 10.4 points behind an even pace (more than 10 is at risk)',
    );
    expect(statusWords(reason({ status: 'at-risk', progress: 0.44, expected: 0.554, lagPace: 'at-risk' }), NOW)).toBe(
      'At risk: 44% done at 55% of the period; 11 points behind an even pace (more than 10 is at risk)',
    );
  });

  it('says since when nobody checked in, and when a period begins', () => {
    expect(statusWords(reason({ status: 'stale', stale: { since: dec3, cadenceDays: 7 } }), NOW)).toBe(
      'Stale: 50% done at 55% of the period; no check-in since 3 Dec (one is expected every 7 days)',
    );
    expect(statusWords(reason({ status: 'not-started', startsOn: '2027-01-01' }), NOW)).toBe(
      'Not started: its period begins on 1 Jan 2027; until then it does not count in the objectives above it.',
    );
  });
});

describe('a breakdown line in words', () => {
  it('gives the share, or why it is not counted', () => {
    expect(shareWords({ share: 0.25, notCounted: null, startsOn: null }, NOW)).toBe('25% of the figure');
    expect(shareWords({ share: null, notCounted: 'no-measure', startsOn: null }, NOW)).toBe(
      'not counted: no measure yet',
    );
    expect(shareWords({ share: null, notCounted: 'weight-zero', startsOn: null }, NOW)).toBe(
      'shown, not counted (weight 0)',
    );
    expect(shareWords({ share: null, notCounted: 'not-started', startsOn: '2027-01-01' }, NOW)).toBe(
      'starts 1 Jan 2027: not counted until then',
    );
  });

  it('shows overshoot, the default weight and the hidden objectives', () => {
    expect(progressWords({ progress: 1, overshoot: 0.25 })).toBe('125% — 25% beyond target');
    expect(progressWords({ progress: null, overshoot: 0 })).toBe('no measure yet');
    expect(weightWords({ weight: 2, weightIsDefault: true })).toBe('weight 2 (the default)');
    expect(hiddenWords({ count: 1, share: 0.2 })).toBe('1 objective you cannot see — 20% of the figure');
    expect(hiddenWords({ count: 2, share: 0 })).toBe('2 objectives you cannot see — not counted');
  });
});
