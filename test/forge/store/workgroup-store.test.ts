import { kvs } from '@forge/kvs';
import { VersionConflict } from '../../../src/app/app-failure';
import { WorkgroupRecord } from '../../../src/contract/api';
import { StoredObjective } from '../../../src/app/objectives/stored-objective';
import { EntityRepository } from '../../../src/forge/store/entity-repository';
import { ForgeObjectiveStore, objectiveEntity, usageKey } from '../../../src/forge/store/objective-store';
import { ForgeObjectiveUsage } from '../../../src/forge/store/objective-usage';
import { anObjective } from '../../support/builders';
import { completeRosters } from '../../../src/app/workgroups/complete-rosters';
import { ForgeSettingsStore } from '../../../src/forge/store/settings-store';
import { ForgeWorkgroupStore, WORKGROUP_DIRECTORY_KEY } from '../../../src/forge/store/workgroup-store';
import { asPersona, asPersonaCounted, queriesCaughtUp, useAppHost } from '../../support/app-host';

const app = useAppHost();
const run = <T>(fn: () => Promise<T>) => asPersona(app.host, 'admin', fn);

const wg = (id: string, over: Partial<WorkgroupRecord> = {}): WorkgroupRecord =>
  WorkgroupRecord.parse({
    id,
    name: id.toUpperCase(),
    kind: 'squad',
    leads: ['a'],
    projects: [],
    version: 0,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  });

const directory = () =>
  run(async () => {
    const stored = await kvs
      .entity<{ data: { workgroups: Record<string, string[]> } }>('settings')
      .get(WORKGROUP_DIRECTORY_KEY);
    return stored?.data.workgroups;
  });

