/**
 * Issue 13, class 3 — inputs that reached storage or crashed unchecked. Each example of the probe
 * through the local host: the input is refused with VALIDATION at its path, in plain words, and
 * nothing is written. Ids and cursors that break a storage key; accounts, fields and JQL that Jira
 * does not have (from the resolvers and from an objectives file, on one path); a YAML alias bomb; an
 * objective key that would move the counter past the key pattern.
 */
import { MAX_OBJECTIVE_NUMBER } from '../../src/contract';
import { EntityRepository } from '../../src/forge/store/entity-repository';
import { objectiveCounterEntity } from '../../src/forge/store/objective-store';
import { ACCOUNT, asPersona, useAppHost, type AppHost, type Persona } from '../support/app-host';
import { call, failed, ok, type KeyResultIn } from './resolver-kit';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';
import type { ApiKey } from '../../src/contract/api';

const NOBODY = '557058:no-such-person';

/** The call is refused with VALIDATION naming `path` (and `message`, when given), and writes nothing. */
async function expectValidation(
  app: AppHost,
  persona: Persona,
  key: ApiKey,
  payload: unknown,
  path: string,
  message?: string | RegExp,
) {
  const { error, writes } = await failed(app, persona, key, payload);
  expect(error.code).toBe('VALIDATION');
  const detail = error.details?.find((d) => d.path === path);
  expect(detail).toBeDefined();
  if (message !== undefined) expect(detail?.message).toMatch(message);
  expect(writes).toBe(0);
  return error;
}

describe('ids that are no storage key', () => {
  const app = useAppHost();

  it.each([
    ['a slash', 'check-in-due:O-1.KR-1/../x:1'],
    ['spaces', 'check-in-due:O-1 KR-1:1'],
    ['an emoji', 'outcome-review:WEB-1:O-1🎯'],
    ['no kind', 'O-1.KR-1:1'],
    ['501 characters', `escalation:${'x'.repeat(490)}`],
  ])(
    'a prompt id with %s is VALIDATION at promptId for answer, dismiss and snooze, before anything is read',
    async (_what, promptId) => {
      for (const [key, rest] of [
        ['prompts/answer', { answer: { kind: 'alignment-gap' } }],
        ['prompts/dismiss', {}],
        ['prompts/snooze', { days: 1 }],
      ] as const) {
        const { error, counts } = await failed(app, 'member', key, { promptId, ...rest });
        expect(error.code).toBe('VALIDATION');
        expect(error.details?.map((d) => d.path)).toContain('promptId');
        expect(counts.kvsRoundTrips).toBe(0);
      }
    },
  );
});

