/**
 * searchIssues and getIssues through the real @forge/api against the local Jira: paging with
 * nextPageToken, the IssueState mapping, the story-points field found per site, key lists in
 * chunks of 100, and the children of a list of issues (childrenOf).
 */
import { createJiraClient } from '../../../src/forge/jira';
import { STORY_POINT_ESTIMATE, STORY_POINTS } from '../../../local/jira';
import { ADMIN, DAY, jiraKit, NOW, STATUS, TYPE, type IssueSpec, type JiraKit } from './jira-test-kit';

const SPECS: IssueSpec[] = [
  {
    key: 'WEB-1',
    issueTypeId: TYPE.epic,
    statusId: STATUS.inProgress,
    summary: 'Checkout redesign',
    assigneeId: ADMIN,
  },
  {
    key: 'WEB-2',
    parent: 'WEB-1',
    statusId: STATUS.done,
    numbers: { [STORY_POINT_ESTIMATE]: 5 },
    resolutionId: '10000',
    resolutiondate: NOW - 2 * DAY,
    duedate: '2026-10-20',
  },
  { key: 'WEB-3', parent: 'WEB-1', statusId: STATUS.inReview, numbers: { [STORY_POINTS]: 3 } },
  {
    key: 'WEB-4',
    parent: 'WEB-3',
    issueTypeId: TYPE.subtask,
    numbers: { [STORY_POINT_ESTIMATE]: 0.5, [STORY_POINTS]: 8 },
  },
  { key: 'WEB-5', parent: 'WEB-1', issueTypeId: TYPE.bug, numbers: { [STORY_POINT_ESTIMATE]: 2 } },
  { key: 'WEB-6', issueTypeId: TYPE.task },
  { key: 'WEB-7', issueTypeId: TYPE.task },
];

let kit: JiraKit;
afterEach(() => kit.close());

describe('searchIssues', () => {
  it('pages with nextPageToken until Jira has no next page, asking only for the rollup fields', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    const pages = await kit.as(null, async () => {
      const seen: string[][] = [];
      let token: string | null = null;
      do {
        const page = await client.searchIssues('project = WEB ORDER BY key ASC', token, 3);
        seen.push(page.issues.map((i) => i.key));
        token = page.nextPageToken;
      } while (token !== null);
      return seen;
    });
    expect(pages).toEqual([['WEB-1', 'WEB-2', 'WEB-3'], ['WEB-4', 'WEB-5', 'WEB-6'], ['WEB-7']]);
    const searches = kit.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(searches.map((r) => r.asUser)).toEqual([null, null, null]);
    const bodies = searches.map((r) => JSON.parse(r.body ?? '{}'));
    expect(bodies[0]).toEqual({
      jql: 'project = WEB ORDER BY key ASC',
      maxResults: 3,
      fields: [
        'summary',
        'issuetype',
        'status',
        'parent',
        'created',
        'updated',
        'resolutiondate',
        'duedate',
        'assignee',
        'reporter',
        STORY_POINT_ESTIMATE,
        STORY_POINTS,
      ],
    });
    expect(bodies[1].nextPageToken).toEqual(expect.any(String));
  });

  it('maps Jira fields to IssueState: points, parent, status category, bug, dates, people', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    const { issues } = await kit.as(null, () => client.searchIssues('project = WEB ORDER BY key ASC', null));
    const byKey = new Map(issues.map((i) => [i.key, i]));
    expect(byKey.get('WEB-1')).toEqual({
      key: 'WEB-1',
      parentKey: null,
      summary: 'Checkout redesign',
      issueType: 'Epic',
      isBug: false,
      statusCategory: 'indeterminate',
      storyPoints: null,
      created: NOW - 10 * DAY,
      started: null,
      resolved: null,
      dueDate: null,
      updated: NOW - 5 * DAY,
      assignee: ADMIN,
      reporter: 'local-lead',
    });
    expect(byKey.get('WEB-2')).toMatchObject({
      parentKey: 'WEB-1',
      statusCategory: 'done',
      storyPoints: 5,
      resolved: NOW - 2 * DAY,
      dueDate: '2026-10-20',
    });
    // Only "Story Points" is set: found too (a site can use either field)
    expect(byKey.get('WEB-3')).toMatchObject({ statusCategory: 'indeterminate', storyPoints: 3 });
    // Both set: "Story point estimate" comes first
    expect(byKey.get('WEB-4')).toMatchObject({
      parentKey: 'WEB-3',
      issueType: 'Sub-task',
      storyPoints: 0.5,
      statusCategory: 'new',
    });
    expect(byKey.get('WEB-5')).toMatchObject({ issueType: 'Bug', isBug: true, storyPoints: 2 });
    expect(byKey.get('WEB-6')).toMatchObject({ issueType: 'Task', isBug: false, storyPoints: null });
  });

  it('counts as bugs the issue types named in the options, and reads only the story-points field given', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient({ bugIssueTypeIds: [TYPE.task], storyPointsFieldId: STORY_POINTS });
    const { issues } = await kit.as(null, () => client.searchIssues('project = WEB ORDER BY key ASC', null));
    const byKey = new Map(issues.map((i) => [i.key, i]));
    expect(byKey.get('WEB-6')?.isBug).toBe(true);
    expect(byKey.get('WEB-5')?.isBug).toBe(true);
    expect(byKey.get('WEB-2')?.storyPoints).toBeNull();
    expect(byKey.get('WEB-4')?.storyPoints).toBe(8);
    expect(kit.requests.some((r) => r.path === '/rest/api/3/field')).toBe(false);
  });

  it('looks the story-points field up once per invocation', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    await kit.as(null, async () => {
      await client.searchIssues('project = WEB', null);
      await client.getIssues(['WEB-1']);
    });
    await kit.as(null, () => client.searchIssues('project = WEB', null));
    expect(kit.requests.filter((r) => r.path === '/rest/api/3/field')).toHaveLength(2);
  });

  it('caps a page at 100 issues', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    await kit.as(null, () => client.searchIssues('project = WEB', null, 500));
    expect(JSON.parse(kit.requests.at(-1)?.body ?? '{}').maxResults).toBe(100);
  });

  it('refuses bad JQL with VALIDATION and Jira’s message', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    await expect(kit.as(null, () => client.searchIssues('project = NOPE', null))).rejects.toMatchObject({
      code: 'VALIDATION',
      status: 400,
      endpoint: 'POST /rest/api/3/search/jql',
      jiraMessages: ["The value 'NOPE' does not exist for the field 'project'."],
    });
  });
});

