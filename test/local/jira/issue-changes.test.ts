import { STORY_POINT_ESTIMATE } from '../../../local/jira/fields';
import { formatDateTime } from '../../../local/jira/dates';
import { aJira, APP, LEAD, MEMBER, NOW, OUTSIDER, STATUS, TYPE, type IssueSpec } from './builders';
import { at, call } from './http';

const specs: IssueSpec[] = [
  { key: 'WEB-1', issueTypeId: TYPE.epic, summary: 'Checkout' },
  { key: 'WEB-2', parent: 'WEB-1', summary: 'Card form', numbers: { [STORY_POINT_ESTIMATE]: 3 }, labels: ['a'] },
  { key: 'WEB-3', parent: 'WEB-2', issueTypeId: TYPE.subtask, summary: 'Validate' },
  { key: 'WEB-4', issueTypeId: TYPE.epic, summary: 'Other epic' },
  { key: 'WEB-5', statusId: STATUS.done, resolutionId: '10000', resolutiondate: NOW - 1000, summary: 'Finished' },
];

describe('GET /rest/api/3/issue/{key}', () => {
  const { jira } = aJira(specs);

  it('answers all fields by default, with Jira Cloud shapes', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/issue/web-2');
    expect(res.status).toBe(200);
    expect(at(res.json, 'key')).toBe('WEB-2');
    expect(at(res.json, 'fields', 'summary')).toBe('Card form');
    expect(at(res.json, 'fields', STORY_POINT_ESTIMATE)).toBe(3);
    expect(at(res.json, 'fields', 'status')).toMatchObject({
      id: STATUS.todo,
      name: 'To Do',
      statusCategory: { id: 2, key: 'new', name: 'To Do' },
    });
    expect(at(res.json, 'fields', 'issuetype')).toMatchObject({
      id: TYPE.story,
      name: 'Story',
      subtask: false,
      hierarchyLevel: 0,
    });
    expect(at(res.json, 'fields', 'parent')).toMatchObject({
      key: 'WEB-1',
      fields: { summary: 'Checkout', issuetype: { name: 'Epic', hierarchyLevel: 1 } },
    });
    expect(at(res.json, 'fields', 'subtasks')).toEqual([expect.objectContaining({ key: 'WEB-3' })]);
    expect(at(res.json, 'fields', 'reporter')).toMatchObject({
      accountId: LEAD,
      displayName: 'Lee Lead',
      active: true,
    });
    expect(at(res.json, 'fields', 'assignee')).toBeNull();
    expect(at(res.json, 'fields', 'created')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(at(res.json, 'fields', 'resolution')).toBeNull();
  });

  it('selects fields and properties; finds issues by id', async () => {
    const res = await call(
      jira,
      'GET',
      '/rest/api/3/issue/20005?fields=status,resolution,resolutiondate&properties=*all',
    );
    expect(res.json).toEqual({
      expand: expect.any(String),
      id: '20005',
      key: 'WEB-5',
      self: 'https://tether-local.atlassian.net/rest/api/3/issue/20005',
      fields: {
        status: expect.objectContaining({
          name: 'Done',
          statusCategory: expect.objectContaining({ id: 3, key: 'done' }),
        }),
        resolution: expect.objectContaining({ id: '10000', name: 'Done' }),
        resolutiondate: formatDateTime(NOW - 1000),
      },
      properties: {},
    });
  });

  it('answers 404 in Jira’s shape for missing issues', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/issue/WEB-99');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  });
});

describe('PUT /rest/api/3/issue/{key}', () => {
  it('edits summary, story points, parent, due date, labels, assignee; emits updated with the changelog', async () => {
    const { jira, events } = aJira(specs);
    const before = jira.store.issue('WEB-2')?.updated ?? 0;
    const res = await call(jira, 'PUT', '/rest/api/3/issue/WEB-2', {
      asUser: MEMBER,
      body: {
        fields: {
          summary: 'Card payment form',
          [STORY_POINT_ESTIMATE]: 5,
          parent: { key: 'WEB-4' },
          duedate: '2026-11-30',
          assignee: { accountId: MEMBER },
        },
        update: { labels: [{ add: 'payments' }, { remove: 'a' }] },
      },
    });
    expect(res.status).toBe(204);
    expect(res.raw).toBe('');
    const issue = jira.store.issue('WEB-2');
    expect(issue).toMatchObject({
      summary: 'Card payment form',
      duedate: '2026-11-30',
      labels: ['payments'],
      assigneeId: MEMBER,
      parentId: '20004',
    });
    expect(issue?.numbers[STORY_POINT_ESTIMATE]).toBe(5);
    expect(issue?.updated).toBeGreaterThan(before);

    expect(events).toHaveLength(1);
    const { event, origin } = events[0] ?? { event: undefined, origin: undefined };
    if (!event) throw new Error('no event');
    expect(origin).toEqual({ causedByApp: false });
    expect(event.eventType).toBe('avi:jira:updated:issue');
    expect(event.atlassianId).toBe(MEMBER);
    expect(event.issue).toMatchObject({
      id: '20002',
      key: 'WEB-2',
      fields: { summary: 'Card payment form', updated: formatDateTime(issue?.updated ?? 0) },
    });
    expect(Object.keys(event.issue.fields).sort()).toEqual([
      'assignee',
      'created',
      'creator',
      'issuetype',
      'project',
      'reporter',
      'status',
      'summary',
      'updated',
    ]);
    expect(event.changelog?.items).toEqual([
      {
        field: 'summary',
        fieldtype: 'jira',
        fieldId: 'summary',
        from: null,
        fromString: 'Card form',
        to: null,
        toString: 'Card payment form',
      },
      {
        field: 'Story point estimate',
        fieldtype: 'custom',
        fieldId: STORY_POINT_ESTIMATE,
        from: null,
        fromString: '3',
        to: null,
        toString: '5',
      },
      {
        field: 'IssueParentAssociation',
        fieldtype: 'jira',
        fieldId: 'parent',
        from: '20001',
        fromString: 'WEB-1',
        to: '20004',
        toString: 'WEB-4',
      },
      {
        field: 'duedate',
        fieldtype: 'jira',
        fieldId: 'duedate',
        from: null,
        fromString: null,
        to: '2026-11-30',
        toString: '2026-11-30 00:00:00.0',
      },
      {
        field: 'labels',
        fieldtype: 'jira',
        fieldId: 'labels',
        from: null,
        fromString: 'a',
        to: null,
        toString: 'payments',
      },
      {
        field: 'assignee',
        fieldtype: 'jira',
        fieldId: 'assignee',
        from: null,
        fromString: null,
        to: MEMBER,
        toString: 'Mia Member',
      },
    ]);
  });

  it('clears values with null and removes a parent with update.parent.set.none', async () => {
    const { jira, events } = aJira(specs);
    const res = await call(jira, 'PUT', '/rest/api/3/issue/WEB-2', {
      body: { fields: { [STORY_POINT_ESTIMATE]: null }, update: { parent: [{ set: { none: true } }] } },
    });
    expect(res.status).toBe(204);
    expect(jira.store.issue('WEB-2')).toMatchObject({ parentId: null, numbers: {} });
    expect(events[0]?.origin).toEqual({ causedByApp: true });
    expect(events[0]?.event.atlassianId).toBe(APP);
    const after = await call(jira, 'GET', '/rest/api/3/issue/WEB-1?fields=subtasks');
    expect(after.status).toBe(200);
    expect(await call(jira, 'GET', '/rest/api/3/issue/WEB-2?fields=parent').then((r) => at(r.json, 'fields'))).toEqual(
      {},
    );
  });

  it('a change to nothing emits nothing and keeps updated', async () => {
    const { jira, events } = aJira(specs);
    const before = jira.store.issue('WEB-2')?.updated;
    expect(
      (await call(jira, 'PUT', '/rest/api/3/issue/WEB-2', { body: { fields: { summary: 'Card form' } } })).status,
    ).toBe(204);
    expect(events).toHaveLength(0);
    expect(jira.store.issue('WEB-2')?.updated).toBe(before);
  });

  it('refuses bad values field by field, changing nothing', async () => {
    const { jira, events } = aJira(specs);
    const res = await call(jira, 'PUT', '/rest/api/3/issue/WEB-2', {
      body: {
        fields: {
          summary: '',
          [STORY_POINT_ESTIMATE]: 'five',
          duedate: '2026-02-30',
          labels: ['two words'],
          assignee: { accountId: OUTSIDER + 'x' },
          status: { id: '10003' },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errorMessages: [],
      errors: {
        summary: 'You must specify a summary of the issue.',
        [STORY_POINT_ESTIMATE]: 'Operation value must be a number',
        duedate: 'Error parsing date string: 2026-02-30',
        labels: "The label 'two words' contains spaces which is invalid.",
        assignee: `User '${OUTSIDER}x' cannot be assigned issues.`,
        status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    expect(events).toHaveLength(0);
    expect(jira.store.issue('WEB-2')?.summary).toBe('Card form');
  });

  it('keeps the hierarchy: stories under epics, sub-tasks under stories in the same project', async () => {
    const { jira } = aJira(specs);
    const put = (key: string, parent: unknown) =>
      call(jira, 'PUT', `/rest/api/3/issue/${key}`, { body: { fields: { parent } } });
    expect(at((await put('WEB-2', { key: 'WEB-5' })).json, 'errors', 'parent')).toBe(
      'Given parent work item does not belong to appropriate hierarchy.',
    );
    expect(at((await put('WEB-3', null)).json, 'errors', 'parent')).toBe('A sub-task must have a parent.');
    expect(at((await put('WEB-2', { key: 'WEB-77' })).json, 'errors', 'parent')).toBe(
      'Could not find issue by id or key.',
    );
    expect((await put('WEB-3', { id: '20005' })).status).toBe(204);
  });

  it('returns the issue with returnIssue=true', async () => {
    const { jira } = aJira(specs);
    const res = await call(jira, 'PUT', '/rest/api/3/issue/WEB-2?returnIssue=true', {
      body: { fields: { summary: 'Renamed' } },
    });
    expect(res.status).toBe(200);
    expect(at(res.json, 'fields', 'summary')).toBe('Renamed');
  });
});

describe('POST /rest/api/3/issue and DELETE /rest/api/3/issue/{key}', () => {
  it('creates an issue with the next key, in the first status; emits created', async () => {
    const { jira, events } = aJira(specs);
    const res = await call(jira, 'POST', '/rest/api/3/issue', {
      asUser: MEMBER,
      body: {
        fields: {
          project: { key: 'WEB' },
          issuetype: { name: 'Story' },
          summary: ' New story ',
          parent: { key: 'WEB-1' },
          [STORY_POINT_ESTIMATE]: 2,
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: '20006',
      key: 'WEB-6',
      self: 'https://tether-local.atlassian.net/rest/api/3/issue/20006',
    });
    expect(jira.store.issue('WEB-6')).toMatchObject({
      summary: 'New story',
      statusId: STATUS.todo,
      parentId: '20001',
      reporterId: MEMBER,
      created: NOW,
      updated: NOW,
      numbers: { [STORY_POINT_ESTIMATE]: 2 },
    });
    expect(events.map((e) => e.event.eventType)).toEqual(['avi:jira:created:issue']);
    expect(events[0]?.event.issue.key).toBe('WEB-6');
  });

  it('refuses creating without a project, type or summary, or without permission', async () => {
    const { jira } = aJira(specs);
    const create = (fields: Record<string, unknown>, asUser: string | null = null) =>
      call(jira, 'POST', '/rest/api/3/issue', { asUser, body: { fields } });
    expect(at((await create({ issuetype: { name: 'Story' }, summary: 'x' })).json, 'errors', 'project')).toBe(
      'valid project is required',
    );
    expect(
      at(
        (await create({ project: { key: 'MOB' }, issuetype: { name: 'Story' }, summary: 'x' }, OUTSIDER)).json,
        'errors',
        'project',
      ),
    ).toBe('valid project is required');
    expect(
      at(
        (await create({ project: { key: 'MOB' }, issuetype: { name: 'Story' }, summary: 'x' }, MEMBER)).json,
        'errors',
        'project',
      ),
    ).toMatch(/permission to create/);
    expect(
      at(
        (await create({ project: { key: 'WEB' }, issuetype: { name: 'Saga' }, summary: 'x' })).json,
        'errors',
        'issuetype',
      ),
    ).toBeDefined();
    expect(
      at((await create({ project: { key: 'WEB' }, issuetype: { name: 'Story' } })).json, 'errors', 'summary'),
    ).toBeDefined();
    expect(
      at(
        (await create({ project: { key: 'WEB' }, issuetype: { name: 'Sub-task' }, summary: 'x' })).json,
        'errors',
        'parent',
      ),
    ).toBeDefined();
  });

  it('deletes an issue; one with sub-tasks only with deleteSubtasks=true; children lose their parent', async () => {
    const { jira, events } = aJira(specs);
    const epic = await call(jira, 'DELETE', '/rest/api/3/issue/WEB-1');
    expect(epic.status).toBe(204);
    expect((await call(jira, 'GET', '/rest/api/3/issue/WEB-1')).status).toBe(404);
    expect(jira.store.issue('WEB-2')?.parentId).toBeNull();
    const refused = await call(jira, 'DELETE', '/rest/api/3/issue/WEB-2');
    expect(refused.status).toBe(400);
    const res = await call(jira, 'DELETE', '/rest/api/3/issue/WEB-2?deleteSubtasks=true');
    expect(res.status).toBe(204);
    expect(jira.store.issue('WEB-2')).toBeUndefined();
    expect(jira.store.issue('WEB-3')).toBeUndefined();
    expect(events.map((e) => [e.event.eventType, e.event.issue.key])).toEqual([
      ['avi:jira:deleted:issue', 'WEB-1'],
      ['avi:jira:deleted:issue', 'WEB-3'],
      ['avi:jira:deleted:issue', 'WEB-2'],
    ]);
  });
});
