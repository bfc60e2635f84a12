import fc from 'fast-check';
import { isoWeek } from '../../../src/domain/prompts/iso-week';
import { DAY } from '../../support/prompt-builders';

const at = (iso: string) => Date.parse(iso);

describe('ISO week', () => {
  // Expected values checked against GNU date (`date -u -d DATE +%G-W%V`).
  it.each([
    ['2026-11-16T09:00:00Z', '2026-W47'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2025-12-29T00:00:00Z', '2026-W01'],
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-01T00:00:00Z', '2026-W53'],
    ['2027-01-03T23:59:59.999Z', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2020-12-31T00:00:00Z', '2020-W53'],
    ['2021-01-03T00:00:00Z', '2020-W53'],
    ['2021-01-04T00:00:00Z', '2021-W01'],
    ['2024-12-29T00:00:00Z', '2024-W52'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2008-12-29T00:00:00Z', '2009-W01'],
    ['2010-01-03T00:00:00Z', '2009-W53'],
    ['1970-01-01T00:00:00Z', '1970-W01'],
  ])('%s is in %s', (iso, week) => {
    expect(isoWeek(at(iso))).toBe(week);
  });

  it('turns over at midnight UTC between Sunday and Monday', () => {
    const monday = at('2026-11-16T00:00:00Z');
    expect(isoWeek(monday - 1)).toBe('2026-W46');
    expect(isoWeek(monday)).toBe('2026-W47');
  });

  it('gives every day from Monday to Sunday the same week, and the next Monday the next one', () => {
    const mondays = fc.integer({ min: 0, max: 10_000 }).map((n) => at('1970-01-05T00:00:00Z') + n * 7 * DAY);
    fc.assert(
      fc.property(mondays, fc.integer({ min: 0, max: 7 * DAY - 1 }), (monday, offset) => {
        const week = isoWeek(monday);
        expect(isoWeek(monday + offset)).toBe(week);
        expect(isoWeek(monday + 7 * DAY)).not.toBe(week);
        const [year, w] = week.split('-W').map(Number) as [number, number];
        expect(w).toBeGreaterThanOrEqual(1);
        expect(w).toBeLessThanOrEqual(53);
        // The week belongs to the year of its Thursday.
        expect(new Date(monday + 3 * DAY).getUTCFullYear()).toBe(year);
        // Week numbers count up by one within a year, and restart at 1.
        const next = isoWeek(monday + 7 * DAY)
          .split('-W')
          .map(Number) as [number, number];
        expect(next[0] === year ? next[1] === w + 1 : next[0] === year + 1 && next[1] === 1).toBe(true);
      }),
    );
  });
});
