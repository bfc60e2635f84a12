import { medianOf, throughputPerWeek } from '../../src/domain/delivery';
import { bump, emptyTally } from '../../src/domain/tally';
import { DAY } from '../support/builders';

describe('delivery figures', () => {
  it('take the median of a multiset, averaging the middle pair when even', () => {
    expect(medianOf(new Map())).toBeNull();
    expect(medianOf(new Map([[7, 1]]))).toBe(7);
    expect(
      medianOf(
        new Map([
          [1, 2],
          [10, 1],
        ]),
      ),
    ).toBe(1);
    expect(
      medianOf(
        new Map([
          [1, 1],
          [3, 1],
          [10, 2],
        ]),
      ),
    ).toBe(6.5);
    expect(
      medianOf(
        new Map([
          [5, 2],
          [9, 2],
        ]),
      ),
    ).toBe(7);
  });

  it('count throughput over whole days up to today', () => {
    const t = emptyTally();
    const today = 20_000;
    bump(t.resolvedDays, today, 2);
    bump(t.resolvedDays, today - 6, 1);
    bump(t.resolvedDays, today - 7, 5); // a week ago: outside a one-week window
    bump(t.resolvedDays, today + 1, 9); // tomorrow: never counted
    expect(throughputPerWeek(t, today * DAY + 3600_000, 1)).toBe(3);
    expect(throughputPerWeek(t, today * DAY + 3600_000, 2)).toBe(4);
  });
});
