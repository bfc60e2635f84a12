import { recordsOf } from '../../support/rollup-records';
import { aCheckIn, aKeyResult, anObjective, aPeriod, aRollupInput, DAY } from '../../support/builders';

// a fiscal year that runs, its third quarter ahead, and a quarter already over
const fy2027 = aPeriod({ id: 'fy2027', name: 'FY2027', start: '2026-07-01', end: '2027-06-30' });
const q1 = aPeriod({ id: 'q1-2027', name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
const q3 = aPeriod({ id: 'q3-2026', name: '2026 Q3', start: '2026-07-01', end: '2026-09-30' });
const periods = [fy2027, q1, q3];
const dec6 = Date.parse('2026-12-06T10:00:00Z');
const jan1 = Date.parse('2027-01-01T00:00:00Z');

function organisation(withChild: boolean) {
  const parent = anObjective({ id: 'O-5', key: 'O-5', levelId: 'strategic', periodId: 'fy2027' });
  const child = anObjective({ id: 'O-12', key: 'O-12', parentId: 'O-5', periodId: 'q1-2027' });
  const metric = { kind: 'metric' as const, direction: 'increase', baseline: 0, target: 100 };
  return {
    objectives: withChild ? [parent, child] : [parent],
    keyResults: [
      aKeyResult({ id: 'kr-parent', objectiveId: 'O-5', ...metric }),
      aKeyResult({ id: 'kr-child', objectiveId: 'O-12', kind: 'milestone' }),
    ],
  };
}

function recordsAt(now: number, withChild: boolean) {
  const org = organisation(withChild);
  return recordsOf(
    aRollupInput({
      ...org,
      periods,
      now,
      checkIns: [aCheckIn({ objectiveId: 'O-5', keyResultId: 'kr-parent', value: 34, at: now - DAY })],
    }),
  );
}

describe('children of other periods', () => {
  it('a child whose period has not begun is not started, and its parent keeps its figure', () => {
    const without = recordsAt(dec6, false).get('O-5')!;
    const records = recordsAt(dec6, true);
    expect(records.get('O-12')!.status).toBe('not-started');
    expect(records.get('O-5')!.progress).toBeCloseTo(0.34);
    expect(records.get('O-5')!.progress).toBe(without.progress);
    expect(records.get('O-5')!.status).toBe(without.status);
  });

  it('counts the child from the first instant of its period', () => {
    const before = recordsAt(jan1 - 1, true);
    const on = recordsAt(jan1, true);
    expect(before.get('O-12')!.status).toBe('not-started');
    expect(on.get('O-12')!.status).not.toBe('not-started');
    // the child's milestone (0, weight 1) now counts beside the parent's key result (0.34, weight 1)
    expect(on.get('O-5')!.progress).toBeCloseTo(0.17);
  });

  it('a child whose period has ended keeps counting with its figure', () => {
    const parent = anObjective({ id: 'P', key: 'O-20', levelId: 'strategic', periodId: 'fy2027' });
    const ended = anObjective({ id: 'E', key: 'O-21', parentId: 'P', periodId: 'q3-2026' });
    const records = recordsOf(
      aRollupInput({
        objectives: [parent, ended],
        keyResults: [aKeyResult({ objectiveId: 'E', kind: 'milestone', done: true })],
        periods,
        now: dec6,
      }),
    );
    expect(records.get('E')!.status).toBe('on-track');
    expect(records.get('P')!.progress).toBe(1);
  });
});
