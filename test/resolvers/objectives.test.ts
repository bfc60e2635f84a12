/**
 * objectives/create, update, archive, move on the local host with the real SDKs: keys from the
 * counter, the rollup kept by objectiveSaved, who may do what per persona, VALIDATION without
 * writes, CONFLICT on stale versions, the hierarchy's refusals, restricted objectives.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { call, failed, ok } from './resolver-kit';
import { createSquadObjective, organisation, PERIOD, squadObjective, storedRollup } from './objective-kit';

const app = useAppHost(organisation);

describe('objectives/create', () => {
  it('stores a workgroup objective under the next key, with its rollup, and tells its parent', async () => {
    const { objective, rollup } = await createSquadObjective(app, { weight: 2, description: 'No more forms' });
    expect(objective).toMatchObject({
      id: 'O-2',
      key: 'O-2',
      title: 'One-click checkout',
      owner: ACCOUNT.lead,
      workgroupId: 'web-squad',
      parentId: 'O-1',
      weight: 2,
      version: 1,
      keyResults: [],
    });
    expect(rollup).toMatchObject({ objectiveId: 'O-2', status: 'no-measure', progress: null });
    const parent = await storedRollup(app, 'O-1');
    expect(parent?.contributors).toEqual([{ objectiveId: 'O-2', weight: 2, progress: null, counts: true }]);
    expect((await storedRollup(app, 'O-2'))?.targets).toEqual(['O-1']);
  });

  it('takes keys from a counter of its own: concurrent creates get different keys, the settings stay untouched', async () => {
    const settingsBefore = await ok(app, 'admin', 'settings/get');
    const created = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        ok(app, 'admin', 'objectives/create', { title: `Priority ${i}`, levelId: 'organisation', periodId: PERIOD }),
      ),
    );
    expect(created.map((c) => c.objective.key).sort()).toEqual(['O-2', 'O-3', 'O-4', 'O-5']);
    expect((await ok(app, 'admin', 'settings/get')).version).toBe(settingsBefore.version);
  });

  it('costs one transaction for the objective and its counter, and one for the rollups', async () => {
    const { reply, writes, counts } = await call(app, 'lead', 'objectives/create', squadObjective());
    expect(reply.ok).toBe(true);
    expect(counts.kvsByEndpoint['/api/v1/transaction']).toBe(2);
    expect(writes).toBe(2);
  });

  it.each(['lead', 'member', 'outsider'] as const)(
    'refuses an organisation objective to %s, writing nothing',
    async (persona) => {
      const { error, writes } = await failed(app, persona, 'objectives/create', {
        title: 'Grow',
        levelId: 'organisation',
        periodId: PERIOD,
      });
      expect(error).toEqual({
        code: 'FORBIDDEN',
        message: 'Only Jira administrators can create organisation objectives and objectives without a workgroup',
      });
      expect(writes).toBe(0);
    },
  );

  it.each(['member', 'outsider'] as const)(
    "refuses a workgroup's objective to %s, who does not lead it",
    async (persona) => {
      const { error, writes } = await failed(app, persona, 'objectives/create', squadObjective());
      expect(error).toEqual({
        code: 'FORBIDDEN',
        message:
          'Only the leads of workgroup "Web Squad" and Jira administrators can create objectives of workgroup "Web Squad"',
      });
      expect(writes).toBe(0);
    },
  );

  it("lets the admin create any workgroup's objective, and refuses a lead another workgroup's", async () => {
    expect((await ok(app, 'admin', 'objectives/create', squadObjective())).objective.key).toBe('O-2');
    const { error } = await failed(app, 'lead', 'objectives/create', squadObjective({ workgroupId: 'mobile-team' }));
    expect(error.code).toBe('FORBIDDEN');
    expect((await failed(app, null, 'objectives/create', squadObjective())).error).toEqual({
      code: 'FORBIDDEN',
      message: 'Sign in to Jira to use Tether',
    });
  });

  it.each([
    ['no title', { levelId: 'workgroup', periodId: PERIOD }, 'title'],
    ['an unknown field', { ...squadObjective(), colour: 'red' }, ''],
    ['a parent that is not an objective key', squadObjective({ parentId: 'objective-1' }), 'parentId'],
    ['a weight below 0', squadObjective({ weight: -1 }), 'weight'],
    [
      'an alignment listed twice',
      squadObjective({ alignments: [{ objectiveId: 'O-1' }, { objectiveId: 'O-1' }] }),
      'alignments.1.objectiveId',
    ],
    ['a status other than draft or active', squadObjective({ status: 'done' }), 'status'],
  ])('answers VALIDATION to %s, reading and writing nothing', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'lead', 'objectives/create', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it.each([
    [
      'the lowest level without a workgroup',
      { title: 'Ship', levelId: 'workgroup', periodId: PERIOD },
      'workgroupId',
      'an objective at the lowest level ("Workgroup") belongs to a workgroup',
    ],
    [
      'a level that does not exist',
      { title: 'Ship', levelId: 'tribe', periodId: PERIOD },
      'levelId',
      'there is no level "tribe" (levels: organisation, strategic, programme, workgroup)',
    ],
    [
      'a period that does not exist',
      squadObjective({ periodId: '2030-q1' }),
      'periodId',
      'there is no period "2030-q1"',
    ],
    [
      'a workgroup that does not exist',
      { title: 'Ship', levelId: 'programme', periodId: PERIOD, workgroupId: 'ghosts' },
      'workgroupId',
      'there is no workgroup "ghosts"',
    ],
    [
      'a parent that does not exist',
      squadObjective({ parentId: 'O-99' }),
      'parentId',
      'the new objective aligns to O-99, which does not exist',
    ],
  ])('refuses %s with VALIDATION naming the field, writing nothing', async (_what, payload, path, message) => {
    const { error, writes } = await failed(app, 'admin', 'objectives/create', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toContainEqual({ path, message });
    expect(writes).toBe(0);
  });

  it('refuses a parent at the same level, naming both objectives', async () => {
    await createSquadObjective(app); // O-2
    const { error, writes } = await failed(app, 'lead', 'objectives/create', squadObjective({ parentId: 'O-2' }));
    expect(error).toEqual({
      code: 'VALIDATION',
      message: 'The objective was not created',
      details: [
        {
          path: 'parentId',
          message: "the new objective's parent O-2 must sit at a higher level than the new objective",
        },
      ],
    });
    expect(writes).toBe(0);
  });

  it('refuses a period that is closed', async () => {
    await ok(app, 'admin', 'periods/close', { version: 1, id: PERIOD });
    const { error } = await failed(app, 'lead', 'objectives/create', squadObjective());
    expect(error.details).toEqual([{ path: 'periodId', message: 'period "2026 Q4" is closed' }]);
  });
});

describe('objectives/update', () => {
  it('changes the fields given, bumps the version, and refuses the stale version with CONFLICT', async () => {
    await createSquadObjective(app);
    const { objective } = await ok(app, 'lead', 'objectives/update', {
      key: 'O-2',
      version: 1,
      title: 'Checkout in one click',
      weight: 3,
      visibility: 'restricted',
    });
    expect(objective).toMatchObject({
      title: 'Checkout in one click',
      weight: 3,
      visibility: 'restricted',
      version: 2,
    });
    expect((await storedRollup(app, 'O-1'))?.contributors.find((c) => c.objectiveId === 'O-2')?.weight).toBe(3);
    const { error, writes } = await failed(app, 'lead', 'objectives/update', {
      key: 'O-2',
      version: 1,
      title: 'Old news',
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'objective O-2 was changed by someone else (you had version 1, it is now 2); reload and try again',
    );
    expect(writes).toBe(0);
  });

  it('lets one of two concurrent edits from the same version win', async () => {
    await createSquadObjective(app);
    const replies = await Promise.all([
      call(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, title: 'A' }),
      call(app, 'admin', 'objectives/update', { key: 'O-2', version: 1, title: 'B' }),
    ]);
    const codes = replies.map((r) => (r.reply.ok ? 'ok' : r.reply.error.code)).sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
  });

  it('lets the owner change the title and description, and nothing else', async () => {
    await createSquadObjective(app, { owner: ACCOUNT.member });
    expect(
      (await ok(app, 'member', 'objectives/update', { key: 'O-2', version: 1, description: 'Why it matters' }))
        .objective.version,
    ).toBe(2);
    const { error, writes } = await failed(app, 'member', 'objectives/update', { key: 'O-2', version: 2, weight: 5 });
    expect(error).toEqual({
      code: 'FORBIDDEN',
      message: 'Only the leads of workgroup "Web Squad" and Jira administrators can change weight of O-2',
    });
    expect(writes).toBe(0);
  });

  it.each(['member', 'outsider'] as const)('refuses %s, who neither owns nor leads it', async (persona) => {
    await createSquadObjective(app);
    const { error, writes } = await failed(app, persona, 'objectives/update', {
      key: 'O-2',
      version: 1,
      title: 'Mine now',
    });
    expect(error.code).toBe('FORBIDDEN');
    expect(writes).toBe(0);
  });

  it("refuses a lead moving an objective into a workgroup they do not lead, and an organisation objective's change", async () => {
    await createSquadObjective(app);
    expect(
      (await failed(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, workgroupId: 'mobile-team' })).error
        .message,
    ).toBe('Only the leads of workgroup "Mobile Team" and Jira administrators can change workgroupId of O-2');
    expect((await failed(app, 'lead', 'objectives/update', { key: 'O-1', version: 1, title: 'Mine' })).error).toEqual({
      code: 'FORBIDDEN',
      message: 'Only Jira administrators can change title of O-1',
    });
  });

  it('hides a restricted objective from whoever is outside its workgroup: NOT_FOUND, as if it did not exist', async () => {
    await createSquadObjective(app, { visibility: 'restricted' });
    expect((await failed(app, 'outsider', 'objectives/update', { key: 'O-2', version: 1, title: 'x' })).error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no objective O-2',
    });
    expect((await failed(app, 'outsider', 'objectives/update', { key: 'O-9', version: 1, title: 'x' })).error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no objective O-9',
    });
    // a member of the workgroup sees it, and is refused as a non-lead
    expect((await failed(app, 'member', 'objectives/update', { key: 'O-2', version: 1, title: 'x' })).error.code).toBe(
      'FORBIDDEN',
    );
    expect((await ok(app, 'admin', 'objectives/update', { key: 'O-2', version: 1, title: 'x' })).objective.title).toBe(
      'x',
    );
  });

  it('refuses an alignment that closes a cycle, naming every objective in it', async () => {
    // three programme-level objectives of Web Squad, each contributing to the next: A → B → C
    const a = await createSquadObjective(app, { title: 'A', levelId: 'programme', parentId: 'O-1' });
    const b = await createSquadObjective(app, { title: 'B', levelId: 'programme', parentId: 'O-1', alignments: [] });
    const c = await createSquadObjective(app, { title: 'C', levelId: 'programme', parentId: 'O-1' });
    await ok(app, 'lead', 'objectives/update', {
      key: a.objective.key,
      version: 1,
      alignments: [{ objectiveId: b.objective.key }],
    });
    await ok(app, 'lead', 'objectives/update', {
      key: b.objective.key,
      version: 1,
      alignments: [{ objectiveId: c.objective.key }],
    });
    const { error, writes } = await failed(app, 'lead', 'objectives/update', {
      key: c.objective.key,
      version: 1,
      alignments: [{ objectiveId: a.objective.key, weight: 2 }],
    });
    expect(error).toEqual({
      code: 'VALIDATION',
      message: 'O-4 was not changed',
      details: [
        { path: 'alignments', message: 'these objectives align to each other in a circle: O-2 → O-3 → O-4 → O-2' },
      ],
    });
    expect(writes).toBe(0);
  });
});

describe('objectives/archive', () => {
  it('cancels the objective, which stops counting in its parent', async () => {
    await createSquadObjective(app);
    expect((await failed(app, 'member', 'objectives/archive', { key: 'O-2', version: 1 })).error.code).toBe(
      'FORBIDDEN',
    );
    const { objective, rollup } = await ok(app, 'lead', 'objectives/archive', { key: 'O-2', version: 1 });
    expect(objective).toMatchObject({ status: 'cancelled', version: 2 });
    expect(rollup?.status).toBe('cancelled');
    expect((await storedRollup(app, 'O-1'))?.contributors.find((c) => c.objectiveId === 'O-2')).toMatchObject({
      counts: false,
    });
    expect((await failed(app, 'lead', 'objectives/archive', { key: 'O-2', version: 1 })).error.code).toBe('CONFLICT');
  });
});

describe('objectives/move', () => {
  it('hangs the objective under a new parent: the old parent forgets it, the new one counts it', async () => {
    const strategic = await ok(app, 'admin', 'objectives/create', {
      title: 'Own the mobile checkout',
      levelId: 'strategic',
      periodId: PERIOD,
      parentId: 'O-1',
    }); // O-2
    await createSquadObjective(app); // O-3 under O-1
    const { objective } = await ok(app, 'lead', 'objectives/move', {
      key: 'O-3',
      version: 1,
      parentId: strategic.objective.key,
    });
    expect(objective).toMatchObject({ parentId: 'O-2', version: 2 });
    expect((await storedRollup(app, 'O-1'))?.contributors.find((c) => c.objectiveId === 'O-3')).toBeUndefined();
    expect((await storedRollup(app, 'O-2'))?.contributors.find((c) => c.objectiveId === 'O-3')).toEqual({
      objectiveId: 'O-3',
      weight: null,
      progress: null,
      counts: true,
    });
  });

  it('refuses a move that closes a cycle and breaks the levels, naming every objective involved', async () => {
    // O-2 (strategic) contributes to O-3 (strategic); O-4 (programme) has O-2 as its parent
    await ok(app, 'admin', 'objectives/create', {
      title: 'S1',
      levelId: 'strategic',
      periodId: PERIOD,
      parentId: 'O-1',
    }); // O-2
    await ok(app, 'admin', 'objectives/create', {
      title: 'S2',
      levelId: 'strategic',
      periodId: PERIOD,
      parentId: 'O-1',
    }); // O-3
    await ok(app, 'admin', 'objectives/update', { key: 'O-2', version: 1, alignments: [{ objectiveId: 'O-3' }] });
    await ok(app, 'admin', 'objectives/create', {
      title: 'P1',
      levelId: 'programme',
      periodId: PERIOD,
      parentId: 'O-2',
    }); // O-4
    const { error, writes } = await failed(app, 'admin', 'objectives/move', {
      key: 'O-3',
      version: 1,
      parentId: 'O-4',
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'parentId', message: "O-3's parent O-4 must sit at a higher level than O-3" },
        { path: 'parentId', message: 'these objectives align to each other in a circle: O-2 → O-3 → O-4 → O-2' },
      ]),
    );
    expect(writes).toBe(0);
  });

  it('refuses a new level that leaves a child at or above it', async () => {
    await ok(app, 'admin', 'objectives/create', {
      title: 'S1',
      levelId: 'strategic',
      periodId: PERIOD,
      parentId: 'O-1',
    }); // O-2
    await ok(app, 'admin', 'objectives/create', {
      title: 'P1',
      levelId: 'programme',
      periodId: PERIOD,
      parentId: 'O-2',
    }); // O-3
    const { error } = await failed(app, 'admin', 'objectives/move', {
      key: 'O-2',
      version: 1,
      parentId: 'O-1',
      levelId: 'programme',
    });
    expect(error.details).toEqual([
      { path: 'levelId', message: "O-3's parent O-2 must sit at a higher level than O-3" },
    ]);
  });

  it.each(['member', 'outsider'] as const)('is refused to %s', async (persona) => {
    await createSquadObjective(app);
    expect((await failed(app, persona, 'objectives/move', { key: 'O-2', version: 1, parentId: null })).error.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('what admins remove', () => {
  it('cannot take away a workgroup or a level that objectives use, naming them', async () => {
    await createSquadObjective(app);
    const { error } = await failed(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 1 });
    expect(error.details).toEqual([
      { path: 'id', message: 'O-2 belong to workgroup "Web Squad"; move or delete them first' },
    ]);
    const levels = await failed(app, 'admin', 'levels/update', {
      version: 1,
      levels: [
        { id: 'organisation', name: 'Company' },
        { id: 'strategic', name: 'Strategic' },
      ],
    });
    expect(levels.error.message).toBe('Level "Workgroup" cannot be removed while objectives use it');
  });
});
