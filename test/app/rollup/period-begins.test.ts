import { dailyRefresh, type RefreshProgress } from '../../../src/app/rollup/daily-refresh';
import { objectiveSaved, type MaintenancePorts } from '../../../src/app/rollup/maintain-rollups';
import type { JiraPort } from '../../../src/ports';
import { logFor } from '../../../src/forge/log';
import { MemoryRollupStore } from '../../support/memory-rollup-store';
import { recordsOf, storedRecords } from '../../support/rollup-records';
import { aCheckIn, aKeyResult, anObjective, aPeriod, aPolicy, aRollupInput, DAY } from '../../support/builders';

const periods = [
  aPeriod({ id: 'fy2027', name: 'FY2027', start: '2026-07-01', end: '2027-06-30' }),
  aPeriod({ id: 'q1-2027', name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' }),
];
const dec31 = Date.parse('2026-12-31T09:00:00Z');
const jan1 = Date.parse('2027-01-01T01:00:00Z');

describe('the daily refresh on the day a period begins', () => {
  it('starts the child and brings its progress into the parent, as a recompute that day would', async () => {
    const org = {
      periods,
      objectives: [
        anObjective({ id: 'O-5', key: 'O-5', levelId: 'strategic', periodId: 'fy2027' }),
        anObjective({ id: 'O-12', key: 'O-12', parentId: 'O-5', periodId: 'q1-2027' }),
      ],
      keyResults: [
        aKeyResult({ id: 'kr-5', objectiveId: 'O-5', kind: 'milestone', done: true }),
        aKeyResult({ id: 'kr-12', objectiveId: 'O-12', kind: 'milestone' }),
      ],
      checkIns: [aCheckIn({ objectiveId: 'O-5', at: dec31 - DAY }), aCheckIn({ objectiveId: 'O-12', at: dec31 - DAY })],
    };
    const stored = storedRecords(aRollupInput({ ...org, now: dec31 }));
    const store = new MemoryRollupStore(stored.issues, stored.rollups, []);
    expect(store.rollups.get('O-12')!.record.status).toBe('not-started');
    expect(store.rollups.get('O-5')!.record.progress).toBe(1);

    let progress: RefreshProgress | null = null;
    await dailyRefresh({
      rollups: store,
      aggregate: async () => null,
      rollupsAfter: async (after: number, limit: number) =>
        [...store.rollups.values()]
          .filter((r) => Number(r.objective.key.slice(2)) > after)
          .sort((a, b) => Number(a.objective.key.slice(2)) - Number(b.objective.key.slice(2)))
          .slice(0, limit)
          .map((r) => structuredClone(r)),
      saveSnapshots: async () => undefined,
      progress: { get: async () => progress, put: async (p: RefreshProgress) => void (progress = p) },
      settings: { policy: aPolicy(), periods },
      now: jan1,
      timeLeft: () => Infinity,
      log: logFor('daily-refresh'),
    });

    const expected = recordsOf(aRollupInput({ ...org, now: jan1 }));
    expect(store.rollups.get('O-12')!.record.status).not.toBe('not-started');
    expect(store.rollups.get('O-5')!.record.progress).toBeCloseTo(0.5);
    expect(store.rollups.get('O-5')!.record).toEqual(expected.get('O-5'));
  });
});

describe('saving a child of a later period', () => {
  it('leaves its parent’s figure and status as they were', async () => {
    const parent = anObjective({ id: 'O-5', key: 'O-5', levelId: 'strategic', periodId: 'fy2027' });
    const parentKr = aKeyResult({ id: 'kr-5', objectiveId: 'O-5', kind: 'metric', baseline: 0, target: 100 });
    const checkIn = aCheckIn({ objectiveId: 'O-5', keyResultId: 'kr-5', value: 34, at: dec31 - DAY });
    const stored = storedRecords(
      aRollupInput({ periods, objectives: [parent], keyResults: [parentKr], checkIns: [checkIn], now: dec31 }),
    );
    const store = new MemoryRollupStore(stored.issues, stored.rollups, []);
    const before = store.rollups.get('O-5')!.record;
    expect(before.progress).toBeCloseTo(0.34);
    // nothing here reads Jira: an objective saved with no work linked
    const jira = new Proxy({} as JiraPort, {
      get: (_, name) => () => Promise.reject(new Error(`Jira was asked ${String(name)}`)),
    });
    const ports: MaintenancePorts = { rollups: store, jira, settings: { policy: aPolicy(), periods }, now: dec31 };
    const child = anObjective({ id: 'O-12', key: 'O-12', parentId: 'O-5', periodId: 'q1-2027' });
    await objectiveSaved(ports, child, [aKeyResult({ id: 'kr-12', objectiveId: 'O-12', kind: 'milestone' })]);
    expect(store.rollups.get('O-12')!.record.status).toBe('not-started');
    expect(store.rollups.get('O-5')!.record).toEqual(before);
  });
});
