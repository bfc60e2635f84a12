import type { Snapshot } from '../../../src/contract';
import { dailyRefresh, type RefreshProgress } from '../../../src/app/rollup/daily-refresh';
import { logFor } from '../../../src/forge/log';
import { MemoryRollupStore } from '../../support/memory-rollup-store';
import { recordsOf, storedRecords } from '../../support/rollup-records';
import { aCheckIn, aKeyResult, anObjective, aPeriod, aPolicy, aRollupInput, DAY, T0 } from '../../support/builders';

const settings = { policy: aPolicy(), periods: [aPeriod()] };

function organisation(count: number) {
  const top = anObjective({ id: 'O-1', key: 'O-1', levelId: 'organisation' });
  const teams = Array.from({ length: count - 1 }, (_, i) =>
    anObjective({ id: `O-${i + 2}`, key: `O-${i + 2}`, parentId: 'O-1' }),
  );
  const keyResults = teams.map((t) => aKeyResult({ objectiveId: t.id, kind: 'milestone' }));
  // everyone checked in on day 3 of the quarter, with high confidence
  const checkIns = [top, ...teams].map((o) => aCheckIn({ objectiveId: o.id, at: T0 + 3 * DAY }));
  return { objectives: [top, ...teams], keyResults, checkIns };
}

function setUp(count: number, now: number) {
  const org = organisation(count);
  const stored = storedRecords(aRollupInput({ ...org, now }));
  const store = new MemoryRollupStore(stored.issues, stored.rollups, []);
  const snapshots: Snapshot[] = [];
  let progress: RefreshProgress | null = null;
  const ports = (at: number, timeLeft = () => Infinity) => ({
    rollups: store,
    aggregate: async (jql: string) => (jql === 'project = ABC' ? 7 : null),
    rollupsAfter: async (after: number, limit: number) =>
      [...store.rollups.values()]
        .filter((r) => Number(r.objective.key.slice(2)) > after)
        .sort((a, b) => Number(a.objective.key.slice(2)) - Number(b.objective.key.slice(2)))
        .slice(0, limit)
        .map((r) => structuredClone(r)),
    saveSnapshots: async (list: Snapshot[]) => void snapshots.push(...list),
    progress: { get: async () => progress, put: async (p: RefreshProgress) => void (progress = p) },
    settings,
    now: at,
    timeLeft,
    log: logFor('daily-refresh'),
  });
  return { org, store, snapshots, ports };
}

describe('the daily refresh', () => {
  it('measures query key results again by their JQL', async () => {
    const { store, ports } = setUp(3, T0 + 5 * DAY);
    const o = store.rollups.get('O-2')!;
    o.keyResults.push(
      aKeyResult({
        id: 'kr-q',
        objectiveId: 'O-2',
        kind: 'query',
        jql: 'project = ABC',
        direction: 'increase',
        baseline: 0,
        target: 10,
      }),
    );
    store.rollups.set('O-2', o);
    await dailyRefresh(ports(T0 + 6 * DAY));
    expect(store.rollups.get('O-2')!.record.keyResults.find((k) => k.keyResultId === 'kr-q')).toMatchObject({
      value: 7,
      progress: 0.7,
    });
  });

  it('moves statuses with the calendar (here: stale after a week without check-ins) and snapshots every objective', async () => {
    const { org, store, snapshots, ports } = setUp(5, T0 + 5 * DAY);
    expect(store.rollups.get('O-2')!.record.stale).toBe(false);
    const later = T0 + 20 * DAY;
    const result = await dailyRefresh(ports(later));
    expect(result).toEqual({ refreshed: 5, changed: 5, finished: true });
    const expected = recordsOf(aRollupInput({ ...org, now: later }));
    for (const o of org.objectives) expect(store.rollups.get(o.id)!.record).toEqual(expected.get(o.id));
    expect(store.rollups.get('O-2')!.record.status).toBe('stale');
    expect(snapshots.map((s) => s.objectiveId).sort()).toEqual(['O-1', 'O-2', 'O-3', 'O-4', 'O-5']);
    expect(new Set(snapshots.map((s) => s.day))).toEqual(new Set([new Date(later).toISOString().slice(0, 10)]));
  });

  it('runs once a day: a second run the same day reads its progress and stops', async () => {
    const { snapshots, ports } = setUp(3, T0 + 5 * DAY);
    await dailyRefresh(ports(T0 + 20 * DAY));
    const again = await dailyRefresh(ports(T0 + 20 * DAY + 3600_000));
    expect(again).toEqual({ refreshed: 0, changed: 0, finished: true });
    expect(snapshots).toHaveLength(3);
  });

  it('continues where it stopped when an invocation runs out of time', async () => {
    const { store, snapshots, ports } = setUp(250, T0 + 5 * DAY);
    let batches = 0;
    const first = await dailyRefresh(ports(T0 + 20 * DAY, () => (batches++ < 1 ? Infinity : 0)));
    expect(first.finished).toBe(false);
    expect(first.refreshed).toBe(100);
    const second = await dailyRefresh(ports(T0 + 20 * DAY + 3600_000));
    expect(second.finished).toBe(true);
    expect(new Set(snapshots.map((s) => s.objectiveId)).size).toBe(250);
    expect([...store.rollups.values()].every((r) => r.record.status === 'stale')).toBe(true);
  });
});
