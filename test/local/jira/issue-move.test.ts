/**
 * Moving an issue to another project (docs/forge-fidelity.md, "Jira REST"): POST
 * /rest/api/3/bulk/issues/move gives it the target project's next key and keeps its id, moves its
 * sub-tasks with it, emits avi:jira:updated:issue with the move's changelog, and its old key keeps
 * finding it. GET /rest/api/3/bulk/queue/{taskId} reports the task.
 */
import { createLocalJira } from '../../../local/jira';
import { aJira, LEAD, MEMBER, NOW, PROJECT, TYPE } from './builders';
import { at, call, q } from './http';

function site() {
  return aJira([
    { key: 'WEB-1', issueTypeId: TYPE.epic, summary: 'Checkout epic' },
    { key: 'WEB-2', summary: 'Basket badge', parent: 'WEB-1' },
    { key: 'WEB-3', issueTypeId: TYPE.subtask, summary: 'Badge colour', parent: 'WEB-2' },
    { key: 'WEB-4', summary: 'Totals' },
    { key: 'MOB-1', summary: 'App start' },
  ]);
}

const move = (jira: ReturnType<typeof site>['jira'], mapping: Record<string, unknown>, asUser: string | null = LEAD) =>
  call(jira, 'POST', '/rest/api/3/bulk/issues/move', {
    asUser,
    body: { sendBulkNotification: false, targetToSourcesMapping: mapping },
  });

