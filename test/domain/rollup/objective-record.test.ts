import { recordsOf } from '../../support/rollup-records';
import { aCheckIn, aKeyResult, anObjective, aPolicy, aRollupInput, DAY, T0 } from '../../support/builders';

const mid = T0 + 46 * DAY; // half-way through 2026 Q4

describe('objective progress', () => {
  it('is the weighted mean of its key results and the objectives aligned to it', () => {
    const top = anObjective({ id: 'top', levelId: 'organisation' });
    const a = anObjective({ id: 'a', parentId: 'top', weight: 3 });
    const b = anObjective({ id: 'b', parentId: 'top' });
    const other = anObjective({ id: 'other', levelId: 'organisation' });
    const c = anObjective({ id: 'c', alignments: [{ objectiveId: 'top', weight: 1 }], parentId: 'other' });
    const model = recordsOf(
      aRollupInput({
        objectives: [top, a, b, other, c],
        keyResults: [
          aKeyResult({ objectiveId: 'a', kind: 'milestone', done: true }),
          aKeyResult({ objectiveId: 'b', kind: 'milestone' }),
          aKeyResult({ objectiveId: 'c', kind: 'metric', baseline: 0, target: 10, direction: 'increase' }),
          aKeyResult({ id: 'top-kr', objectiveId: 'top', kind: 'milestone', weight: 1 }),
        ],
        checkIns: [aCheckIn({ objectiveId: 'c', keyResultId: 'top-kr-none', value: 5 })],
        now: mid,
      }),
    );
    // top: own milestone 0 (w1), a = 1 (w3), b = 0 (w1), c = no measure (skipped)
    expect(model.get('top')!.progress).toBeCloseTo(3 / 5);
    expect(model.get('top')!.measuredInputs).toBe(3);
    expect(model.get('c')!.status).toBe('no-measure');
  });

  it('leaves out drafts and cancelled objectives, and can count key results only', () => {
    const top = anObjective({ id: 'top', levelId: 'organisation' });
    const live = anObjective({ id: 'live', parentId: 'top' });
    const draft = anObjective({ id: 'draft', parentId: 'top', status: 'draft' });
    const gone = anObjective({ id: 'gone', parentId: 'top', status: 'cancelled' });
    const krs = [
      aKeyResult({ objectiveId: 'live', kind: 'milestone', done: true }),
      aKeyResult({ objectiveId: 'draft', kind: 'milestone' }),
      aKeyResult({ objectiveId: 'gone', kind: 'milestone' }),
    ];
    const model = recordsOf(aRollupInput({ objectives: [top, live, draft, gone], keyResults: krs, now: mid }));
    expect(model.get('top')!.progress).toBe(1);
    const only = recordsOf(
      aRollupInput({
        objectives: [top, live],
        keyResults: krs,
        now: mid,
        policy: aPolicy({ include: 'key-results-only' }),
      }),
    );
    expect(only.get('top')!.progress).toBeNull();
    expect(only.get('top')!.status).toBe('no-measure');
  });

  it('turns at risk when progress lags the calendar, and low confidence takes it further down', () => {
    const o = anObjective({ id: 'o' });
    const kr = aKeyResult({
      id: 'kr',
      objectiveId: 'o',
      kind: 'metric',
      baseline: 0,
      target: 100,
      direction: 'increase',
    });
    const checkIn = (confidence: 'high' | 'low') =>
      aCheckIn({ objectiveId: 'o', keyResultId: 'kr', value: 35, confidence, at: mid - DAY });
    const behind = recordsOf(
      aRollupInput({ objectives: [o], keyResults: [kr], checkIns: [checkIn('high')], now: mid }),
    );
    expect(behind.get('o')).toMatchObject({ progress: 0.35, pace: 'at-risk', status: 'at-risk', stale: false });
    const worried = recordsOf(
      aRollupInput({ objectives: [o], keyResults: [kr], checkIns: [checkIn('low')], now: mid }),
    );
    expect(worried.get('o')).toMatchObject({ status: 'off-track', confidence: 'low' });
  });

  it('goes stale when no one has checked in for longer than the cadence', () => {
    const o = anObjective({ id: 'o' });
    const kr = aKeyResult({ objectiveId: 'o', kind: 'milestone', done: true });
    const model = recordsOf(aRollupInput({ objectives: [o], keyResults: [kr], now: mid }));
    expect(model.get('o')).toMatchObject({ stale: true, status: 'stale', lastCheckInAt: null });
  });

  it('takes the latest check-in value as the metric value', () => {
    const o = anObjective({ id: 'o' });
    const kr = aKeyResult({
      id: 'kr',
      objectiveId: 'o',
      kind: 'metric',
      baseline: 0,
      target: 10,
      direction: 'increase',
    });
    const model = recordsOf(
      aRollupInput({
        objectives: [o],
        keyResults: [kr],
        checkIns: [
          aCheckIn({ objectiveId: 'o', keyResultId: 'kr', value: 8, at: mid - 2 * DAY }),
          aCheckIn({ objectiveId: 'o', keyResultId: 'kr', value: 4, at: mid - 9 * DAY }),
        ],
        now: mid,
      }),
    );
    expect(model.get('o')!.keyResults[0]).toMatchObject({ value: 8, progress: 0.8 });
  });
});

describe('check-ins at the same instant', () => {
  it('resolve the same way whatever order they arrive in', () => {
    const o = anObjective({ id: 'o' });
    const kr = aKeyResult({
      id: 'kr',
      objectiveId: 'o',
      kind: 'metric',
      baseline: 0,
      target: 10,
      direction: 'increase',
    });
    const a = aCheckIn({ id: 'ci-a', objectiveId: 'o', keyResultId: 'kr', value: 2, confidence: 'low', at: mid - DAY });
    const b = aCheckIn({
      id: 'ci-b',
      objectiveId: 'o',
      keyResultId: 'kr',
      value: 6,
      confidence: 'high',
      at: mid - DAY,
    });
    const one = recordsOf(aRollupInput({ objectives: [o], keyResults: [kr], checkIns: [a, b], now: mid })).get('o');
    const other = recordsOf(aRollupInput({ objectives: [o], keyResults: [kr], checkIns: [b, a], now: mid })).get('o');
    expect(other).toEqual(one);
    expect(one!.keyResults[0]!.value).toBe(6);
  });
});
