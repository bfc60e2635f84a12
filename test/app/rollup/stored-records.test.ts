import { StoredRollup, StoredTally } from '../../../src/app/rollup/stored-records';
import { newRollup } from '../../../src/domain/rollup/objective-changes';
import { emptyTally } from '../../../src/domain/tally';
import { anObjective, aPeriod, aPolicy, T0 } from '../../support/builders';

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

describe('stored rollups: contributors', () => {
  const settings = { policy: aPolicy(), periods: [aPeriod()] };
  const contributor = (objectiveId: string, progress: number | null) => ({
    objectiveId,
    weight: null,
    progress,
    counts: true,
  });
  /** A rollup of O-1 as storage holds it (JSON), with the contributors given. */
  const stored = (contributors: unknown) =>
    JSON.parse(
      JSON.stringify({ ...newRollup(anObjective({ id: 'O-1' }), [], settings, T0), contributors, version: 4 }),
    ) as unknown;

  it('read the list as written', () => {
    const list = [contributor('O-2', 0.5), contributor('O-3', null)];
    expect(StoredRollup.parse(stored(list)).contributors).toEqual(list);
  });

  it('read the dictionary by objective id written before contributors were a list as that list, in id order', () => {
    const old = {
      'O-3': { weight: 2, progress: 0.25, counts: false },
      'O-2': { weight: null, progress: null, counts: true },
    };
    expect(StoredRollup.parse(stored(old)).contributors).toEqual([
      { objectiveId: 'O-2', weight: null, progress: null, counts: true },
      { objectiveId: 'O-3', weight: 2, progress: 0.25, counts: false },
    ]);
  });

  it('put a list written out of order back in id order', () => {
    const list = [contributor('O-9', 0.1), contributor('O-10', 0.2), contributor('O-2', 0.3)];
    expect(StoredRollup.parse(stored(list)).contributors.map((c) => c.objectiveId)).toEqual(['O-10', 'O-2', 'O-9']);
  });

  it('refuse a contributor listed twice, saying so', () => {
    const result = StoredRollup.safeParse(stored([contributor('O-2', 0.5), contributor('O-2', 0.6)]));
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('a contributor is listed once');
  });
});
