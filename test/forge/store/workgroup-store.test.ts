import { kvs } from '@forge/kvs';
import { VersionConflict } from '../../../src/app/app-failure';
import { WorkgroupRecord } from '../../../src/contract/api';
import { objectiveNumber } from '../../../src/contract';
import { ForgeObjectiveUsage } from '../../../src/forge/store/objective-usage';
import { ForgeSettingsStore } from '../../../src/forge/store/settings-store';
import { ForgeWorkgroupStore } from '../../../src/forge/store/workgroup-store';
import { asPersona, asPersonaCounted, useAppHost } from '../../support/app-host';

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

const projectKeys = () =>
  run(async () => {
    const page = await kvs
      .query()
      .where('key', { condition: 'BEGINS_WITH', values: ['project:'] })
      .limit(100)
      .getMany<string>();
    return page.results.map((r) => r.key);
  });

describe('ForgeWorkgroupStore', () => {
  const store = new ForgeWorkgroupStore();

  it('keeps one key per (project, workgroup), changed in the same transaction as the workgroup', async () => {
    await run(() => store.create(wg('alpha', { projects: ['WEB', 'MOB'] })));
    await run(() => store.create(wg('beta', { projects: ['WEB'] })));
    expect(await projectKeys()).toEqual(['project:MOB:alpha', 'project:WEB:alpha', 'project:WEB:beta']);
    const alpha = await run(() => store.get('alpha'));
    if (alpha === null) throw new Error('alpha was not stored');
    await run(() => store.update({ ...alpha, projects: ['OPS', 'WEB'] }, alpha));
    expect(await projectKeys()).toEqual(['project:OPS:alpha', 'project:WEB:alpha', 'project:WEB:beta']);
    expect((await run(() => store.listByProject('WEB'))).map((w) => w.id)).toEqual(['alpha', 'beta']);
    await expect(run(() => store.update({ ...alpha, projects: [] }, alpha))).rejects.toBeInstanceOf(VersionConflict);
    expect(await projectKeys()).toEqual(['project:OPS:alpha', 'project:WEB:alpha', 'project:WEB:beta']);
    const beta = await run(() => store.get('beta'));
    if (beta === null) throw new Error('beta was not stored');
    await run(() => store.delete(beta));
    expect(await projectKeys()).toEqual(['project:OPS:alpha', 'project:WEB:alpha']);
  });

  it('swaps 12 projects for 12 others in one transaction of 25 operations', async () => {
    const before = Array.from({ length: 12 }, (_, i) => `P${i}`);
    const after = Array.from({ length: 12 }, (_, i) => `Q${i}`);
    const created = await run(() => store.create(wg('wide', { projects: before })));
    const { counts } = await asPersonaCounted(app.host, 'admin', () =>
      store.update({ ...created, projects: after }, created),
    );
    expect(counts.kvsByEndpoint['/api/v1/transaction']).toBe(1);
    expect((await projectKeys()).filter((k) => k.startsWith('project:Q'))).toHaveLength(12);
    expect((await projectKeys()).filter((k) => k.startsWith('project:P'))).toHaveLength(0);
  });

  it("costs one prefix query and one batch read for a project's workgroups", async () => {
    for (let i = 0; i < 5; i += 1) await run(() => store.create(wg(`g${i}`, { projects: ['WEB'] })));
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () => store.listByProject('WEB'));
    expect(result).toHaveLength(5);
    expect(counts.kvsByEndpoint).toEqual({ '/api/v1/query': 1, '/api/v1/batch/get': 1 });
  });

  it('finds by name ignoring case', async () => {
    await run(() => store.create(wg('alpha', { name: 'Alpha Team' })));
    expect((await run(() => store.findByName('ALPHA team'))).map((w) => w.id)).toEqual(['alpha']);
    expect(await run(() => store.findByName('Alpha'))).toEqual([]);
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
  it('finds objectives by workgroup (index) and by level (every period)', async () => {
    const settings = new ForgeSettingsStore();
    await run(async () => {
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
      const objective = (key: string, periodId: string, levelId: string, workgroupId: string) =>
        kvs.entity('objective').set(key, {
          workgroupId,
          periodId,
          parentId: '-',
          owner: 'a',
          number: objectiveNumber(key),
          version: 1,
          data: { key, levelId },
        });
      await objective('O-1', 'q4', 'workgroup', 'web');
      await objective('O-2', 'q1', 'workgroup', 'mob');
      await objective('O-3', 'q1', 'strategic', '-');
    });
    const usage = new ForgeObjectiveUsage(settings);
    expect(await run(() => usage.objectivesUsingLevel('workgroup'))).toEqual(['O-1', 'O-2']);
    expect(await run(() => usage.objectivesUsingLevel('programme'))).toEqual([]);
    expect(await run(() => usage.objectivesOfWorkgroup('web'))).toEqual(['O-1']);
    expect(await run(() => usage.objectivesOfWorkgroup('none'))).toEqual([]);
  });
});
