import { createLocalJira, LocalJira } from '../../../local/jira/local-jira';
import { demoSite, DEMO_ACCOUNTS } from '../../../local/jira/seed';
import { JiraStore } from '../../../local/jira/store';
import { aJira, NOW, siteWith } from './builders';
import { at, call, q } from './http';

describe('the store as plain JSON', () => {
  it('round-trips through JSON text, changes included', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }, { key: 'WEB-2', parent: 'WEB-1' }]);
    await call(jira, 'POST', '/rest/api/3/issue/WEB-2/transitions', { body: { transition: { id: '41' } } });
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-2/properties/p', { body: { n: 1 } });
    await call(jira, 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'WEB' }, issuetype: { name: 'Task' }, summary: 'Third' } },
    });
    const text = JSON.stringify(jira.store.toSnapshot());
    const again = createLocalJira(JSON.parse(text), { now: () => NOW });
    expect(again.store.toSnapshot()).toEqual(jira.store.toSnapshot());
    expect(again.store.issue('WEB-2')).toMatchObject({
      parentId: '20001',
      statusId: '10003',
      properties: { p: { n: 1 } },
    });
    expect(again.store.children('20001').map((c) => c.key)).toEqual(['WEB-2']);
    // ids and keys continue where they stopped
    const created = await call(again, 'POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'WEB' }, issuetype: { name: 'Task' }, summary: 'Fourth' } },
    });
    expect(created.json).toMatchObject({ id: '20004', key: 'WEB-4' });
  });

  it('hands out a copy: later changes do not leak into an earlier snapshot', async () => {
    const { jira } = aJira([{ key: 'WEB-1' }]);
    const before = jira.store.toSnapshot();
    await call(jira, 'PUT', '/rest/api/3/issue/WEB-1', { body: { fields: { summary: 'Changed' } } });
    expect(before.issues[0]?.summary).toBe('Issue WEB-1');
  });

  it('refuses data that is not a snapshot, or whose records point nowhere', () => {
    expect(() => JiraStore.fromSnapshot({ version: 2 })).toThrow();
    expect(() => JiraStore.fromSnapshot({ ...demoSite(NOW), issues: [{ key: 'not a key' }] })).toThrow();
    const site = siteWith([{ key: 'WEB-1' }, { key: 'WEB-2', parent: 'WEB-1' }]);
    const broken = (patch: Record<string, unknown>, at = 1) => ({
      ...site,
      issues: site.issues.map((i, n) => (n === at ? { ...i, ...patch } : i)),
    });
    expect(() => JiraStore.fromSnapshot(broken({ statusId: '999' }))).toThrow(/unknown status 999/);
    expect(() => JiraStore.fromSnapshot(broken({ parentId: '999' }))).toThrow(/unknown parent 999/);
    expect(() => JiraStore.fromSnapshot(broken({ key: 'MOB-7' }))).toThrow(/not in project WEB/);
    expect(() => JiraStore.fromSnapshot(broken({ key: 'WEB-1' }))).toThrow(/duplicate issue key WEB-1/);
  });

  it('continues ids and keys after the highest present, whatever the counters say', () => {
    const site = siteWith([{ key: 'WEB-41' }]);
    const store = JiraStore.fromSnapshot({
      ...site,
      lastIssueId: 0,
      projects: site.projects.map((p) => ({ ...p, lastIssueNumber: 0 })),
    });
    const web = store.project('WEB');
    expect(web && store.nextIssueKey(web)).toBe('WEB-42');
    expect(store.nextIssueId()).toBe('20002');
  });
});

describe('the demo site', () => {
  const jira = new LocalJira(JiraStore.fromInput(demoSite(NOW)), { now: () => NOW });

  it('has the four personas, and hides MOB from the outsider', async () => {
    const people = jira.store.users().map((u) => [u.persona, u.accountId]);
    expect(people).toEqual(
      expect.arrayContaining([
        ['admin', DEMO_ACCOUNTS.admin],
        ['lead', DEMO_ACCOUNTS.lead],
        ['member', DEMO_ACCOUNTS.member],
        ['outsider', DEMO_ACCOUNTS.outsider],
      ]),
    );
    const search = async (asUser: string) => {
      const res = await call(
        jira,
        'GET',
        `/rest/api/3/search/jql?${q({ jql: 'created <= now() ORDER BY key ASC', fields: 'key' })}`,
        { asUser },
      );
      const issues = at(res.json, 'issues');
      return Array.isArray(issues) ? issues.map((i: unknown) => at(i, 'key')) : [];
    };
    expect(await search(DEMO_ACCOUNTS.admin)).toEqual([
      'MOB-1',
      'MOB-2',
      'MOB-3',
      'WEB-1',
      'WEB-2',
      'WEB-3',
      'WEB-4',
      'WEB-5',
    ]);
    expect(await search(DEMO_ACCOUNTS.outsider)).toEqual(['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
  });

  it('has an epic → story → sub-task hierarchy with story points', async () => {
    const res = await call(jira, 'GET', '/rest/api/3/issue/WEB-4?fields=parent,issuetype');
    expect(at(res.json, 'fields', 'parent', 'key')).toBe('WEB-3');
    const story = await call(jira, 'GET', '/rest/api/3/issue/WEB-3?fields=parent,customfield_10016');
    expect(at(story.json, 'fields')).toMatchObject({ parent: { key: 'WEB-1' }, customfield_10016: 3 });
  });
});