describe('getIssues', () => {
  const many: IssueSpec[] = Array.from({ length: 250 }, (_, i) => ({
    key: `WEB-${i + 1}`,
    numbers: { [STORY_POINT_ESTIMATE]: i % 5 },
  }));

  it('asks for 250 keys in three searches of at most 100 keys', async () => {
    kit = jiraKit(many);
    const client = createJiraClient({ storyPointsFieldId: STORY_POINT_ESTIMATE });
    const wanted = many.map((s) => s.key);
    const { result, counts } = await kit.host.runCounted({ accountId: null, moduleKey: 'reconcile' }, () =>
      client.getIssues(wanted),
    );
    expect(result.map((i) => i.key).sort()).toEqual([...wanted].sort());
    expect(counts.productByRoute).toEqual({ 'jira POST /rest/api/3/search/jql': 3 });
    const keyCounts = kit.requests.map((r) => (JSON.parse(r.body ?? '{}').jql.match(/WEB-\d+/g) ?? []).length);
    expect(keyCounts).toEqual([100, 100, 50]);
  });

  it('leaves out keys Jira does not know, and asks nothing for an empty list', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    const issues = await kit.as(null, () =>
      client.getIssues(['WEB-2', 'web-3', 'WEB-99', 'MOB-404', 'not a key', 'WEB-2']),
    );
    expect(issues.map((i) => i.key).sort()).toEqual(['WEB-2', 'WEB-3']);
    expect(await kit.as(null, () => client.getIssues([]))).toEqual([]);
    // the local Jira names one unknown key per refusal: two refused searches, then the one that works
    expect(kit.searchCalls()).toBe(3);
  });

  it('finds the children of several issues with parent in (…), leaving out a parent Jira does not know', async () => {
    kit = jiraKit(SPECS);
    const client = createJiraClient();
    const children = await kit.as(null, () => client.childrenOf(['WEB-1', 'WEB-3', 'WEB-99', 'WEB-6']));
    expect(children.map((i) => [i.key, i.parentKey]).sort()).toEqual([
      ['WEB-2', 'WEB-1'],
      ['WEB-3', 'WEB-1'],
      ['WEB-4', 'WEB-3'],
      ['WEB-5', 'WEB-1'],
    ]);
    // refused once for WEB-99 ("An issue with key 'WEB-99' does not exist for field 'parent'."), then asked without it
    expect(kit.searchCalls()).toBe(2);
    expect(JSON.parse(kit.requests.at(-1)!.body ?? '{}').jql).toBe('parent in ("WEB-1", "WEB-3", "WEB-6")');
    expect(await kit.as(null, () => client.childrenOf([]))).toEqual([]);
  });
});

describe('the story-points field, remembered across invocations', () => {
  /** A memo kept in memory, as the triggers keep it in storage (src/forge/store/story-points-memo.ts). */
  function memoryMemo() {
    let ids: readonly string[] | null = null;
    return { get: async () => ids, put: async (found: readonly string[]) => void (ids = found) };
  }
  const fieldCalls = (k: JiraKit) => k.requests.filter((r) => r.path === '/rest/api/3/field').length;

  it('asks Jira for the fields once, then reads them from the memo in later invocations', async () => {
    kit = jiraKit([{ key: 'WEB-1', numbers: { [STORY_POINTS]: 3 } }]);
    const memo = memoryMemo();
    for (let run = 0; run < 3; run += 1) {
      const client = createJiraClient({ storyPointsMemo: memo });
      const [issue] = await kit.as(null, () => client.getIssues(['WEB-1']));
      expect(issue?.storyPoints).toBe(3);
    }
    expect(fieldCalls(kit)).toBe(1);
  });

  it('asks Jira again when the memo fails or has nothing, and never fails the call for it', async () => {
    kit = jiraKit([{ key: 'WEB-1', numbers: { [STORY_POINTS]: 3 } }]);
    const broken = {
      get: async (): Promise<readonly string[] | null> => {
        throw new Error('storage is busy');
      },
      put: async () => {
        throw new Error('storage is busy');
      },
    };
    for (let run = 0; run < 2; run += 1) {
      const client = createJiraClient({ storyPointsMemo: broken });
      const [issue] = await kit.as(null, () => client.getIssues(['WEB-1']));
      expect(issue?.storyPoints).toBe(3);
    }
    expect(fieldCalls(kit)).toBe(2);
  });
});
