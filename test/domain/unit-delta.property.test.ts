import fc from 'fast-check';
import { addUnit, emptyTally, emptyUnit, unitDelta, type Unit } from '../../src/domain/tally';

/** One issue's unit as the counting rule fills it; timed or not, with small values so that they collide. */
const aUnit = fc
  .record({
    issues: fc.integer({ min: 0, max: 1 }),
    done: fc.integer({ min: 0, max: 1 }),
    centiPoints: fc.integer({ min: 0, max: 800 }),
    bugs: fc.integer({ min: 0, max: 1 }),
    timed: fc.boolean(),
    cycleTenth: fc.integer({ min: 0, max: 4 }),
    resolvedDay: fc.integer({ min: 20_000, max: 20_003 }),
  })
  .map((u): Unit => ({ ...emptyUnit(), ...u, resolved: u.timed ? 1 : 0 }));

describe("an issue change's delta (what the event path adds to every tally above the issue)", () => {
  it('is the tally of the unit after less the tally of the unit before, histograms included', () => {
    fc.assert(
      fc.property(aUnit, aUnit, (after, before) => {
        const expected = emptyTally();
        addUnit(expected, after);
        addUnit(expected, before, -1);
        expect(unitDelta(after, before)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