describe('ForgeWorkgroupStore', () => {
  const store = new ForgeWorkgroupStore();

  it('keeps the directory of workgroups and their projects, changed in the same transaction as the workgroup', async () => {
    await run(() => store.create(wg('alpha', { projects: ['WEB', 'MOB'] })));
    await run(() => store.create(wg('beta', { projects: ['WEB'] })));
    expect(await directory()).toEqual({ alpha: ['WEB', 'MOB'], beta: ['WEB'] });
    const alpha = await run(() => store.get('alpha'));
    if (alpha === null) throw new Error('alpha was not stored');
    await run(() => store.update({ ...alpha, projects: ['OPS', 'WEB'] }, alpha));
    expect(await directory()).toEqual({ alpha: ['OPS', 'WEB'], beta: ['WEB'] });
    expect((await run(() => store.listByProject('WEB'))).map((w) => w.id)).toEqual(['alpha', 'beta']);
    await expect(run(() => store.update({ ...alpha, projects: [] }, alpha))).rejects.toBeInstanceOf(VersionConflict);
    expect(await directory()).toEqual({ alpha: ['OPS', 'WEB'], beta: ['WEB'] });
    const beta = await run(() => store.get('beta'));
    if (beta === null) throw new Error('beta was not stored');
    await run(() => store.delete(beta));
    expect(await directory()).toEqual({ alpha: ['OPS', 'WEB'] });
  });

  it('lists a workgroup the moment it is written, and no more the moment it is deleted (read by key, never by query)', async () => {
    const { counts } = await asPersonaCounted(app.host, 'admin', async () => {
      await store.create(wg('alpha', { projects: ['WEB'] }));
      expect((await store.list()).map((w) => w.id)).toEqual(['alpha']);
      expect((await store.listByProject('WEB')).map((w) => w.id)).toEqual(['alpha']);
      const alpha = await store.get('alpha');
      if (alpha === null) throw new Error('alpha was not stored');
      const moved = await store.update({ ...alpha, projects: ['MOB'] }, alpha);
      expect(await store.listByProject('WEB')).toEqual([]);
      expect((await store.listByProject('MOB')).map((w) => w.id)).toEqual(['alpha']);
      await store.delete(moved);
      expect(await store.list()).toEqual([]);
    });
    // a first directory is built from the (empty) index once; after that nothing is queried
    expect(counts.kvsByEndpoint['/api/v1/entity/query']).toBe(1);
  });

  it('takes two workgroups that change at once, one retrying on the fresh directory', async () => {
    await run(() => store.create(wg('seed')));
    await Promise.all([
      run(() => store.create(wg('alpha', { projects: ['WEB'] }))),
      run(() => store.create(wg('beta', { projects: ['MOB'] }))),
    ]);
    expect(await directory()).toEqual({ seed: [], alpha: ['WEB'], beta: ['MOB'] });
  });

  it('swaps 12 projects for 12 others in one transaction', async () => {
    const before = Array.from({ length: 12 }, (_, i) => `P${i}`);
    const after = Array.from({ length: 12 }, (_, i) => `Q${i}`);
    const created = await run(() => store.create(wg('wide', { projects: before })));
    const { counts } = await asPersonaCounted(app.host, 'admin', () =>
      store.update({ ...created, projects: after }, created),
    );
    expect(counts.kvsByEndpoint['/api/v1/transaction']).toBe(1);
    expect(await directory()).toEqual({ wide: after });
  });

  it("costs one read of the directory and one batch read for a project's workgroups", async () => {
    for (let i = 0; i < 5; i += 1) await run(() => store.create(wg(`g${i}`, { projects: ['WEB'] })));
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () => store.listByProject('WEB'));
    expect(result).toHaveLength(5);
    expect(counts.kvsByEndpoint).toEqual({ '/api/v1/entity/get': 1, '/api/v1/batch/get': 1 });
  });

  it('builds the directory once from the workgroups stored before it, and keeps it', async () => {
    await run(async () => {
      for (const [id, projects] of [
        ['old-a', ['WEB']],
        ['old-b', ['MOB']],
      ] as const)
        await kvs
          .entity('workgroup')
          .set(id, { name: id, version: 1, data: wg(id, { projects: [...projects], version: 1 }) });
    });
    // stored before the directory existed: long past the query lag
    await queriesCaughtUp(app);
    expect((await run(() => store.listByProject('WEB'))).map((w) => w.id)).toEqual(['old-a']);
    expect(await directory()).toEqual({ 'old-a': ['WEB'], 'old-b': ['MOB'] });
  });

  it('finds by name ignoring case', async () => {
    await run(() => store.create(wg('alpha', { name: 'Alpha Team' })));
    expect((await run(() => store.findByName('ALPHA team'))).map((w) => w.id)).toEqual(['alpha']);
    expect(await run(() => store.findByName('Alpha'))).toEqual([]);
  });

  it('finds a name the moment it is taken and frees it the moment it is changed, and refuses a second claim', async () => {
    await run(async () => {
      const alpha = await store.create(wg('alpha', { name: 'Alpha Team' }));
      const renamed = await store.update({ ...alpha, name: 'Omega' }, alpha);
      expect(await store.findByName('alpha team')).toEqual([]);
      expect((await store.findByName('OMEGA')).map((w) => w.id)).toEqual(['alpha']);
      await expect(store.create(wg('other', { name: 'omega' }))).rejects.toBeInstanceOf(VersionConflict);
      await store.delete(renamed);
      expect(await store.findByName('Omega')).toEqual([]);
      expect((await store.create(wg('again', { name: 'Omega' }))).version).toBe(1);
    });
  });
});

describe('ForgeSettingsStore', () => {
  it('reads defaults at version 0 and writes guarded by the version', async () => {
    const store = new ForgeSettingsStore();
    const defaults = await run(() => store.get());
    expect(defaults.version).toBe(0);
    const saved = await run(() => store.save({ ...defaults, storyPointsField: 'customfield_1' }, 0));
    expect(saved.version).toBe(1);
    await expect(run(() => store.save(defaults, 0))).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'the settings record was saved by someone else in the meantime (it is now version 1); reload and try again',
    });
    expect(await run(() => store.get())).toMatchObject({ version: 1, storyPointsField: 'customfield_1' });
  });
});

