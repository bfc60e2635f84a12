import { DEMO_ACCOUNTS } from '../../../local/jira';
import type { Host } from '../../../local/host/create-host';
import { jiraOk, readKvs, useFixtureHost } from './host-test-kit';

const fixture = useFixtureHost();

const toInReview = { transition: { id: '31' } };
const triggerRuns = (h: Host) => h.invocations().filter((r) => r.kind === 'trigger');

describe('product events', () => {
  it('runs every trigger listening to avi:jira:updated:issue when a person transitions an issue', async () => {
    await jiraOk(fixture.host, 'POST', '/rest/api/3/issue/WEB-3/transitions', DEMO_ACCOUNTS.member, toInReview);
    // Delivery is asynchronous: nothing has run when the request answers.
    expect(triggerRuns(fixture.host)).toEqual([]);
    await fixture.host.drain();

    const expected = {
      eventType: 'avi:jira:updated:issue',
      status: 'In Review',
      by: 'local-member',
      changed: ['status=In Review'],
      installContext: 'ari:cloud:jira::site/tether-local-cloud',
      principal: null,
    };
    expect(await readKvs(fixture.host, 'event:WEB-3:1')).toEqual(expected);
    expect(await readKvs(fixture.host, 'not-self:WEB-3:1')).toEqual(expected);
    const runs = triggerRuns(fixture.host);
    expect(runs.map((r) => r.moduleKey).sort()).toEqual(['issue-updated', 'issue-updated-not-self']);
    for (const r of runs)
      expect(r).toMatchObject({ ok: true, accountId: null, attempt: 0, counts: { kvsRoundTrips: 1, productCalls: 0 } });
    expect(new Set(runs.map((r) => r.invocationId)).size).toBe(2);
  });

  it('keeps ignoreSelf triggers from hearing changes the app made with asApp()', async () => {
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-issue-panel',
      functionKey: 'transition-as-app',
      payload: { issueKey: 'WEB-3', transitionId: '31' },
      accountId: DEMO_ACCOUNTS.member,
    });
    expect(reply.ok && reply.value).toEqual({ status: 204 });
    // The trigger's own calls are not the resolver's.
    expect(reply.counts).toMatchObject({ kvsRoundTrips: 0, productCalls: 1 });
    await fixture.host.drain();

    expect(await readKvs(fixture.host, 'event:WEB-3:1')).toMatchObject({ by: 'local-tether-app', status: 'In Review' });
    expect(await readKvs(fixture.host, 'not-self:WEB-3:1')).toBeUndefined();
    expect(triggerRuns(fixture.host).map((r) => r.moduleKey)).toEqual(['issue-updated']);
  });

  it('delivers an event again when the trigger returns an InvocationError, with retryContext', async () => {
    await jiraOk(fixture.host, 'PUT', '/rest/api/3/issue/WEB-5', DEMO_ACCOUNTS.member, {
      fields: { summary: 'Totals: retry me' },
    });
    await fixture.host.drain();
    const runs = triggerRuns(fixture.host).filter((r) => r.moduleKey === 'issue-updated');
    expect(runs.map((r) => r.attempt)).toEqual([0, 1, 2]);
    expect(await readKvs(fixture.host, 'retried:WEB-5:0')).toBe(true);
    expect(await readKvs(fixture.host, 'retried:WEB-5:1')).toBe(true);
    expect(await readKvs(fixture.host, 'retried:WEB-5:2')).toBeUndefined();
    expect(triggerRuns(fixture.host).filter((r) => r.moduleKey === 'issue-updated-not-self')).toHaveLength(1);
  });

  it('runs no trigger for events nobody listens to', async () => {
    await jiraOk(fixture.host, 'POST', '/rest/api/3/issue', DEMO_ACCOUNTS.member, {
      fields: { project: { key: 'WEB' }, issuetype: { id: '10002' }, summary: 'A new task' },
    });
    await fixture.host.drain();
    expect(triggerRuns(fixture.host)).toEqual([]);
  });

  it('searches the issue properties the manifest indexes, by their alias', async () => {
    await jiraOk(fixture.host, 'PUT', '/rest/api/3/issue/WEB-2/properties/tether-objectives', DEMO_ACCOUNTS.member, {
      objectives: ['O-7'],
    });
    const found = await jiraOk(
      fixture.host,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('objective = O-7')}&fields=key`,
      DEMO_ACCOUNTS.member,
    );
    expect(found).toMatchObject({ issues: [{ key: 'WEB-2' }] });
  });
});
