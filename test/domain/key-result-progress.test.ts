import { keyResultRollup, bandRaw, clampProgress } from '../../src/domain/key-result-progress';
import { emptyTally, unitTally } from '../../src/domain/tally';
import { aKeyResult, anIssue, DAY, T0 } from '../support/builders';
import { addInto } from '../../src/domain/tally';

const now = T0 + 30 * DAY;
const noWork = { tally: emptyTally(), measurement: null, now };

describe('metric key results', () => {
  it('measure from baseline toward target and keep overshoot apart', () => {
    const kr = aKeyResult({ objectiveId: 'o', kind: 'metric', direction: 'increase', baseline: 20, target: 60 });
    expect(keyResultRollup(kr, { ...noWork, measurement: 40 })).toMatchObject({
      progress: 0.5,
      overshoot: 0,
      value: 40,
      target: 60,
    });
    const past = keyResultRollup(kr, { ...noWork, measurement: 80 });
    expect(past.progress).toBe(1);
    expect(past.overshoot).toBeCloseTo(0.5);
    expect(keyResultRollup(kr, { ...noWork, measurement: 10 }).progress).toBe(0);
  });

  it('work the other way round when the number should go down', () => {
    const kr = aKeyResult({
      objectiveId: 'o',
      kind: 'metric',
      direction: 'decrease',
      baseline: 400,
      target: 200,
      unit: 'ms',
    });
    expect(keyResultRollup(kr, { ...noWork, measurement: 300 }).progress).toBe(0.5);
    expect(keyResultRollup(kr, { ...noWork, measurement: 450 }).progress).toBe(0);
  });

  it('score a band as met inside it and fading out over one band-width outside', () => {
    const kr = aKeyResult({
      objectiveId: 'o',
      kind: 'metric',
      direction: 'band',
      bandMin: 95,
      bandMax: 99,
      baseline: null,
      target: null,
    });
    expect(keyResultRollup(kr, { ...noWork, measurement: 97 }).progress).toBe(1);
    expect(keyResultRollup(kr, { ...noWork, measurement: 93 }).progress).toBe(0.5);
    expect(keyResultRollup(kr, { ...noWork, measurement: 104 }).progress).toBe(0);
    expect(bandRaw(10, 10, 10)).toBe(1);
    expect(bandRaw(10.5, 10, 10)).toBe(0.5);
  });

  it('have no measure before the first check-in', () => {
    const kr = aKeyResult({ objectiveId: 'o', kind: 'metric' });
    expect(keyResultRollup(kr, noWork).progress).toBeNull();
  });
});

describe('milestones', () => {
  it('are 0 until done, then 1', () => {
    expect(keyResultRollup(aKeyResult({ objectiveId: 'o', kind: 'milestone' }), noWork).progress).toBe(0);
    expect(keyResultRollup(aKeyResult({ objectiveId: 'o', kind: 'milestone', done: true }), noWork).progress).toBe(1);
  });
});

describe('query key results', () => {
  it('measure the latest refreshed value against the target', () => {
    const kr = aKeyResult({
      objectiveId: 'o',
      kind: 'query',
      direction: 'decrease',
      baseline: 50,
      target: 10,
      jql: 'type = Bug AND statusCategory != Done',
    });
    expect(keyResultRollup(kr, { ...noWork, measurement: 30 }).progress).toBe(0.5);
    expect(keyResultRollup(kr, noWork).progress).toBeNull();
  });
});

describe('delivery-quality key results', () => {
  const tallyOf = (...issues: ReturnType<typeof anIssue>[]) => {
    const t = emptyTally();
    for (const i of issues) addInto(t, unitTally(i, { hasChildren: false, pointsBelow: false }));
    return t;
  };
  const done = (key: string, createdDay: number, resolvedDay: number, due: string | null) =>
    anIssue({
      key,
      statusCategory: 'done',
      created: T0 + createdDay * DAY,
      resolved: T0 + resolvedDay * DAY,
      dueDate: due,
    });

  it('on-time rate: resolved by the end of the due date', () => {
    const tally = tallyOf(done('A-1', 0, 3, '2026-10-04'), done('A-2', 0, 5, '2026-10-04'), done('A-3', 0, 2, null));
    const kr = aKeyResult({ objectiveId: 'o', kind: 'delivery-quality', measure: 'on-time-rate', target: 0.8 });
    const r = keyResultRollup(kr, { tally, measurement: null, now });
    expect(r.value).toBe(0.5);
    expect(r.progress).toBeCloseTo(0.625);
  });

  it('median cycle time: lower is better, target ÷ value without a baseline', () => {
    const tally = tallyOf(done('A-1', 0, 2, null), done('A-2', 0, 4, null), done('A-3', 0, 10, null));
    const kr = aKeyResult({ objectiveId: 'o', kind: 'delivery-quality', measure: 'median-cycle-time', target: 2 });
    const r = keyResultRollup(kr, { tally, measurement: null, now });
    expect(r.value).toBe(4);
    expect(r.progress).toBe(0.5);
    const withBaseline = aKeyResult({
      objectiveId: 'o',
      kind: 'delivery-quality',
      measure: 'median-cycle-time',
      target: 2,
      baseline: 6,
    });
    expect(keyResultRollup(withBaseline, { tally, measurement: null, now }).progress).toBe(0.5);
  });

  it('throughput per week over the window, bug share over the counted issues', () => {
    const tally = tallyOf(
      done('A-1', 0, 25, null),
      done('A-2', 0, 28, null),
      anIssue({ key: 'A-3', isBug: true }),
      anIssue({ key: 'A-4' }),
    );
    const throughput = aKeyResult({
      objectiveId: 'o',
      kind: 'delivery-quality',
      measure: 'throughput-per-week',
      target: 1,
      windowWeeks: 2,
    });
    expect(keyResultRollup(throughput, { tally, measurement: null, now }).value).toBe(1);
    const bugs = aKeyResult({ objectiveId: 'o', kind: 'delivery-quality', measure: 'bug-share', target: 0.1 });
    const r = keyResultRollup(bugs, { tally, measurement: null, now });
    expect(r.value).toBe(0.25);
    expect(r.progress).toBeCloseTo(0.75 / 0.9);
  });

  it('have no measure when nothing was resolved or there is no work', () => {
    const kr = aKeyResult({ objectiveId: 'o', kind: 'delivery-quality', measure: 'on-time-rate', target: 0.9 });
    expect(
      keyResultRollup(kr, { tally: tallyOf(anIssue({ key: 'A-1' })), measurement: null, now }).progress,
    ).toBeNull();
    expect(keyResultRollup(kr, noWork).progress).toBeNull();
  });
});

describe('clampProgress', () => {
  it('keeps null as null and never returns NaN', () => {
    expect(clampProgress(null)).toEqual({ progress: null, overshoot: 0 });
    expect(clampProgress(Number.NaN)).toEqual({ progress: null, overshoot: 0 });
    expect(clampProgress(-0.5)).toEqual({ progress: 0, overshoot: 0 });
  });
});
