/**
 * Search after write (docs/forge-fidelity.md, "Jira REST"): with a search lag, /search/jql sees a
 * just-created issue not at all, a just-changed one as it was and a just-deleted one still, until
 * the lag is over on the Jira's clock, unless `reconcileIssues` (at most 50 ids) names it;
 * GET /issue/{key} is always consistent. The Jira's clock is moved by hand, never slept on.
 */
import { aJira, MEMBER, NOW, OBJECTIVE_INDEX, TYPE } from './builders';
import { at, call, q } from './http';

const LAG = 10_000;
/** The Jira's clock, moved by hand: real time passing between two requests changes nothing. */
let clock = NOW;
beforeEach(() => {
  clock = NOW;
});

function lagging() {
  return aJira(
    [
      { key: 'WEB-1', summary: 'Checkout totals' },
      { key: 'WEB-2', summary: 'Basket badge' },
    ],
    {
      now: () => clock,
      searchLagMs: LAG,
      propertyIndexes: [OBJECTIVE_INDEX],
    },
  ).jira;
}

type Jira = ReturnType<typeof lagging>;

async function found(
  jira: Jira,
  jql: string,
  reconcile: string[] = [],
): Promise<Array<{ key: unknown; summary: unknown }>> {
  const res = await call(
    jira,
    'GET',
    `/rest/api/3/search/jql?${q({ jql, fields: 'summary', reconcileIssues: reconcile })}`,
    { asUser: MEMBER },
  );
  expect(res.status).toBe(200);
  const issues = at(res.json, 'issues');
  return Array.isArray(issues)
    ? issues.map((i: unknown) => ({ key: at(i, 'key'), summary: at(i, 'fields', 'summary') }))
    : [];
}

const keysOf = (rows: Array<{ key: unknown }>) => rows.map((r) => r.key).sort();

describe('search after write', () => {
  it('misses a new issue until the lag is over, unless reconcileIssues names it; GET /issue finds it at once', async () => {
    const jira = lagging();
    const created = await call(jira, 'POST', '/rest/api/3/issue', {
      asUser: MEMBER,
      body: { fields: { project: { key: 'WEB' }, issuetype: { id: TYPE.task }, summary: 'Fresh task' } },
    });
    const id = String(at(created.json, 'id'));
    const key = String(at(created.json, 'key'));
    expect((await call(jira, 'GET', `/rest/api/3/issue/${key}?fields=summary`, { asUser: MEMBER })).status).toBe(200);

    expect(keysOf(await found(jira, 'project = WEB'))).toEqual(['WEB-1', 'WEB-2']);
    expect(keysOf(await found(jira, 'project = WEB', [id]))).toEqual(['WEB-1', 'WEB-2', key]);
    const posted = await call(jira, 'POST', '/rest/api/3/search/jql', {
      asUser: MEMBER,
      body: { jql: 'project = WEB', fields: ['key'], reconcileIssues: [Number(id)] },
    });
    expect(at(posted.json, 'issues', 0, 'key')).toBe(key);

    clock = NOW + LAG - 100;
    expect(keysOf(await found(jira, 'project = WEB'))).toEqual(['WEB-1', 'WEB-2']);
    clock = NOW + LAG + 1_000;
    expect(keysOf(await found(jira, 'project = WEB'))).toEqual(['WEB-1', 'WEB-2', key]);
  });

  it('answers a changed issue as it was (and by what it was) until the lag after its last change', async () => {
    const jira = lagging();
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-1', {
      asUser: MEMBER,
      body: { fields: { summary: 'Checkout totals round correctly' } },
    });
    expect(await found(jira, 'summary ~ "round correctly"')).toEqual([]);
    expect(await found(jira, 'key = WEB-1')).toEqual([{ key: 'WEB-1', summary: 'Checkout totals' }]);
    expect(await found(jira, 'key = WEB-1', ['20001'])).toEqual([
      { key: 'WEB-1', summary: 'Checkout totals round correctly' },
    ]);
    expect(
      at(
        (await call(jira, 'GET', '/rest/api/3/issue/WEB-1?fields=summary', { asUser: MEMBER })).json,
        'fields',
        'summary',
      ),
    ).toBe('Checkout totals round correctly');

    // a second write within the lag: search still shows the first state, until the lag after the second
    clock = NOW + 6_000;
    await call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', {
      asUser: MEMBER,
      body: { transition: { id: '21' } },
    });
    clock = NOW + LAG + 1_000;
    expect(await found(jira, 'key = WEB-1')).toEqual([{ key: 'WEB-1', summary: 'Checkout totals' }]);
    expect(await found(jira, 'status = "In Progress"')).toEqual([]);
    clock = NOW + 6_000 + LAG + 1_000;
    expect(await found(jira, 'status = "In Progress"')).toEqual([
      { key: 'WEB-1', summary: 'Checkout totals round correctly' },
    ]);
  });

  it('still finds a deleted issue until the lag is over, and an indexed property only after it', async () => {
    const jira = lagging();
    expect((await call(jira, 'DELETE', '/rest/api/3/issue/WEB-2')).status).toBe(204);
    expect(keysOf(await found(jira, 'project = WEB'))).toEqual(['WEB-1', 'WEB-2']);
    expect(keysOf(await found(jira, 'project = WEB', ['20002']))).toEqual(['WEB-1']);
    expect((await call(jira, 'GET', '/rest/api/3/issue/WEB-2', { asUser: MEMBER })).status).toBe(404);

    await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/tether-objectives', {
      asUser: MEMBER,
      body: { objectives: ['O-7'] },
    });
    expect(await found(jira, 'objective = O-7')).toEqual([]);
    expect(keysOf(await found(jira, 'objective = O-7', ['20001']))).toEqual(['WEB-1']);
    clock = NOW + LAG + 1_000;
    expect(keysOf(await found(jira, 'project = WEB'))).toEqual(['WEB-1']);
    expect(keysOf(await found(jira, 'objective = O-7'))).toEqual(['WEB-1']);
  });

  it('takes at most 50 ids in reconcileIssues, and only issue ids', async () => {
    const jira = lagging();
    const ids = Array.from({ length: 51 }, (_, i) => String(30000 + i));
    const tooMany = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?${q({ jql: 'project = WEB', reconcileIssues: ids.join(',') })}`,
      { asUser: MEMBER },
    );
    expect(tooMany.status).toBe(400);
    expect(at(tooMany.json, 'errorMessages', 0)).toBe('reconcileIssues accepts at most 50 issue ids; 51 were given.');
    expect(
      (
        await call(
          jira,
          'GET',
          `/rest/api/3/search/jql?${q({ jql: 'project = WEB', reconcileIssues: ids.slice(0, 50) })}`,
          { asUser: MEMBER },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'project = WEB', reconcileIssues: 'WEB-1' })}`, {
          asUser: MEMBER,
        })
      ).status,
    ).toBe(400);
  });

  it('is read-after-write consistent without a lag (lenient)', async () => {
    const { jira } = aJira([{ key: 'WEB-1', summary: 'Checkout totals' }], { now: () => clock });
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-1', { asUser: MEMBER, body: { fields: { summary: 'Renamed' } } });
    expect(await found(jira, 'project = WEB')).toEqual([{ key: 'WEB-1', summary: 'Renamed' }]);
  });
});