describe('ForgeObjectiveUsage', () => {
  const settings = new ForgeSettingsStore();
  const objectives = new ForgeObjectiveStore();
  const usage = new ForgeObjectiveUsage(settings);
  const stored = (key: string, periodId: string, levelId: string, workgroupId: string | null) =>
    StoredObjective.parse({
      ...anObjective({ id: key, key, periodId, levelId, workgroupId }),
      keyResults: [],
      version: 0,
    });
  const withPeriods = () =>
    run(async () => {
      const s = await settings.get();
      await settings.save(
        {
          ...s,
          periods: [
            { id: 'q4', name: 'Q4', start: '2026-10-01', end: '2026-12-31', state: 'open' },
            { id: 'q1', name: 'Q1', start: '2027-01-01', end: '2027-03-31', state: 'open' },
          ],
        },
        0,
      );
    });

  it('finds objectives stored before usage records by workgroup (index) and by level (every period)', async () => {
    await withPeriods();
    await run(async () => {
      // as an older version of the store wrote them: the objective alone, no usage record
      const raw = (o: StoredObjective) => new EntityRepository(objectiveEntity).put(o, 0);
      await raw(stored('O-1', 'q4', 'workgroup', 'web'));
      await raw(stored('O-2', 'q1', 'workgroup', 'mob'));
      await raw(stored('O-3', 'q1', 'strategic', null));
    });
    // stored before usage records existed: long past the query lag
    await queriesCaughtUp(app);
    expect(await run(() => usage.objectivesUsingLevel('workgroup'))).toEqual(['O-1', 'O-2']);
    expect(await run(() => usage.objectivesUsingLevel('programme'))).toEqual([]);
    expect(await run(() => usage.objectivesOfWorkgroup('web'))).toEqual(['O-1']);
    expect(await run(() => usage.objectivesOfWorkgroup('none'))).toEqual([]);
  });

  it('counts an objective the moment it is created or moved, without waiting for the indexes', async () => {
    await withPeriods();
    await run(async () => {
      const created = await objectives.create(stored('O-9', 'q4', 'workgroup', 'web'));
      expect(await usage.objectivesOfWorkgroup('web')).toEqual([created.key]);
      expect(await usage.objectivesUsingLevel('workgroup')).toEqual([created.key]);
      const moved = await objectives.put({ ...created, workgroupId: 'mob', levelId: 'team' }, created.version);
      expect(await usage.objectivesOfWorkgroup('web')).toEqual([]);
      expect(await usage.objectivesUsingLevel('workgroup')).toEqual([]);
      expect(await usage.objectivesOfWorkgroup('mob')).toEqual([moved.key]);
      expect(await usage.objectivesUsingLevel('team')).toEqual([moved.key]);
      // an edit that stays where it is writes no usage record
      const { version } = await objectives.put({ ...moved, title: 'Renamed' }, moved.version, moved);
      expect(version).toBe(moved.version + 1);
      expect(await usage.objectivesOfWorkgroup('mob')).toEqual([moved.key]);
    });
  });
});

