/**
 * contributions/counted on the live host: which of the issues a viewer's Jira search lists as an
 * objective's contributing work the rollup counts. The outsider (a member of the Jira project WEB,
 * with no role in MOB) lists an epic whose stories are all in MOB: the epic is a container, and the
 * counted issues beyond the counted ones listed are exactly the stories they cannot see. Issues the
 * caller may not browse are left out of the answer; a restricted objective is NOT_FOUND to whoever
 * may not see it; the payload is bounded.
 */
import { COUNTED_LISTED_MAX } from '../../src/contract/api';
import type { AppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { createIssue, jiraSearchCaughtUp, jql, startLiveHost } from './live-host';
import { createSquadObjective, organisation } from './objective-kit';

const workOf = (data: { issues: { issueKey: string; work: string }[] }) =>
  Object.fromEntries(data.issues.map((i) => [i.issueKey, i.work]));

describe('contributions/counted', () => {
  let app: AppHost;
  let epic: string;
  let hidden: string[];
  beforeAll(async () => {
    app = startLiveHost();
    await organisation(app);
    await createSquadObjective(app); // O-2, public, Web Squad
    await createSquadObjective(app, { title: 'Fraud rules', visibility: 'restricted' }); // O-3
    // an epic in WEB whose two stories are in MOB, where the outsider has no role
    epic = await createIssue(app, { project: { key: 'WEB' }, issuetype: { name: 'Epic' }, summary: 'Wallets' });
    hidden = [
      await createIssue(app, {
        project: { key: 'MOB' },
        issuetype: { name: 'Story' },
        summary: 'Apple Pay',
        parent: { key: epic },
      }),
      await createIssue(app, {
        project: { key: 'MOB' },
        issuetype: { name: 'Story' },
        summary: 'Google Pay',
        parent: { key: epic },
      }),
    ];
    await app.host.drain();
    // the work existed before anyone linked it
    jiraSearchCaughtUp(app);
    await queriesCaughtUp(app);
    // linked one after the other, in the same second: each counts at once
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await ok(app, 'lead', 'contributions/link', { issueKey: epic, objectiveKey: 'O-2' });
    await ok(app, 'lead', 'contributions/link', { issueKey: 'WEB-2', objectiveKey: 'O-3' });
    await app.host.drain();
    // and the outsider opens the page later
    await queriesCaughtUp(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('marks an epic whose stories the viewer cannot see as not counted, and counts those stories as the ones they cannot see', async () => {
    // what the outsider's own Jira search lists: the WEB issues, not the MOB stories
    const listed = await jql(app, 'outsider', 'objective = O-2');
    expect(listed).toEqual(['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', epic].sort());
    const { reply, counts } = await call(app, 'outsider', 'contributions/counted', {
      objectiveKey: 'O-2',
      issueKeys: listed,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    // WEB-1 and WEB-3 have listed children; the epic's children are all hidden from this viewer
    expect(workOf(reply.data)).toEqual({
      'WEB-1': 'container',
      'WEB-2': 'counted',
      'WEB-3': 'container',
      'WEB-4': 'counted',
      'WEB-5': 'counted',
      [epic]: 'container',
    });
    // WEB-2, WEB-4, WEB-5 and the two MOB stories
    expect(reply.data.counted).toBe(5);
    const countedListed = reply.data.issues.filter((i) => i.work === 'counted').length;
    expect((reply.data.counted ?? 0) - countedListed).toBe(hidden.length);
    // storage read by key only, no query (queries lag writes): 5 round trips
    expect(counts.kvsByEndpoint).toEqual({ '/api/v1/entity/get': 2, '/api/v1/batch/get': 3 });
    // one search for the issues' ids and one bulk permission check, as the app (besides whether the caller is an admin)
    expect(counts.productByRoute).toEqual({
      'jira GET /rest/api/3/mypermissions': 1,
      'jira POST /rest/api/3/search/jql': 1,
      'jira POST /rest/api/3/permissions/check': 1,
    });
  });

  it('says nothing about issues the caller may not browse, nor about keys Jira does not know', async () => {
    const payload = { objectiveKey: 'O-2', issueKeys: [...hidden, 'WEB-2', 'WEB-999'] };
    const outsider = await ok(app, 'outsider', 'contributions/counted', payload);
    expect(outsider.issues).toEqual([{ issueKey: 'WEB-2', work: 'counted' }]);
    expect(JSON.stringify(outsider)).not.toContain('MOB-');
    // the member may browse MOB: the stories count; MOB-1 serves nothing of O-2
    const member = await ok(app, 'member', 'contributions/counted', {
      objectiveKey: 'O-2',
      issueKeys: [...hidden, 'MOB-1'],
    });
    expect(workOf(member)).toEqual({ [hidden[0]!]: 'counted', [hidden[1]!]: 'counted', 'MOB-1': 'not-serving' });
  });

  it('answers a restricted objective only to whoever may see it: the outsider learns nothing of its work', async () => {
    expect(
      workOf(await ok(app, 'member', 'contributions/counted', { objectiveKey: 'O-3', issueKeys: ['WEB-2'] })),
    ).toEqual({ 'WEB-2': 'counted' });
    const refused = await failed(app, 'outsider', 'contributions/counted', {
      objectiveKey: 'O-3',
      issueKeys: ['WEB-2'],
    });
    expect(refused.error).toEqual({ code: 'NOT_FOUND', message: 'There is no objective O-3' });
    // refused before Jira is asked anything about the issues
    expect(Object.keys(refused.counts.productByRoute)).toEqual(['jira GET /rest/api/3/mypermissions']);
    expect((await failed(app, null, 'contributions/counted', { objectiveKey: 'O-2', issueKeys: [] })).error.code).toBe(
      'FORBIDDEN',
    );
  });

  it('takes at most a page of the list, each key once', async () => {
    const many = Array.from({ length: COUNTED_LISTED_MAX + 1 }, (_, i) => `WEB-${i + 1}`);
    const tooMany = await failed(app, 'lead', 'contributions/counted', { objectiveKey: 'O-2', issueKeys: many });
    expect(tooMany.error.code).toBe('VALIDATION');
    expect(tooMany.error.details).toEqual([
      { path: 'issueKeys', message: `at most ${COUNTED_LISTED_MAX} issues are asked about in one call` },
    ]);
    expect(tooMany.counts.productByRoute).toEqual({});
    const twice = await failed(app, 'lead', 'contributions/counted', {
      objectiveKey: 'O-2',
      issueKeys: ['WEB-2', 'WEB-2'],
    });
    expect(twice.error.details).toEqual([{ path: 'issueKeys.1', message: 'WEB-2 is listed twice' }]);
    // a full page is answered
    expect(
      (await ok(app, 'lead', 'contributions/counted', { objectiveKey: 'O-2', issueKeys: many.slice(1) })).issues.length,
    ).toBeGreaterThan(0);
  });
});
