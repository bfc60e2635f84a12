import fc from 'fast-check';
import { endOfDate, startOfDate } from '../../src/domain/time';

describe('calendar dates', () => {
  it('start at midnight UTC, the same instant Date.parse gives, across leap years and centuries', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(startOfDate(iso)).toBe(Date.parse(`${iso}T00:00:00Z`));
        },
      ),
      { numRuns: 2000 },
    );
    expect(endOfDate('2028-02-28')).toBe(Date.parse('2028-02-29T00:00:00Z'));
  });
});
