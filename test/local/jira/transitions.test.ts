import { aJira, MEMBER, NOW, OUTSIDER, LEAD, STATUS, type IssueSpec } from './builders';
import { at, call } from './http';
import { formatDateTime } from '../../../local/jira/dates';

const specs: IssueSpec[] = [{ key: 'WEB-1', updated: NOW - 5000 }, { key: 'MOB-1' }];

describe('issue transitions', () => {
  it('lists one transition per status, ids 11, 21, 31, 41', async () => {
    const { jira } = aJira(specs);
    const res = await call(jira, 'GET', '/rest/api/3/issue/WEB-1/transitions', { asUser: MEMBER });
    expect(res.status).toBe(200);
    const list = at(res.json, 'transitions');
    expect(
      Array.isArray(list)
        ? list.map((t: unknown) => [at(t, 'id'), at(t, 'name'), at(t, 'to', 'statusCategory', 'key')])
        : [],
    ).toEqual([
      ['11', 'To Do', 'new'],
      ['21', 'In Progress', 'indeterminate'],
      ['31', 'In Review', 'indeterminate'],
      ['41', 'Done', 'done'],
    ]);
    const one = await call(jira, 'GET', '/rest/api/3/issue/WEB-1/transitions?transitionId=21');
    expect(at(one.json, 'transitions', 0, 'to', 'name')).toBe('In Progress');
  });

  it('moves the issue, bumps updated, and emits avi:jira:updated:issue with the status change', async () => {
    const { jira, events } = aJira(specs);
    const res = await call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', {
      asUser: MEMBER,
      body: { transition: { id: '21' } },
    });
    expect(res.status).toBe(204);
    const issue = jira.store.issue('WEB-1');
    expect(issue?.statusId).toBe(STATUS.inProgress);
    expect(issue?.updated).toBe(NOW);
    expect(issue?.statusCategoryChanged).toBe(NOW);
    expect(events).toHaveLength(1);
    const { event } = events[0] ?? { event: undefined };
    expect(event).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: MEMBER,
      associatedUsers: [{ accountId: MEMBER }],
      issue: {
        key: 'WEB-1',
        fields: {
          status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
          updated: formatDateTime(NOW),
        },
      },
      changelog: {
        id: '1',
        items: [
          {
            field: 'status',
            fieldtype: 'jira',
            fieldId: 'status',
            from: STATUS.todo,
            fromString: 'To Do',
            to: STATUS.inProgress,
            toString: 'In Progress',
          },
        ],
      },
    });
  });

  it('into done sets resolution and resolution date; out of done clears them; each change is later than the last', async () => {
    const { jira, events } = aJira(specs);
    await call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', {
      body: { transition: { id: 41 }, fields: { resolution: { name: "Won't Do" } } },
    });
    const done = jira.store.issue('WEB-1');
    expect(done).toMatchObject({ statusId: STATUS.done, resolutionId: '10001', resolutiondate: NOW });
    expect(events[0]?.event.changelog?.items.map((i) => [i.field, i.toString])).toEqual([
      ['status', 'Done'],
      ['resolution', "Won't Do"],
    ]);
    await call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', { body: { transition: { id: '11' } } });
    expect(jira.store.issue('WEB-1')).toMatchObject({
      statusId: STATUS.todo,
      resolutionId: null,
      resolutiondate: null,
      updated: NOW + 1,
    });
    expect(events[1]?.event.changelog?.items.map((i) => [i.field, i.fromString, i.toString])).toEqual([
      ['status', 'Done', 'To Do'],
      ['resolution', "Won't Do", null],
    ]);
    expect(Number(events[1]?.event.changelog?.id)).toBeGreaterThan(Number(events[0]?.event.changelog?.id));
  });

  it('a transition to the current status changes nothing and emits nothing', async () => {
    const { jira, events } = aJira(specs);
    expect(
      (await call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', { body: { transition: { id: '11' } } })).status,
    ).toBe(204);
    expect(events).toHaveLength(0);
  });

  it('refuses unknown transitions, missing ids, and fields not on the screen', async () => {
    const { jira } = aJira(specs);
    const post = (body: unknown) => call(jira, 'POST', '/rest/api/3/issue/WEB-1/transitions', { body });
    expect((await post({ transition: { id: '99' } })).json).toEqual({
      errorMessages: ["Transition id '99' is not valid for this issue."],
      errors: {},
    });
    expect((await post({})).json).toEqual({
      errorMessages: ["'transition' identifier must be specified."],
      errors: {},
    });
    expect(at((await post({ transition: { id: '21' }, fields: { summary: 'x' } })).json, 'errors', 'summary')).toMatch(
      /cannot be set/,
    );
  });

  it('without Transition issues: no transitions listed, and posting one is refused', async () => {
    const { jira, events } = aJira(specs);
    const list = await call(jira, 'GET', '/rest/api/3/issue/MOB-1/transitions', { asUser: MEMBER });
    expect(at(list.json, 'transitions')).toEqual([]);
    const res = await call(jira, 'POST', '/rest/api/3/issue/MOB-1/transitions', {
      asUser: MEMBER,
      body: { transition: { id: '21' } },
    });
    expect(res.status).toBe(400);
    const hidden = await call(jira, 'POST', '/rest/api/3/issue/MOB-1/transitions', {
      asUser: OUTSIDER,
      body: { transition: { id: '21' } },
    });
    expect(hidden.status).toBe(404);
    const allowed = await call(jira, 'POST', '/rest/api/3/issue/MOB-1/transitions', {
      asUser: LEAD,
      body: { transition: { id: '21' } },
    });
    expect(allowed.status).toBe(204);
    expect(events).toHaveLength(1);
  });
});
