/** One rule for dates on every surface (static/shared/src/dates.ts). Pure: "now" is passed in. */
import fc from 'fast-check';
import { fullDate, shortDate, weekdayDate } from '@shared/dates';

const IN_2026 = Date.parse('2026-11-20T10:00:00Z');

describe('how a date is written', () => {
  it('leaves the year out within the current year and writes it otherwise', () => {
    expect(shortDate('2026-12-03', IN_2026)).toBe('3 Dec');
    expect(shortDate(Date.parse('2026-01-01T00:00:00Z'), IN_2026)).toBe('1 Jan');
    expect(shortDate('2025-12-03', IN_2026)).toBe('3 Dec 2025');
    expect(shortDate('2027-01-01', IN_2026)).toBe('1 Jan 2027');
  });

  it('reads a moment in UTC, as Tether stores every date', () => {
    expect(shortDate(Date.parse('2026-12-31T23:59:59Z'), IN_2026)).toBe('31 Dec');
    expect(shortDate(Date.parse('2027-01-01T00:00:00Z'), IN_2026)).toBe('1 Jan 2027');
  });

  it('writes the year always in a full date (tooltips and titles)', () => {
    expect(fullDate('2026-12-03')).toBe('3 Dec 2026');
    expect(fullDate(Date.parse('2025-02-28T12:00:00Z'))).toBe('28 Feb 2025');
  });

  it('names the weekday of a day within days', () => {
    expect(weekdayDate(Date.parse('2026-12-14T09:00:00Z'), IN_2026)).toBe('Mon 14 Dec');
    expect(weekdayDate(Date.parse('2026-12-13T23:59:59Z'), IN_2026)).toBe('Sun 13 Dec');
    expect(weekdayDate(Date.parse('2027-01-01T00:00:00Z'), IN_2026)).toBe('Fri 1 Jan 2027');
  });

  it('writes the same day the same way from an ISO day or any moment of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 86_399_999 }), (day, ms) => {
        const midnight = day * 86_400_000;
        const iso = new Date(midnight).toISOString().slice(0, 10);
        expect(shortDate(midnight + ms, IN_2026)).toBe(shortDate(iso, IN_2026));
        expect(fullDate(iso).endsWith(iso.slice(0, 4))).toBe(true);
      }),
    );
  });
});