describe("a workgroup's roster", () => {
  const objectives = new ForgeObjectiveStore();
  const workgroups = new ForgeWorkgroupStore();
  const stored = (over: Partial<StoredObjective>) =>
    StoredObjective.parse({
      ...anObjective({ levelId: 'workgroup', periodId: 'q4' }),
      keyResults: [],
      version: 0,
      ...over,
    });
  const rosterOf = async (id: string) => (await run(() => objectives.rosters([id]))).get(id)?.members;

  it('names every objective of a workgroup created with one, with its period and what it serves, changed with the objective', async () => {
    await run(() => workgroups.create(wg('web')));
    await run(() => workgroups.create(wg('mob')));
    expect(await rosterOf('web')).toEqual([]);
    const { counts } = await asPersonaCounted(app.host, 'admin', async () => {
      const a = await objectives.create(stored({ workgroupId: 'web', parentId: 'O-100' }));
      const b = await objectives.create(stored({ workgroupId: 'web', parentId: null }));
      expect((await objectives.rosters(['web'])).get('web')?.members).toEqual([
        { key: a.key, periodId: 'q4', targets: ['O-100'] },
        { key: b.key, periodId: 'q4', targets: [] },
      ]);
      // another period, another parent and an alignment: the entry follows
      const moved = await objectives.put(
        { ...a, periodId: 'q1', parentId: 'O-101', alignments: [{ objectiveId: 'O-102', weight: 1 }] },
        a.version,
        a,
      );
      expect((await objectives.rosters(['web'])).get('web')?.members).toEqual([
        { key: a.key, periodId: 'q1', targets: ['O-101', 'O-102'] },
        { key: b.key, periodId: 'q4', targets: [] },
      ]);
      // to another workgroup: it leaves one roster and joins the other, in the same write
      await objectives.put({ ...moved, workgroupId: 'mob' }, moved.version, moved);
      const both = await objectives.rosters(['web', 'mob']);
      expect(both.get('web')?.members.map((m) => m.key)).toEqual([b.key]);
      expect(both.get('mob')?.members.map((m) => m.key)).toEqual([a.key]);
    });
    // none of it asked a query: the roster is read by key
    expect(counts.kvsByEndpoint['/api/v1/entity/query']).toBeUndefined();
  });

  it('is not trusted for a workgroup whose usage record predates rosters, and goes with the workgroup', async () => {
    await run(async () => {
      // as an older version of the store wrote it: a count and the latest keys, no roster
      await kvs.entity('settings').set(usageKey('workgroup', 'old'), {
        version: 1,
        data: { scope: 'workgroup', id: 'old', count: 3, latest: ['O-7'], version: 1 },
      });
      await objectives.create(stored({ workgroupId: 'old' }));
    });
    expect(await rosterOf('old')).toBeUndefined();
    const web = await run(() => workgroups.create(wg('web')));
    expect(await rosterOf('web')).toEqual([]);
    await run(() => workgroups.delete(web));
    expect(await rosterOf('web')).toBeUndefined();
  });

  it('is completed by the hourly job for a workgroup from before rosters: its old objectives and those that joined since', async () => {
    const raw = (o: StoredObjective) => new EntityRepository(objectiveEntity).put(o, 0);
    await run(async () => {
      await workgroups.create(wg('web'));
      // as an older version of the store wrote them: objectives alone, no usage record
      await kvs.entity('settings').delete(usageKey('workgroup', 'legacy'));
      await raw(stored({ key: 'O-1', id: 'O-1', workgroupId: 'legacy', parentId: 'O-50' }));
      await raw(stored({ key: 'O-2', id: 'O-2', workgroupId: 'legacy' }));
      await raw(stored({ key: 'O-3', id: 'O-3', workgroupId: 'elsewhere' }));
    });
    await queriesCaughtUp(app);
    // one joins since, one leaves a moment before the job runs (the query still shows it there)
    const joined = await run(() => objectives.create(stored({ workgroupId: 'legacy' })));
    const o2 = await run(() => objectives.get('O-2'));
    if (o2 === null) throw new Error('O-2 was not stored');
    await run(() => objectives.put({ ...o2, workgroupId: 'elsewhere' }, o2.version, o2));
    expect(await rosterOf('legacy')).toBeUndefined();

    let done: boolean | null = null;
    const job = () =>
      run(() =>
        completeRosters({
          workgroups: { list: async () => [wg('web'), wg('legacy')] },
          objectiveStore: objectives,
          done: { get: async () => done, set: async () => void (done = true) },
          timeLeft: () => 600_000,
        }),
      );
    expect(await job()).toEqual({ completed: ['legacy'], finished: true });
    expect(await rosterOf('legacy')).toEqual([
      { key: 'O-1', periodId: 'q4', targets: ['O-50'] },
      { key: joined.key, periodId: 'q4', targets: [] },
    ]);
    // once all are complete, the job looks no more
    expect(await job()).toEqual({ completed: [], finished: true });
  });
});