describe('list cursors', () => {
  const app = useAppHost(async () => {
    await organisation(app);
    await createSquadObjective(app, { owner: ACCOUNT.member }); // O-2
    await createSquadObjective(app, { owner: ACCOUNT.member }); // O-3
    for (const key of ['O-2', 'O-3']) {
      for (const confidence of ['high', 'medium', 'low'] as const) {
        await ok(app, 'member', 'check-ins/create', { objectiveKey: key, confidence });
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    }
  });

  const firstPage = (key: string) => ok(app, 'member', 'check-ins/list', { objectiveKey: key, limit: 2 });

  it('a cursor the list gave reads the next page', async () => {
    const first = await firstPage('O-2');
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const second = await ok(app, 'member', 'check-ins/list', {
      objectiveKey: 'O-2',
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.checkIns.map((c) => c.confidence)).toEqual(['high']);
    expect(second.nextCursor).toBeNull();
  });

  it('forged, altered and borrowed cursors are VALIDATION at cursor, and never reach storage', async () => {
    const o2 = (await firstPage('O-2')).nextCursor ?? '';
    const o3 = (await firstPage('O-3')).nextCursor ?? '';
    const [body = '', signature = ''] = o2.split('.');
    const flipped = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const forgedBody = Buffer.from(JSON.stringify({ s: 'check-ins:O-2', c: 'eyJ2IjoxfQ' })).toString('base64url');
    for (const cursor of [
      flipped(body, 5) + '.' + signature,
      body + '.' + flipped(signature, 0),
      forgedBody + '.' + signature,
      o3,
    ]) {
      const { error, counts, writes } = await failed(app, 'member', 'check-ins/list', {
        objectiveKey: 'O-2',
        limit: 2,
        cursor,
      });
      expect(error).toEqual({
        code: 'VALIDATION',
        message: 'The list cursor is not valid',
        details: [
          {
            path: 'cursor',
            message: 'this cursor was not given by this list; read the list again from its first page',
          },
        ],
      });
      expect(writes).toBe(0);
      expect(counts.kvsByEndpoint['/api/v1/entity/query'] ?? 0).toBe(0);
    }
  });

  it.each([
    ['a store cursor passed as it is', 'eyJ2IjoxLCJxIjoieCIsImsiOiJ5In0'],
    ['spaces and a slash', 'abc def/ghi.' + 'A'.repeat(43)],
    ['an emoji', '🎯.' + 'A'.repeat(43)],
    ['3,001 characters', 'A'.repeat(2957) + '.' + 'A'.repeat(43)],
  ])('%s is VALIDATION at cursor before anything is read', async (_what, cursor) => {
    const { error, counts } = await failed(app, 'member', 'check-ins/list', { objectiveKey: 'O-2', cursor });
    expect(error.code).toBe('VALIDATION');
    expect(new Set(error.details?.map((d) => `${d.path}: ${d.message}`))).toEqual(
      new Set(['cursor: not a cursor this list gave']),
    );
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });
});

describe('a cursor before any was given', () => {
  const app = useAppHost(async () => {
    await organisation(app);
  });

  it('is refused without making the secret that seals cursors', async () => {
    const cursor =
      Buffer.from(JSON.stringify({ s: 'check-ins:O-1', c: 'x' })).toString('base64url') + '.' + 'A'.repeat(43);
    await expectValidation(app, 'admin', 'check-ins/list', { objectiveKey: 'O-1', cursor }, 'cursor');
  });
});

describe('accounts, fields and JQL that Jira does not have', () => {
  const app = useAppHost(async () => {
    await organisation(app);
    await createSquadObjective(app); // O-2, owned by the lead
  });

  const query = (over: Partial<Extract<KeyResultIn, { kind: 'query' }>> = {}): KeyResultIn => ({
    kind: 'query',
    title: 'Story points closed',
    jql: 'project = WEB',
    direction: 'increase',
    baseline: 0,
    target: 40,
    aggregate: 'sum',
    field: 'customfield_10016',
    ...over,
  });

  it('an owner that is no Jira account is not stored: objectives/create, objectives/update', async () => {
    const noAccount = `there is no Jira account with the id ${NOBODY}`;
    await expectValidation(
      app,
      'lead',
      'objectives/create',
      {
        title: 'Ghost',
        levelId: 'workgroup',
        periodId: PERIOD,
        workgroupId: 'web-squad',
        parentId: 'O-1',
        owner: NOBODY,
      },
      'owner',
      noAccount,
    );
    await expectValidation(
      app,
      'lead',
      'objectives/update',
      { key: 'O-2', version: 1, owner: NOBODY },
      'owner',
      noAccount,
    );
    // a real account is taken
    expect(
      (await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, owner: ACCOUNT.member })).objective.owner,
    ).toBe(ACCOUNT.member);
  });

  it('a key result owner that is no Jira account is not stored: key-results/create, key-results/update', async () => {
    await expectValidation(
      app,
      'lead',
      'key-results/create',
      { objectiveKey: 'O-2', version: 1, keyResult: { kind: 'milestone', title: 'Launch', owner: NOBODY } },
      'keyResult.owner',
    );
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'milestone', title: 'Launch' },
    });
    await expectValidation(
      app,
      'lead',
      'key-results/update',
      { objectiveKey: 'O-2', version: 2, keyResultId: 'O-2.KR-1', owner: NOBODY },
      'owner',
    );
  });

  it('workgroup leads and members that are no Jira accounts are not stored', async () => {
    await expectValidation(
      app,
      'admin',
      'workgroups/create',
      { name: 'Ghosts', kind: 'squad', leads: [NOBODY], members: [ACCOUNT.member, `${NOBODY}-2`] },
      'leads.0',
    );
    const error = await expectValidation(
      app,
      'admin',
      'workgroups/create',
      { name: 'Ghosts', kind: 'squad', leads: [ACCOUNT.lead], members: [ACCOUNT.member, `${NOBODY}-2`] },
      'members.1',
    );
    expect(error.details).toHaveLength(1);
    await expectValidation(
      app,
      'admin',
      'workgroups/update',
      { id: 'web-squad', version: 1, members: [ACCOUNT.member, NOBODY] },
      'members.1',
    );
  });

  it.each([
    [
      'a field Jira does not have',
      'customfield_99999',
      'Jira has no field customfield_99999; name a field that holds numbers, such as customfield_10016',
    ],
    [
      'a field that does not hold numbers',
      'summary',
      'the field summary ("Summary") does not hold numbers, so Tether cannot add it up',
    ],
  ])(
    'a sum over %s is refused at keyResult.field when it is created, not later in the job',
    async (_what, field, message) => {
      await expectValidation(
        app,
        'lead',
        'key-results/create',
        { objectiveKey: 'O-2', version: 1, keyResult: query({ field }) },
        'keyResult.field',
        message,
      );
    },
  );

  it('a field that is no Jira field id is refused by the contract, before anything is read', async () => {
    const { error, counts } = await failed(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: query({ field: 'Story Points; DROP' }),
    });
    expect(error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'keyResult.field', message: 'a Jira field id such as customfield_10016' }],
    });
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('a numeric field is taken, and a change to a field that is not numeric is refused at field', async () => {
    await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: query({ aggregate: 'count', field: null }),
    });
    await expectValidation(
      app,
      'lead',
      'key-results/update',
      { objectiveKey: 'O-2', version: 2, keyResultId: 'O-2.KR-1', aggregate: 'avg', field: 'status' },
      'field',
      /does not hold numbers, so Tether cannot average it/,
    );
    expect(
      (
        await ok(app, 'lead', 'key-results/update', {
          objectiveKey: 'O-2',
          version: 2,
          keyResultId: 'O-2.KR-1',
          aggregate: 'avg',
          field: 'customfield_10016',
        })
      ).keyResult,
    ).toMatchObject({ aggregate: 'avg', field: 'customfield_10016' });
  });

  it('a story-points field Jira does not have is not stored in the settings', async () => {
    const { version } = await ok(app, 'admin', 'settings/get');
    await expectValidation(
      app,
      'admin',
      'settings/update',
      { version, storyPointsField: 'customfield_99999' },
      'storyPointsField',
      /Jira has no field customfield_99999/,
    );
    expect(
      (await ok(app, 'admin', 'settings/update', { version, storyPointsField: 'customfield_10028' })).storyPointsField,
    ).toBe('customfield_10028');
  });
});

