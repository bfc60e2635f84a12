import { buildResolver } from '../../src/resolvers';
import { startAppHost, type AppHost } from '../support/app-host';
import { objectivesFrom } from '../support/app-ports';
import { captureLog } from '../support/log-capture';
import { failed, ok } from './resolver-kit';

describe('settings, levels and periods through the resolver', () => {
  let app: AppHost;
  beforeEach(() => {
    app = startAppHost();
  });
  afterEach(async () => {
    await app.close();
  });

  it('walks an admin through the first setup', async () => {
    const initial = await ok(app, 'admin', 'settings/get');
    expect(initial.version).toBe(0);
    const s1 = await ok(app, 'admin', 'settings/update', {
      version: 0,
      rollupPolicy: { checkInCadenceDays: 14 },
      promptPolicy: { weeklyCapPerUser: 3 },
    });
    expect(s1).toMatchObject({
      version: 1,
      rollupPolicy: { checkInCadenceDays: 14 },
      promptPolicy: { weeklyCapPerUser: 3 },
      updatedBy: 'local-admin',
    });
    const s2 = await ok(app, 'admin', 'levels/update', {
      version: 1,
      levels: [
        { id: 'organisation', name: 'Organisation priority' },
        { id: 'strategic', name: 'Strategic' },
        { id: 'workgroup', name: 'Squad' },
      ],
    });
    expect(s2.levels.map((l) => l.name)).toEqual(['Organisation priority', 'Strategic', 'Squad']);
    const q4 = await ok(app, 'admin', 'periods/create', {
      version: 2,
      name: '2026 Q4',
      start: '2026-10-01',
      end: '2026-12-31',
    });
    expect(q4.period.id).toBe('2026-q4');
    const fy = await ok(app, 'admin', 'periods/create', {
      version: 3,
      name: 'FY2027',
      start: '2027-01-01',
      end: '2027-12-31',
    });
    const renamed = await ok(app, 'admin', 'periods/update', {
      version: fy.settings.version,
      id: 'fy2027',
      name: 'Financial year 2027',
    });
    const closed = await ok(app, 'admin', 'periods/close', { version: renamed.settings.version, id: '2026-q4' });
    expect(closed.settings.periods).toEqual([
      { id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', state: 'closed' },
      { id: 'fy2027', name: 'Financial year 2027', start: '2027-01-01', end: '2027-12-31', state: 'open' },
    ]);
    expect(await ok(app, 'outsider', 'settings/get')).toEqual(closed.settings);
  });

  it('answers CONFLICT to a change from a stale version and NOT_FOUND for an unknown period', async () => {
    await ok(app, 'admin', 'periods/create', { version: 0, name: 'Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(
      (await failed(app, 'admin', 'settings/update', { version: 0, storyPointsField: 'customfield_10016' })).error,
    ).toEqual({
      code: 'CONFLICT',
      message:
        'the settings record was saved by someone else in the meantime (it is now version 1); reload and try again',
    });
    expect((await failed(app, 'admin', 'periods/close', { version: 1, id: 'q1' })).error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no period with id "q1"',
    });
  });

  it('reports unexpected failures as INTERNAL in one short sentence, and logs them', async () => {
    await app.host.runtime.runInvocation({ accountId: null, moduleKey: 'test' }, async () => {
      const { kvs } = await import('@forge/kvs');
      await kvs.entity('settings').set('settings', { version: 3, data: { levels: 'not a list' } });
    });
    const { result, lines } = await captureLog(() => failed(app, 'member', 'settings/get'));
    expect(result.error).toEqual({
      code: 'INTERNAL',
      message: 'Tether could not complete this; the error has been logged.',
    });
    // one event: the resolver key, the error's message, and its stack below
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.text).toMatch(
      /^resolver settings\/get: failed code=INTERNAL error="StoredRecordInvalid: [^\n]+"\n\s+at /,
    );
  });
});

describe('removing levels, with the objectives known', () => {
  let app: AppHost;
  beforeEach(() => {
    const objectives = objectivesFrom([{ key: 'O-12', levelId: 'programme', workgroupId: 'web-squad' }]);
    app = startAppHost({
      resolverModule: { resolver: buildResolver({ objectives: () => objectives }).getDefinitions() },
    });
  });
  afterEach(async () => {
    await app.close();
  });

  it('refuses to remove a level in use, naming the objectives, and removes one that is not', async () => {
    const { error, writes } = await failed(app, 'admin', 'levels/update', {
      version: 0,
      levels: [
        { id: 'organisation', name: 'Organisation priority' },
        { id: 'workgroup', name: 'Workgroup' },
      ],
    });
    expect(error).toEqual({
      code: 'VALIDATION',
      message: 'Level "Programme" cannot be removed while objectives use it',
      details: [
        {
          path: 'levels',
          message: 'level "Programme" is used by O-12; move those objectives to another level before removing it',
        },
      ],
    });
    expect(writes).toBe(0);
    const done = await ok(app, 'admin', 'levels/update', {
      version: 0,
      levels: [
        { id: 'programme', name: 'Programme' },
        { id: 'workgroup', name: 'Workgroup' },
      ],
    });
    expect(done.levels.map((l) => l.id)).toEqual(['programme', 'workgroup']);
    const { error: workgroupInUse } = await failed(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 1 });
    expect(workgroupInUse.code).toBe('NOT_FOUND');
  });
});
