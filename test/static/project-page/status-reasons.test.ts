import { statusWords } from '@shared/figure-words';
import { withStatusReasons } from '../../../static/project-page/src/status-reasons';
import { aPage, anEntry } from './page-builders';

/** "Now" for the words' dates: within 2026, so its days are written without the year. */
const NOW = Date.parse('2026-11-20T10:00:00Z');

/** project-page/view serves no reason per objective: the page derives each from its rollup and the view's policy. */
describe('withStatusReasons', () => {
  const page = (over: Record<string, unknown> = {}) => {
    const p = aPage();
    const checkout = p.workgroups[0]!;
    return {
      ...p,
      statusPolicy: { atRiskLag: 0.1, offTrackLag: 0.25, checkInCadenceDays: 14 },
      workgroups: [
        {
          ...checkout,
          objectives: [
            anEntry('O-7', { workgroupId: 'wg-checkout' }, 'off-track', 0.2, {
              expected: 0.6,
              pace: 'off-track',
              stale: true,
              lastCheckInAt: Date.parse('2026-11-02T10:00:00Z'),
            }),
            anEntry('O-8', { workgroupId: 'wg-checkout', periodId: 'p-2027q1' }, 'not-started', null),
            { ...anEntry('O-9', { workgroupId: 'wg-checkout' }), rollup: null },
          ],
        },
      ],
      ...over,
    };
  };

  it("says why each status with the page's lags and cadence, and a period not begun by its first day", () => {
    const [o7, o8, o9] = withStatusReasons(page()).workgroups[0]!.objectives;
    expect(o7?.statusReason).toMatchObject({ lagPace: 'off-track', offTrackLag: 0.25 });
    expect(statusWords(o7!.statusReason!, NOW)).toBe(
      'Off track: 20% done at 60% of the period; 40 points behind an even pace (more than 25 is off track); no check-in since 2 Nov (one is expected every 14 days)',
    );
    expect(o8?.statusReason?.startsOn).toBe('2027-01-01');
    expect(o9?.statusReason).toBeNull();
  });

  it('follows the policy the view serves: a looser at-risk lag puts the same record on pace', () => {
    const loose = page({ statusPolicy: { atRiskLag: 0.5, offTrackLag: 0.6, checkInCadenceDays: 14 } });
    expect(withStatusReasons(loose).workgroups[0]!.objectives[0]?.statusReason?.lagPace).toBe('on-track');
  });

  it('derives the aligned objectives too', () => {
    expect(withStatusReasons(page()).aligned.every((e) => e.statusReason !== undefined)).toBe(true);
  });
});