/** An objectives file with one period and the objectives given (YAML). */
function file(objectives: string): string {
  return [
    'format: tether-objectives/1',
    'periods:',
    `  - {id: ${PERIOD}, name: 2026 Q4, start: '2026-10-01', end: '2026-12-31'}`,
    'objectives:',
    objectives,
  ].join('\n');
}

const organisationObjective = (key: string, extra = '') =>
  `  - {key: ${key}, title: Far away, level: organisation, period: ${PERIOD}, owner: ${ACCOUNT.admin}${extra}}`;

describe('objectives-file imports check what the resolvers check', () => {
  const app = useAppHost();

  /** Preview and apply both name the problem at `path`; apply is VALIDATION and writes nothing. */
  async function expectImportRefused(text: string, path: string, message?: string | RegExp) {
    const preview = await ok(app, 'admin', 'objectives-file/import', { text });
    expect(preview.errors.map((e) => e.path)).toContain(path);
    const error = await expectValidation(app, 'admin', 'objectives-file/import', { text, apply: true }, path, message);
    expect(error.details).toEqual(preview.errors);
  }

  it("a query key result's JQL is checked by Jira as the importer", async () => {
    const kr = `, keyResults: [{kind: query, title: Bugs, jql: 'project = NOPE', direction: decrease, baseline: 10, target: 2}]`;
    await expectImportRefused(
      file(organisationObjective('O-1', kr)),
      'objectives.0.keyResults.0.jql',
      "Jira does not accept this JQL: The value 'NOPE' does not exist for the field 'project'.",
    );
  });

  it("a query key result's field must be a numeric Jira field", async () => {
    const kr = `, keyResults: [{kind: query, title: Points, jql: 'project = WEB', aggregate: avg, field: reporter, direction: increase, baseline: 1, target: 2}]`;
    await expectImportRefused(
      file(organisationObjective('O-1', kr)),
      'objectives.0.keyResults.0.field',
      /the field reporter \("Reporter"\) does not hold numbers/,
    );
  });

  it('owners, leads and members must be Jira accounts', async () => {
    const text = [
      file(`  - {key: O-1, title: Far away, level: organisation, period: ${PERIOD}, owner: '${NOBODY}'}`),
      'workgroups:',
      `  - {id: ghosts, name: Ghosts, kind: squad, leads: ['${NOBODY}'], members: [${ACCOUNT.member}]}`,
    ].join('\n');
    await expectImportRefused(text, 'objectives.0.owner', `there is no Jira account with the id ${NOBODY}`);
    await expectImportRefused(text, 'workgroups.0.leads.0');
  });

  it('a YAML alias bomb is VALIDATION, not INTERNAL', async () => {
    const bomb = [
      'format: tether-objectives/1',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...['b', 'c', 'd', 'e', 'f', 'g'].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    const preview = await ok(app, 'admin', 'objectives-file/import', { text: bomb });
    expect(preview.errors).toEqual([
      {
        path: '',
        message:
          'the file uses aliases (*name) too much: at most 100, and none that expand into more than the file itself holds',
      },
    ]);
    await expectValidation(app, 'admin', 'objectives-file/import', { text: bomb, apply: true }, '');
  });

  it('a file nested too deeply is VALIDATION', async () => {
    const deep = `format: tether-objectives/1\nobjectives: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { reply, writes } = await call(app, 'admin', 'objectives-file/import', { text: deep, apply: true });
    expect(reply.ok ? 'ok' : reply.error.code).toBe('VALIDATION');
    expect(writes).toBe(0);
  });
});

describe('objective keys and the counter', () => {
  const app = useAppHost();

  it('an imported key beyond what a file may use (O-999999999) is VALIDATION at its path; creating and listing still work', async () => {
    const text = file([organisationObjective('O-1'), organisationObjective('O-999999999')].join('\n'));
    const preview = await ok(app, 'admin', 'objectives-file/import', { text });
    expect(preview.errors).toEqual([
      {
        path: 'objectives.1.key',
        line: 6,
        column: 11,
        message:
          'an objective key in a file looks like O-12, from O-1 to O-99999999 (the keys above are kept for objectives created in Tether)',
      },
    ]);
    await expectValidation(app, 'admin', 'objectives-file/import', { text, apply: true }, 'objectives.1.key');
    await ok(app, 'admin', 'periods/create', { version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(
      (await ok(app, 'admin', 'objectives/create', { title: 'Near', levelId: 'organisation', periodId: PERIOD }))
        .objective.key,
    ).toBe('O-1');
  });

  it('the highest key a file may use leaves the keys above for new objectives, which list and export', async () => {
    const text = file(organisationObjective('O-99999999'));
    expect((await ok(app, 'admin', 'objectives-file/import', { text, apply: true })).applied).toBe(true);
    expect(
      (await ok(app, 'admin', 'objectives/create', { title: 'Next', levelId: 'organisation', periodId: PERIOD }))
        .objective.key,
    ).toBe('O-100000000');
    expect((await ok(app, 'admin', 'objectives/list')).objectives.map((o) => o.key)).toEqual([
      'O-99999999',
      'O-100000000',
    ]);
    expect((await ok(app, 'admin', 'objectives-file/export')).objectives).toBe(2);
  });

  it('a counter past the last key refuses to create (LIMIT) instead of storing an objective that would not read back', async () => {
    await ok(app, 'admin', 'periods/create', { version: 0, name: '2026 Q4', start: '2026-10-01', end: '2026-12-31' });
    await asPersona(app.host, null, () =>
      new EntityRepository(objectiveCounterEntity).put({ next: MAX_OBJECTIVE_NUMBER + 1, version: 0 }, 0),
    );
    const { error, writes } = await failed(app, 'admin', 'objectives/create', {
      title: 'One too many',
      levelId: 'organisation',
      periodId: PERIOD,
    });
    expect(error).toEqual({
      code: 'LIMIT',
      message: 'Every objective key up to O-999999999 is taken; no more objectives can be created',
    });
    expect(writes).toBe(0);
    expect((await ok(app, 'admin', 'objectives/list')).objectives).toEqual([]);
  });
});