describe('moving an issue to another project', () => {
  it('gives it the next key of the target project, keeps its id, and takes its sub-tasks along', async () => {
    const { jira, events } = site();
    const res = await move(jira, {
      [`MOB,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-2'], inferFieldDefaults: true, inferStatusDefaults: true },
    });
    expect(res.status).toBe(201);
    const taskId = String(at(res.json, 'taskId'));

    const moved = await call(jira, 'GET', '/rest/api/3/issue/20002?fields=project,parent,summary', { asUser: LEAD });
    expect(at(moved.json, 'key')).toBe('MOB-2');
    expect(at(moved.json, 'fields', 'project', 'key')).toBe('MOB');
    expect(at(moved.json, 'fields', 'parent', 'key')).toBe('WEB-1');
    expect(jira.store.issue('20003')?.key).toBe('MOB-3');

    const task = await call(jira, 'GET', `/rest/api/3/bulk/queue/${taskId}`, { asUser: LEAD });
    expect(task.json).toMatchObject({
      taskId,
      status: 'COMPLETE',
      progressPercent: 100,
      totalIssueCount: 2,
      processedAccessibleIssues: [20002, 20003],
      failedAccessibleIssues: {},
      submittedBy: { accountId: LEAD },
    });

    // as Jira sends it: avi:jira:updated:issue, same id, new key, project and Key in the changelog
    const updates = events.filter((e) => e.event.eventType === 'avi:jira:updated:issue').map((e) => e.event);
    expect(updates.map((e) => [e.issue.id, e.issue.key])).toEqual([
      ['20002', 'MOB-2'],
      ['20003', 'MOB-3'],
    ]);
    expect(updates[0]?.changelog?.items).toEqual([
      {
        field: 'project',
        fieldtype: 'jira',
        fieldId: 'project',
        from: PROJECT.WEB,
        fromString: 'Web Platform',
        to: PROJECT.MOB,
        toString: 'Mobile App',
      },
      {
        field: 'Key',
        fieldtype: 'jira',
        fieldId: 'issuekey',
        from: null,
        fromString: 'WEB-2',
        to: null,
        toString: 'MOB-2',
      },
    ]);
    expect(updates[0]?.issue.fields).toMatchObject({ project: { key: 'MOB' } });
  });

  it('keeps finding it by its old key: GET answers it under its new key, JQL matches it, the old number is not reused', async () => {
    const { jira } = site();
    await move(jira, { [`MOB,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-4'] } });
    const byOldKey = await call(jira, 'GET', '/rest/api/3/issue/web-4?fields=summary', { asUser: LEAD });
    expect(byOldKey.status).toBe(200);
    expect(at(byOldKey.json, 'key')).toBe('MOB-2');
    const found = await call(jira, 'GET', `/rest/api/3/search/jql?${q({ jql: 'key = WEB-4', fields: 'key' })}`, {
      asUser: LEAD,
    });
    expect(at(found.json, 'issues', 0, 'key')).toBe('MOB-2');

    const created = await call(jira, 'POST', '/rest/api/3/issue', {
      asUser: LEAD,
      body: { fields: { project: { key: 'WEB' }, issuetype: { id: TYPE.task }, summary: 'Next' } },
    });
    expect(at(created.json, 'key')).toBe('WEB-5');

    // the moved keys survive a snapshot round trip (and a restart of the host)
    const again = createLocalJira(jira.store.toSnapshot());
    expect(again.store.issue('WEB-4')?.key).toBe('MOB-2');
    expect(again.store.toSnapshot().movedKeys).toEqual({ 'WEB-4': '20004' });
  });

  it('changes the issue type and the parent when the target says so', async () => {
    const { jira, events } = site();
    await move(jira, { [`MOB,${TYPE.subtask},MOB-1`]: { issueIdsOrKeys: ['WEB-4'] } });
    expect(jira.store.issue('WEB-4')).toMatchObject({
      key: 'MOB-2',
      issueTypeId: TYPE.subtask,
      parentId: jira.store.issue('MOB-1')?.id,
    });
    expect(events.at(-1)?.event.changelog?.items.map((i) => i.field)).toEqual([
      'project',
      'Key',
      'issuetype',
      'IssueParentAssociation',
    ]);
  });

  it('refuses what Jira refuses: an unknown target or issue (400), and issues the actor may not move (listed as failed)', async () => {
    const { jira } = site();
    const unknownProject = await move(jira, { [`NOPE,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-4'] } });
    expect(unknownProject.status).toBe(400);
    expect(at(unknownProject.json, 'errors', 0, 'message')).toBe(
      'The target project NOPE does not exist or you may not create issues in it.',
    );
    expect((await move(jira, { [`MOB,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-99'] } })).json).toEqual({
      errors: [{ message: 'Some of the issues in the issueIdsOrKeys are not valid' }],
    });
    expect((await move(jira, { [`MOB,${TYPE.subtask}`]: { issueIdsOrKeys: ['WEB-4'] } })).status).toBe(400);

    // the member has no Move issues in WEB (and only browses MOB: no Create there either)
    expect((await move(jira, { [`MOB,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-4'] } }, MEMBER)).status).toBe(400);
    const asMemberToWeb = await move(jira, { [`WEB,${TYPE.task}`]: { issueIdsOrKeys: ['WEB-4'] } }, MEMBER);
    const task = await call(jira, 'GET', `/rest/api/3/bulk/queue/${String(at(asMemberToWeb.json, 'taskId'))}`, {
      asUser: MEMBER,
    });
    expect(task.json).toMatchObject({
      status: 'COMPLETE',
      processedAccessibleIssues: [],
      failedAccessibleIssues: { '20004': ['You do not have permission to move issues in WEB.'] },
    });
    expect(jira.store.issue('WEB-4')?.issueTypeId).toBe(TYPE.story);
  });

  it('is seen by search under its old key and project until the lag is over', async () => {
    let clock = NOW;
    const { jira } = aJira([{ key: 'WEB-1' }, { key: 'MOB-1' }], { now: () => clock, searchLagMs: 5_000 });
    await move(jira, { [`MOB,${TYPE.story}`]: { issueIdsOrKeys: ['WEB-1'] } });
    const inMob = async (reconcile: string[] = []) => {
      const res = await call(
        jira,
        'GET',
        `/rest/api/3/search/jql?${q({ jql: 'project = MOB', fields: 'key', reconcileIssues: reconcile })}`,
        { asUser: LEAD },
      );
      const issues = at(res.json, 'issues');
      return Array.isArray(issues) ? issues.map((i: unknown) => at(i, 'key')) : [];
    };
    expect(await inMob()).toEqual(['MOB-1']);
    expect(await inMob(['20001'])).toEqual(['MOB-2', 'MOB-1']);
    clock = NOW + 6_000;
    expect(await inMob()).toEqual(['MOB-2', 'MOB-1']);
  });
});
