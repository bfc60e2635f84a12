/** aggregate (count, sum, avg) and the app's issue property, through the real @forge/api. */
import { createJiraClient } from '../../../src/forge/jira';
import { STORY_POINT_ESTIMATE } from '../../../local/jira';
import { jiraKit, MEMBER, OBJECTIVE_INDEX, type IssueSpec, type JiraKit } from './jira-test-kit';

let kit: JiraKit;
afterEach(() => kit.close());

describe('aggregate', () => {
  // 23 issues have no points; the others have 1, 2, 3, 4 by i % 4
  const pointsOf = (i: number) => (i % 10 === 0 ? null : (i % 4) + 1);
  const specs: IssueSpec[] = Array.from({ length: 230 }, (_, i): IssueSpec => {
    const points = pointsOf(i);
    return { key: `WEB-${i + 1}`, numbers: points === null ? {} : { [STORY_POINT_ESTIMATE]: points } };
  });
  const values = specs.map((_, i) => pointsOf(i)).filter((v): v is number => v !== null);
  const total = values.reduce((a, b) => a + b, 0);

  it('counts by paging ids only, up to 5,000 a page', async () => {
    kit = jiraKit(specs);
    const client = createJiraClient();
    expect(await kit.as(null, () => client.aggregate('project = WEB', 'count', null))).toBe(230);
    expect(kit.searchCalls()).toBe(1);
    expect(JSON.parse(kit.requests[0]?.body ?? '{}')).toEqual({
      jql: 'project = WEB',
      maxResults: 5000,
      fields: ['id'],
    });
    expect(await kit.as(null, () => client.aggregate('project = MOB', 'count', null))).toBe(0);
  });

  it('sums and averages a numeric field over pages of 100, leaving out empty values', async () => {
    kit = jiraKit(specs);
    const client = createJiraClient();
    expect(await kit.as(null, () => client.aggregate('project = WEB', 'sum', STORY_POINT_ESTIMATE))).toBe(total);
    expect(kit.searchCalls()).toBe(3);
    expect(JSON.parse(kit.requests[0]?.body ?? '{}')).toEqual({
      jql: 'project = WEB',
      maxResults: 100,
      fields: [STORY_POINT_ESTIMATE],
    });
    expect(await kit.as(null, () => client.aggregate('project = WEB', 'avg', STORY_POINT_ESTIMATE))).toBeCloseTo(
      total / values.length,
      10,
    );
    expect(await kit.as(null, () => client.aggregate('project = MOB', 'avg', STORY_POINT_ESTIMATE))).toBeNull();
    expect(await kit.as(null, () => client.aggregate('project = MOB', 'sum', STORY_POINT_ESTIMATE))).toBe(0);
  });

  it('refuses a sum without a field id', async () => {
    kit = jiraKit(specs);
    const client = createJiraClient();
    await expect(kit.as(null, () => client.aggregate('project = WEB', 'sum', null))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(kit.as(null, () => client.aggregate('project = WEB', 'avg', 'x) OR (1=1'))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(kit.requests).toEqual([]);
  });
});

describe('setIssueProperty', () => {
  const index = { ...OBJECTIVE_INDEX, propertyKey: 'tether', searchAlias: 'objective' };

  it('writes the property as the app so JQL finds it by its search alias, and deletes it', async () => {
    kit = jiraKit([{ key: 'WEB-1' }, { key: 'WEB-2' }, { key: 'WEB-3' }], { jira: { propertyIndexes: [index] } });
    const client = createJiraClient();
    const served = () =>
      kit.as(null, async () =>
        (await client.searchIssues('objective = O-12 ORDER BY key ASC', null)).issues.map((i) => i.key),
      );
    await kit.as(null, async () => {
      await client.setIssueProperty('WEB-1', 'tether', { objectives: ['O-12', 'O-3'] });
      await client.setIssueProperty('WEB-3', 'tether', { objectives: ['O-12'] });
    });
    expect(await served()).toEqual(['WEB-1', 'WEB-3']);
    await kit.as(null, () => client.setIssueProperty('WEB-3', 'tether', { objectives: ['O-3'] }));
    expect(await served()).toEqual(['WEB-1']);
    await kit.as(null, () => client.setIssueProperty('WEB-1', 'tether', null));
    expect(await served()).toEqual([]);
    expect(kit.jira.store.issue('WEB-1')?.properties).toEqual({});
    const writes = kit.requests.filter((r) => r.path.includes('/properties/'));
    expect(writes.map((r) => [r.method, r.path, r.asUser])).toEqual([
      ['PUT', '/rest/api/3/issue/WEB-1/properties/tether', null],
      ['PUT', '/rest/api/3/issue/WEB-3/properties/tether', null],
      ['PUT', '/rest/api/3/issue/WEB-3/properties/tether', null],
      ['DELETE', '/rest/api/3/issue/WEB-1/properties/tether', null],
    ]);
  });

  it('treats deleting a property that is not there as done, and a missing issue on write as NOT_FOUND', async () => {
    kit = jiraKit([{ key: 'WEB-1' }]);
    const client = createJiraClient();
    await kit.as(MEMBER, () => client.setIssueProperty('WEB-1', 'tether', null));
    await expect(
      kit.as(null, () => client.setIssueProperty('WEB-404', 'tether', { objectives: [] })),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    });
  });
});
