/** The trend chart's geometry: ticks, scales, the two lines and the words of a point. Pure; no DOM. */
import fc from 'fast-check';
import {
  dateTicks,
  dayNumber,
  historyDays,
  hoverBands,
  linePath,
  pacePath,
  paceOn,
  percentTicks,
  pointAfterKey,
  pointText,
  scaleFor,
  trendPoints,
  trendSummary,
  yMaxOf,
  type Box,
} from '@shared/trend-scale';

const Q4 = { start: '2026-10-01', end: '2026-12-31' };
const BOX: Box = { width: 200, height: 110, left: 20, right: 0, top: 0, bottom: 10 };
const snap = (day: string, progress: number | null, expected: number | null = null) => ({ day, progress, expected });

describe('trend scale', () => {
  it('puts the period across the inner width and 0–100 % up the inner height', () => {
    const scale = scaleFor(Q4.start, Q4.end, 1, BOX);
    expect(scale.x(Q4.start)).toBe(20);
    expect(scale.x(Q4.end)).toBe(200);
    expect(scale.x('2026-11-15')).toBeCloseTo(20 + (45 / 91) * 180, 6);
    expect(scale.y(0)).toBe(100);
    expect(scale.y(1)).toBe(0);
    expect(scale.y(0.5)).toBe(50);
  });

  it('raises the top of the y axis to the next quarter when progress overshoots, else keeps 100 %', () => {
    expect(yMaxOf([0.2, null, 0.9])).toBe(1);
    expect(yMaxOf([1])).toBe(1);
    expect(yMaxOf([0.4, 1.1])).toBe(1.25);
    expect(yMaxOf([1.6])).toBe(1.75);
    expect(percentTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(percentTicks(1.25)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
  });

  it('ticks a quarter at the first of each month, a month at its Mondays, a week at every few days', () => {
    expect(dateTicks(Q4.start, Q4.end)).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    // a quarter that starts mid-month ticks the months it holds whole
    expect(dateTicks('2026-10-15', '2027-01-14')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
    // November 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th
    expect(dateTicks('2026-11-01', '2026-11-30')).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(dateTicks('2026-11-01', '2026-11-07')).toEqual(['2026-11-01', '2026-11-03', '2026-11-05', '2026-11-07']);
    // a year: every second month, never more than six ticks
    expect(dateTicks('2027-01-01', '2027-12-31')).toEqual([
      '2027-01-01',
      '2027-03-01',
      '2027-05-01',
      '2027-07-01',
      '2027-09-01',
      '2027-11-01',
    ]);
    expect(dateTicks('2026-11-01', '2026-11-01')).toEqual(['2026-11-01']);
  });

  it('keeps every tick inside the period, in order, at most as many as asked', () => {
    const day = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2030-12-31') });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 2, max: 10 }), (s, span, most) => {
        const start = new Date(s * 86_400_000).toISOString().slice(0, 10);
        const end = new Date((s + span) * 86_400_000).toISOString().slice(0, 10);
        const ticks = dateTicks(start, end, most);
        expect(ticks.length).toBeGreaterThan(0);
        expect(ticks.length).toBeLessThanOrEqual(Math.max(most, 1));
        expect([...ticks].sort()).toEqual(ticks);
        for (const t of ticks) expect(t >= start && t <= end).toBe(true);
      }),
    );
  });

  it('draws the even pace from 0 at the start to 100 % at the end', () => {
    const scale = scaleFor(Q4.start, Q4.end, 1, BOX);
    expect(pacePath(Q4.start, Q4.end, scale)).toBe('M20.0 100.0 L200.0 0.0');
    expect(paceOn('2026-10-01', Q4.start, Q4.end)).toBe(0);
    expect(paceOn('2026-12-31', Q4.start, Q4.end)).toBe(1);
    expect(paceOn('2026-11-15', Q4.start, Q4.end)).toBeCloseTo(45 / 91, 9);
    expect(paceOn('2027-02-01', Q4.start, Q4.end)).toBe(1);
    expect(paceOn('2026-09-01', Q4.start, Q4.end)).toBe(0);
  });

  it('takes the points inside the period that have a progress, with their pace', () => {
    const points = trendPoints(
      [
        snap('2026-11-10', 0.3, 0.45),
        snap('2026-09-30', 0.1, 0.99),
        snap('2026-11-01', null, 0.34),
        snap('2026-10-11', 0.2),
      ],
      Q4.start,
      Q4.end,
    );
    expect(points.map((p) => [p.day, p.progress])).toEqual([
      ['2026-10-11', 0.2],
      ['2026-11-10', 0.3],
    ]);
    // a snapshot's own pace, or the period's even pace when it has none
    expect(points[1]?.pace).toBe(0.45);
    expect(points[0]?.pace).toBeCloseTo(10 / 91, 9);
  });

  it('draws the progress line through the points and breaks it where more than the gap is missing', () => {
    const scale = scaleFor('2026-11-01', '2026-11-21', 1, { ...BOX, left: 0, width: 200 });
    const points = trendPoints(
      [snap('2026-11-01', 0), snap('2026-11-03', 0.1), snap('2026-11-04', 0.2), snap('2026-11-21', 0.5)],
      '2026-11-01',
      '2026-11-21',
    );
    expect(linePath(points, scale, 7)).toBe('M0.0 100.0 L20.0 90.0 L30.0 80.0 M200.0 50.0');
    // by default only a month without snapshots breaks the line
    expect(linePath(points, scale)).toBe('M0.0 100.0 L20.0 90.0 L30.0 80.0 L200.0 50.0');
    expect(linePath([], scale)).toBe('');
  });

  it('gives each point a hover band from halfway to its neighbours, the ends to the edges', () => {
    const scale = scaleFor('2026-11-01', '2026-11-21', 1, { ...BOX, left: 0, width: 200 });
    const points = trendPoints(
      [snap('2026-11-01', 0), snap('2026-11-03', 0.1), snap('2026-11-11', 0.2)],
      '2026-11-01',
      '2026-11-21',
    );
    expect(hoverBands(points, scale, 0, 200)).toEqual([
      { x0: 0, x1: 10 },
      { x0: 10, x1: 60 },
      { x0: 60, x1: 200 },
    ]);
    expect(hoverBands([], scale, 0, 200)).toEqual([]);
  });

  it('reads a point as its day, its progress and the pace that day', () => {
    const inDec2026 = Date.parse('2026-12-06T10:00:00Z');
    expect(pointText({ day: '2026-12-03', progress: 0.44, pace: 0.612 }, inDec2026)).toBe('3 Dec: 44% (pace 61%)');
    // a day of another year than now's carries its year
    expect(pointText({ day: '2025-12-03', progress: 0.44, pace: 0.612 }, inDec2026)).toBe('3 Dec 2025: 44% (pace 61%)');
    expect(
      trendSummary(
        'O-2 trend',
        [
          { day: '2026-10-11', progress: 0.05, pace: 0.1 },
          { day: '2026-11-20', progress: 0.2, pace: 0.55 },
        ],
        inDec2026,
      ),
    ).toBe('O-2 trend: progress from 5% on 11 Oct to 20% on 20 Nov; an even pace would be at 55%');
  });

  it('moves between points with the arrow keys, Home and End, and stops at the ends', () => {
    expect(pointAfterKey('ArrowLeft', 3, 5)).toBe(2);
    expect(pointAfterKey('ArrowRight', 3, 5)).toBe(4);
    expect(pointAfterKey('ArrowRight', 4, 5)).toBe(4);
    expect(pointAfterKey('ArrowLeft', 0, 5)).toBe(0);
    expect(pointAfterKey('Home', 3, 5)).toBe(0);
    expect(pointAfterKey('End', 0, 5)).toBe(4);
    expect(pointAfterKey('Tab', 2, 5)).toBeNull();
  });

  it('asks for the history of the period so far, at least 120 days and at most 400', () => {
    expect(historyDays('2026-10-01', '2026-11-20')).toBe(120);
    expect(historyDays('2026-01-01', '2026-11-20')).toBe(324);
    expect(historyDays('2025-01-01', '2026-11-20')).toBe(400);
    expect(historyDays(undefined, '2026-11-20')).toBe(120);
  });
});
