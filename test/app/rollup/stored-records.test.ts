import { StoredTally } from '../../../src/app/rollup/stored-records';
import { emptyTally } from '../../../src/domain/tally';

describe('stored tallies', () => {
  it('read histograms flat, as written', () => {
    const t = { ...emptyTally(), resolved: 3, cycleTenths: [5, 2, 9, 1], resolvedDays: [20000, 3] };
    expect(StoredTally.parse(t)).toEqual(t);
  });

  it('read the [value, count] pairs written before histograms were flat the same way', () => {
    const old = {
      ...emptyTally(),
      resolved: 3,
      cycleTenths: [
        [5, 2],
        [9, 1],
      ],
      resolvedDays: [[20000, 3]],
    };
    expect(StoredTally.parse(old)).toEqual({
      ...emptyTally(),
      resolved: 3,
      cycleTenths: [5, 2, 9, 1],
      resolvedDays: [20000, 3],
    });
  });

  it('refuse a histogram with a value and no count', () => {
    expect(StoredTally.safeParse({ ...emptyTally(), cycleTenths: [5] }).success).toBe(false);
  });
});
