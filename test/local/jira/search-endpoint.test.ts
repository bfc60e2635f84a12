import { STORY_POINT_ESTIMATE } from '../../../local/jira/fields';
import { aJira, DAY, MEMBER, NOW, OUTSIDER, STATUS, type IssueSpec } from './builders';
import { at, call, q } from './http';

const many: IssueSpec[] = Array.from({ length: 130 }, (_, i): IssueSpec => ({
  key: `WEB-${i + 1}`,
  created: NOW - (i + 1) * DAY,
  numbers: { [STORY_POINT_ESTIMATE]: i % 5 },
  statusId: i % 2 === 0 ? STATUS.todo : STATUS.done,
  ...(i === 0 ? { properties: { 'tether-objectives': { objectives: ['O-1'] } } } : {}),
}));

function issueKeys(json: unknown): unknown[] {
  const issues = at(json, 'issues');
  return Array.isArray(issues) ? issues.map((i: unknown) => at(i, 'key') ?? at(i, 'id')) : [];
}

describe('GET/POST /rest/api/3/search/jql', () => {
  const { jira } = aJira(many);

  it('pages with nextPageToken until isLast, covering every match exactly once', async () => {
    const seen: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await call(
        jira,
        'GET',
        `/rest/api/3/search/jql?${q({ jql: 'project = WEB ORDER BY created DESC', maxResults: 40, fields: 'key', ...(token ? { nextPageToken: token } : {}) })}`,
      );
      expect(res.status).toBe(200);
      pages += 1;
      seen.push(...issueKeys(res.json));
      const next = at(res.json, 'nextPageToken');
      if (at(res.json, 'isLast') === true) {
        expect(next).toBeUndefined();
        break;
      }
      expect(typeof next).toBe('string');
      token = typeof next === 'string' ? next : undefined;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(seen[0]).toBe('WEB-1');
    expect(seen[129]).toBe('WEB-130');
  });

  it('POST takes the same parameters in the body', async () => {
    const first = await call(jira, 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'statusCategory = Done', maxResults: 50, fields: ['summary'] },
    });
    expect(issueKeys(first.json)).toHaveLength(50);
    const second = await call(jira, 'POST', '/rest/api/3/search/jql', {
      body: {
        jql: 'statusCategory = Done',
        maxResults: 50,
        fields: ['summary'],
        nextPageToken: at(first.json, 'nextPageToken'),
      },
    });
    expect(issueKeys(second.json)).toHaveLength(15);
    expect(at(second.json, 'isLast')).toBe(true);
  });

  it('refuses a page token from another query', async () => {
    const first = await call(jira, 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'project = WEB', maxResults: 10 },
    });
    const token = at(first.json, 'nextPageToken');
    const wrong = await call(jira, 'POST', '/rest/api/3/search/jql', {
      body: { jql: 'project = WEB AND statusCategory = Done', nextPageToken: token },
    });
    expect(wrong.status).toBe(400);
    const garbage = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?${q({ jql: 'project = WEB', nextPageToken: 'nope' })}`,
    );
    expect(garbage.json).toEqual({
      errorMessages: ['The provided next page token is invalid or expired.'],
      errors: {},
    });
  });

  it('defaults: ids only, 50 per page; caps 100 with fields and 5,000 for ids', async () => {
    const ids = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'project = WEB' })}`);
    const issues = at(ids.json, 'issues');
    expect(Array.isArray(issues) && issues.length).toBe(50);
    expect(at(ids.json, 'issues', 0)).toEqual({ id: expect.any(String) });
    const idsMax = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'project = WEB', maxResults: 6000 })}`);
    expect(issueKeys(idsMax.json)).toHaveLength(130);
    const fieldsMax = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?${q({ jql: 'project = WEB', maxResults: 6000, fields: '*all' })}`,
    );
    expect(issueKeys(fieldsMax.json)).toHaveLength(100);
    expect(at(fieldsMax.json, 'isLast')).toBe(false);
    const zero = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'project = WEB', maxResults: 0 })}`);
    expect(zero.status).toBe(400);
  });

  it('selects fields: ids, *all, *navigable, named fields, exclusions, repeated parameters', async () => {
    const get = async (fields: string[]) => {
      const res = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'key = WEB-1', fields })}`);
      return at(res.json, 'issues', 0);
    };
    expect(await get(['id'])).toEqual({ id: '20001' });
    const one = await get(['summary,customfield_10016']);
    expect(one).toEqual({
      expand: expect.any(String),
      id: '20001',
      key: 'WEB-1',
      self: 'https://tether-local.atlassian.net/rest/api/3/issue/20001',
      fields: { summary: 'Issue WEB-1', customfield_10016: 0 },
    });
    expect(Object.keys(at(await get(['summary', 'status']), 'fields') ?? {})).toEqual(['summary', 'status']);
    const all = at(await get(['*all']), 'fields');
    expect(Object.keys(all ?? {})).toEqual(
      expect.arrayContaining([
        'summary',
        'status',
        'issuetype',
        'project',
        'assignee',
        'created',
        'updated',
        'resolutiondate',
        'customfield_10016',
        'customfield_10028',
        'labels',
        'priority',
      ]),
    );
    expect(at(all, 'parent')).toBeUndefined();
    expect(at(all, 'customfield_10028')).toBeNull();
    const navigable = at(await get(['*navigable,-description']), 'fields');
    expect(Object.keys(navigable ?? {})).not.toContain('description');
    expect(Object.keys(navigable ?? {})).toContain('summary');
    const keyOnly = await get(['key']);
    expect(at(keyOnly, 'key')).toBe('WEB-1');
    expect(at(keyOnly, 'fields')).toEqual({});
  });

  it('returns requested issue properties (at most 5) and field names with expand=names', async () => {
    const res = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?${q({ jql: 'key in (WEB-1, WEB-2)', properties: 'tether-objectives', fields: 'summary', expand: 'names' })}`,
    );
    expect(at(res.json, 'issues', 0, 'key')).toBe('WEB-2');
    expect(at(res.json, 'issues', 0, 'properties')).toEqual({});
    expect(at(res.json, 'issues', 1, 'properties')).toEqual({ 'tether-objectives': { objectives: ['O-1'] } });
    expect(at(res.json, 'names')).toEqual({ summary: 'Summary' });
    const tooMany = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?${q({ jql: 'key = WEB-1', properties: 'a,b,c,d,e,f' })}`,
    );
    expect(tooMany.status).toBe(400);
  });

  it('answers bad JQL, unbounded queries and unknown body members with 400', async () => {
    const bad = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'project = ' })}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ errorMessages: [expect.stringMatching(/^Error in the JQL Query: /)], errors: {} });
    const unsupported = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'sprint in openSprints()' })}`);
    expect(at(unsupported.json, 'errorMessages', 0)).toMatch(/does not support the field 'sprint'/);
    const unbounded = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'ORDER BY key' })}`);
    expect(unbounded.json).toEqual({
      errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      errors: {},
    });
    const body = await call(jira, 'POST', '/rest/api/3/search/jql', { body: { jql: 'project = WEB', startAt: 10 } });
    expect(body.status).toBe(400);
  });

  it('the old /rest/api/3/search is gone (410)', async () => {
    const res = await call(jira, 'GET', `/rest/api/3/search?${q({ jql: 'project = WEB' })}`);
    expect(res.status).toBe(410);
    expect(at(res.json, 'errorMessages', 0)).toMatch(/\/rest\/api\/3\/search\/jql/);
  });

  it('lists only what the user may browse', async () => {
    const mixed = aJira([
      { key: 'WEB-1', assigneeId: MEMBER },
      { key: 'MOB-1', assigneeId: MEMBER },
    ]).jira;
    const jql = `assignee = ${MEMBER}`;
    const asOutsider = await call(mixed, 'GET', `/rest/api/3/search/jql?${q({ jql, fields: 'key' })}`, {
      asUser: OUTSIDER,
    });
    expect(issueKeys(asOutsider.json)).toEqual(['WEB-1']);
    const asApp = await call(mixed, 'GET', `/rest/api/3/search/jql?${q({ jql, fields: 'key' })}`);
    expect(issueKeys(asApp.json)).toEqual(['WEB-1', 'MOB-1']);
  });
});
