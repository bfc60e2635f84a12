/**
 * objectives/history: an objective's daily snapshots, oldest first, within the days asked, for
 * whoever may see the objective; restricted objectives stay hidden; bad payloads read nothing.
 */
import type { Snapshot } from '../../src/contract';
import { saveSnapshots } from '../../src/forge/store/refresh-stores';
import { asPersona, useAppHost } from '../support/app-host';
import { failed, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation } from './objective-kit';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

function snapshot(objectiveId: string, day: string, progress: number): Snapshot {
  return {
    objectiveId,
    day,
    progress,
    expected: 0.5,
    status: 'on-track',
    work: {
      issues: 4,
      done: Math.round(progress * 4),
      inProgress: 0,
      toDo: 4 - Math.round(progress * 4),
      points: 0,
      pointsDone: 0,
    },
    keyResults: [],
  };
}

const app = useAppHost(async () => {
  await organisation(app);
  await createSquadObjective(app); // O-2 of Web Squad, under O-1
  await asPersona(app.host, null, () =>
    saveSnapshots([
      snapshot('O-2', daysAgo(30), 0.1),
      snapshot('O-2', daysAgo(8), 0.25),
      snapshot('O-2', daysAgo(0), 0.5),
      snapshot('O-1', daysAgo(0), 0.2),
    ]),
  );
  // the snapshots stand for the daily refresh's, written on days before: the history is opened later
  await queriesCaughtUp(app);
});

describe('objectives/history', () => {
  it("answers the objective's snapshots oldest first, and only its own", async () => {
    const history = await ok(app, 'member', 'objectives/history', { objectiveKey: 'O-2' });
    expect(history.objectiveKey).toBe('O-2');
    expect(history.snapshots.map((s) => [s.day, s.progress])).toEqual([
      [daysAgo(30), 0.1],
      [daysAgo(8), 0.25],
      [daysAgo(0), 0.5],
    ]);
    expect(history.snapshots[0]).toEqual(snapshot('O-2', daysAgo(30), 0.1));
  });

  it('keeps to the days asked for, today included', async () => {
    const week = await ok(app, 'outsider', 'objectives/history', { objectiveKey: 'O-2', days: 9 });
    expect(week.snapshots.map((s) => s.day)).toEqual([daysAgo(8), daysAgo(0)]);
  });

  it('hides a restricted objective from whoever may not see it, as NOT_FOUND', async () => {
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, visibility: 'restricted' });
    expect((await ok(app, 'member', 'objectives/history', { objectiveKey: 'O-2' })).snapshots).toHaveLength(3);
    const { error, writes } = await failed(app, 'outsider', 'objectives/history', { objectiveKey: 'O-2' });
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'There is no objective O-2' });
    expect(writes).toBe(0);
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await failed(app, null, 'objectives/history', { objectiveKey: 'O-2' })).error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a key that is not an objective key', { objectiveKey: 'KR-2' }, 'objectiveKey'],
    ['too many days', { objectiveKey: 'O-2', days: 401 }, 'days'],
    ['an unknown field', { objectiveKey: 'O-2', since: '2026-01-01' }, ''],
  ])('answers VALIDATION to %s before reading anything', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'member', 'objectives/history', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });
});
