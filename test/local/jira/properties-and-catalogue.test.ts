import { aJira, LEAD, MEMBER, OBJECTIVE_INDEX } from './builders';
import { at, call, q } from './http';

describe('issue properties', () => {
  it('sets (201, then 200), reads, lists and deletes a property', async () => {
    const { jira, events } = aJira([{ key: 'WEB-1' }]);
    const value = { objectives: ['O-12'] };
    const first = await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/tether-objectives', {
      body: value,
      asUser: MEMBER,
    });
    expect(first.status).toBe(201);
    expect(first.raw).toBe('');
    expect(
      (await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/tether-objectives', { body: value })).status,
    ).toBe(200);
    expect((await call(jira, 'GET', '/rest/api/3/issue/WEB-1/properties/tether-objectives')).json).toEqual({
      key: 'tether-objectives',
      value,
    });
    expect((await call(jira, 'GET', '/rest/api/3/issue/WEB-1/properties')).json).toEqual({
      keys: [
        {
          self: 'https://tether-local.atlassian.net/rest/api/3/issue/20001/properties/tether-objectives',
          key: 'tether-objectives',
        },
      ],
    });
    expect((await call(jira, 'DELETE', '/rest/api/3/issue/WEB-1/properties/tether-objectives')).status).toBe(204);
    const gone = await call(jira, 'GET', '/rest/api/3/issue/WEB-1/properties/tether-objectives');
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      errorMessages: ["The property with key 'tether-objectives' does not exist."],
      errors: {},
    });
    expect(events).toHaveLength(0);
  });

  it('refuses empty and over-long values', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }]);
    expect((await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/p')).status).toBe(400);
    expect((await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/p', { body: 'x'.repeat(40_000) })).status).toBe(
      400,
    );
    expect((await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/p', { rawBody: '{oops' })).status).toBe(400);
  });

  it('a property written through REST is found through its search alias', async () => {
    const changes: number[] = [];
    const { jira } = aJira([{ key: 'WEB-1' }, { key: 'WEB-2' }], {
      propertyIndexes: [OBJECTIVE_INDEX],
      onChange: () => changes.push(1),
    });
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-2/properties/tether-objectives', {
      body: { objectives: ['O-12', 'O-3'] },
    });
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/tether-objectives', { body: { objectives: ['O-3'] } });
    expect(changes.length).toBe(2);
    const search = async (jql: string) => {
      const res = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql, fields: 'key' })}`, { asUser: LEAD });
      const issues = at(res.json, 'issues');
      return Array.isArray(issues) ? issues.map((i: unknown) => at(i, 'key')) : res.json;
    };
    expect(await search('objective = O-12')).toEqual(['WEB-2']);
    expect(await search('objective = O-3 ORDER BY key ASC')).toEqual(['WEB-1', 'WEB-2']);
    expect(await search('issue.property[tether-objectives].objectives in (O-12)')).toEqual(['WEB-2']);
    await call(jira, 'DELETE', '/rest/api/3/issue/WEB-2/properties/tether-objectives');
    expect(await search('objective = O-12')).toEqual([]);
  });
});

describe('catalogue endpoints', () => {
  const { jira } = aJira([{ key: 'WEB-1' }]);

  it('lists fields, with both story point fields', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/field');
    const fields = Array.isArray(res.json) ? res.json : [];
    const byName = (name: string) => fields.find((f: unknown) => at(f, 'name') === name);
    expect(byName('Story point estimate')).toMatchObject({
      id: 'customfield_10016',
      custom: true,
      schema: { type: 'number', customId: 10016 },
      clauseNames: expect.arrayContaining(['cf[10016]']),
    });
    expect(byName('Story Points')).toMatchObject({ id: 'customfield_10028', custom: true, schema: { type: 'number' } });
    expect(byName('Summary')).toMatchObject({ id: 'summary', custom: false });
  });

  it('answers a project with its lead and issue types', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/project/WEB');
    expect(res.json).toMatchObject({
      id: '10000',
      key: 'WEB',
      name: 'Web Platform',
      lead: { accountId: LEAD },
      projectTypeKey: 'software',
    });
    expect(at(res.json, 'issueTypes', 4)).toMatchObject({ name: 'Sub-task', subtask: true, hierarchyLevel: -1 });
    expect((await call(jira, 'GET', '/rest/api/3/project/10000')).status).toBe(200);
    expect((await call(jira, 'GET', '/rest/api/3/project/NOPE')).json).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
  });

  it('finds users by the start of a name or e-mail, active people only', async () => {
    const names = async (query: string) => {
      const res = await call(jira, 'GET', `/rest/api/3/user/search?${q({ query })}`);
      return Array.isArray(res.json) ? res.json.map((u: unknown) => at(u, 'displayName')) : res.json;
    };
    expect(await names('mia')).toEqual(['Mia Member']);
    expect(await names('member')).toEqual(['Mia Member']);
    expect(await names('lee@')).toEqual(['Lee Lead']);
    expect(await names('gus')).toEqual([]);
    expect(await names('zzz')).toEqual([]);
    expect((await call(jira, 'GET', '/rest/api/3/user/search')).status).toBe(400);
    expect(at((await call(jira, 'GET', `/rest/api/3/user?accountId=${MEMBER}`)).json, 'emailAddress')).toBe(
      'mia@example.com',
    );
    expect((await call(jira, 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);
  });

  it('bulk answers the people asked for, in that order, a page at a time, leaving out unknown ids', async () => {
    const page = async (query: string) => (await call(jira, 'GET', `/rest/api/3/user/bulk?${query}`)).json;
    const both = await page(`accountId=${MEMBER}&accountId=nobody&accountId=${LEAD}`);
    expect(at(both, 'values')).toMatchObject([
      { accountId: MEMBER, displayName: 'Mia Member' },
      { accountId: LEAD, displayName: 'Lee Lead' },
    ]);
    expect(both).toMatchObject({ startAt: 0, total: 2, isLast: true });
    const first = await page(`accountId=${MEMBER}&accountId=${LEAD}&maxResults=1`);
    expect(first).toMatchObject({ maxResults: 1, total: 2, isLast: false, values: [{ accountId: MEMBER }] });
    expect((await call(jira, 'GET', '/rest/api/3/user/bulk')).status).toBe(400);
  });

  it('myself answers the calling user', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/myself', { asUser: MEMBER });
    expect(res.json).toMatchObject({
      accountId: MEMBER,
      displayName: 'Mia Member',
      emailAddress: 'mia@example.com',
      active: true,
      accountType: 'atlassian',
    });
  });
});

describe('the REST handler', () => {
  const { jira } = aJira([{ key: 'WEB-1' }]);

  it('answers unknown endpoints with 404 in Jira’s shape, wrong methods with 405', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/dashboard');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errorMessages: [expect.stringContaining('GET /rest/api/3/dashboard')], errors: {} });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((await call(jira, 'PATCH', '/rest/api/3/issue/WEB-1')).status).toBe(405);
  });

  it('answers malformed JSON bodies with 400', async () => {
    const res = await call(jira, 'POST', '/rest/api/3/search/jql', { rawBody: '{"jql":' });
    expect(res.status).toBe(400);
    expect(at(res.json, 'errorMessages', 0)).toMatch(/not valid JSON/);
  });

  it('decodes path segments (encoded keys and property keys)', async () => {
    expect((await call(jira, 'PUT', '/rest/api/3/issue/WEB-1/properties/a%20b', { body: 1 })).status).toBe(201);
    expect((await call(jira, 'GET', '/rest/api/3/issue/WEB-1/properties/a%20b')).json).toEqual({
      key: 'a b',
      value: 1,
    });
  });
});
