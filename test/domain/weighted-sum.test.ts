import fc from 'fast-check';
import { weightedMean, WeightedSum } from '../../src/domain/weighted-mean';

const input = fc.record({
  weight: fc.oneof(fc.constant(0), fc.constant(-1), fc.double({ min: 0, max: 10, noNaN: true })),
  progress: fc.oneof(fc.constant(null), fc.double({ min: -0.5, max: 1.5, noNaN: true })),
});

describe('WeightedSum (the record path adds inputs one by one)', () => {
  it('gives exactly the figures of weightedMean over the same inputs in the same order', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 12 }), (inputs) => {
        const sum = new WeightedSum();
        for (const i of inputs) sum.add(i.weight, i.progress);
        expect(sum.mean()).toEqual(weightedMean(inputs));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out inputs without a measure or a weight above 0, and has no measure when none is left', () => {
    const sum = new WeightedSum();
    sum.add(0, 1);
    sum.add(2, null);
    expect(sum.mean()).toEqual({ value: null, measured: 0 });
    sum.add(1, 0.2);
    sum.add(3, 0.6);
    const { value, measured } = sum.mean();
    expect(measured).toBe(2);
    expect(value).toBeCloseTo(0.5, 12);
  });
});
