/**
 * The issue-events trigger keeps the `tether` issue property (what JQL `objective = O-n` searches)
 * in step when an issue moves in Jira: under a linked epic it serves the epic's objectives, away
 * from it it no longer does — with its stored descendants; more than 50 below go to the queue job.
 */
import { z } from 'zod';
import { ACCOUNT, type AppHost } from '../support/app-host';
import { ok, queriesCaughtUp } from '../resolvers/resolver-kit';
import { issueProperty, jql, startLiveHost } from '../resolvers/live-host';
import { createSquadObjective, organisation } from '../resolvers/objective-kit';
import { onReconcile } from '../../src/triggers/reconcile';
import { captureLog } from '../support/log-capture';

const Created = z.object({ key: z.string() });
const WEB_1_TREE = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5'];

let app: AppHost;
beforeEach(async () => {
  app = startLiveHost();
  await organisation(app);
  await createSquadObjective(app); // O-2 of Web Squad
  await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
  await app.host.drain();
  // linked a while before the moves below: the app's indexes show the issues it stored
  await queriesCaughtUp(app);
});
afterEach(async () => {
  await app.close();
});

async function create(fields: Record<string, unknown>): Promise<string> {
  const res = await app.host.jiraRequest({
    method: 'POST',
    path: '/rest/api/3/issue',
    asUser: ACCOUNT.lead,
    body: JSON.stringify({ fields: { project: { key: 'WEB' }, ...fields } }),
  });
  if (res.status !== 201) throw new Error(`creating an issue answered ${res.status}: ${res.body}`);
  return Created.parse(JSON.parse(res.body)).key;
}

async function moveUnder(issueKey: string, parentKey: string | null): Promise<void> {
  const res = await app.host.jiraRequest({
    method: 'PUT',
    path: `/rest/api/3/issue/${issueKey}`,
    asUser: ACCOUNT.lead,
    body: JSON.stringify({ fields: { parent: parentKey === null ? null : { key: parentKey } } }),
  });
  if (res.status !== 204) throw new Error(`moving ${issueKey} answered ${res.status}: ${res.body}`);
  await app.host.drain();
}

const failures = () =>
  app.host
    .invocations()
    .filter((i) => !i.ok)
    .map((i) => `${i.functionKey}: ${JSON.stringify(i.error)}`);

describe('an issue moved in Jira', () => {
  it('is found by JQL objective = O-2 once under the linked epic, and no longer once moved away', async () => {
    const story = await create({ issuetype: { name: 'Story' }, summary: 'Saved cards' });
    await app.host.drain();
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual(WEB_1_TREE);
    expect(await issueProperty(app, story)).toBeNull();

    await moveUnder(story, 'WEB-1');
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual([...WEB_1_TREE, story].sort());
    expect(await issueProperty(app, story)).toEqual({ objectives: ['O-2'] });

    await moveUnder(story, null);
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual(WEB_1_TREE);
    expect(await issueProperty(app, story)).toBeNull();
    expect(failures()).toEqual([]);
  });

  it('takes its stored descendants along: a story with a sub-task moved to an unlinked epic', async () => {
    const other = await create({ issuetype: { name: 'Epic' }, summary: 'Loyalty' });
    await app.host.drain();
    // WEB-3 (with its sub-task WEB-4) leaves WEB-1 for the unlinked epic
    await moveUnder('WEB-3', other);
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual(['WEB-1', 'WEB-2', 'WEB-5']);
    expect(await issueProperty(app, 'WEB-4')).toBeNull();
    // the other epic is linked to O-1; WEB-3 and WEB-4 serve O-1 there, then O-2 again back under WEB-1
    await ok(app, 'lead', 'contributions/link', { issueKey: other, objectiveKey: 'O-1' });
    await app.host.drain();
    expect(await issueProperty(app, 'WEB-4')).toEqual({ objectives: ['O-1'] });
    await moveUnder('WEB-3', 'WEB-1');
    expect(await issueProperty(app, 'WEB-3')).toEqual({ objectives: ['O-2'] });
    expect(await issueProperty(app, 'WEB-4')).toEqual({ objectives: ['O-2'] });
    expect(await jql(app, 'lead', 'objective = O-1')).toEqual([other]);
    expect(failures()).toEqual([]);
  });

  it('writes nothing for a move between issues that serve nothing', async () => {
    const a = await create({ issuetype: { name: 'Epic' }, summary: 'A' });
    const b = await create({ issuetype: { name: 'Epic' }, summary: 'B' });
    const story = await create({ issuetype: { name: 'Story' }, summary: 'S', parent: { key: a } });
    await app.host.drain();
    const before = app.host.invocations().length;
    await moveUnder(story, b);
    const event = app.host
      .invocations()
      .slice(before)
      .filter((i) => i.functionKey === 'on-issue-event');
    expect(event.length).toBeGreaterThanOrEqual(1); // strict Forge delivers an event at least once
    for (const run of event)
      expect(Object.keys(run.counts.productByRoute).filter((r) => r.includes('/properties/'))).toEqual([]);
  });

  it('queues what does not fit in the event: a story with 55 sub-tasks moved under the linked epic', async () => {
    const story = await create({ issuetype: { name: 'Story' }, summary: 'Checkout rewrite' });
    const subTasks: string[] = [];
    for (let i = 0; i < 55; i += 1)
      subTasks.push(await create({ issuetype: { name: 'Sub-task' }, summary: `Step ${i}`, parent: { key: story } }));
    await app.host.drain();
    await queriesCaughtUp(app); // made a while before the move
    const before = app.host.invocations().length;
    await moveUnder(story, 'WEB-1');
    const run = app.host.invocations().slice(before);
    const event = run.filter((i) => i.functionKey === 'on-issue-event');
    expect(event.length).toBeGreaterThanOrEqual(1); // strict Forge delivers an event at least once
    // the event writes the story and 50 below it; a queued job writes the other 5; a duplicate, nothing
    const writes = (i: (typeof run)[number]) =>
      Object.entries(i.counts.productByRoute)
        .filter(([r]) => r.includes('/properties/'))
        .reduce((n, [, c]) => n + c, 0);
    expect(event.map(writes)).toEqual([51, ...event.slice(1).map(() => 0)]);
    const job = run.filter((i) => i.functionKey === 'on-reconcile');
    expect(job.map(writes)).toEqual([5]);
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual([...WEB_1_TREE, story, ...subTasks].sort());
    expect(failures()).toEqual([]);
  });
});

describe('the queue consumer', () => {
  it('ignores a job it cannot read, writing nothing', async () => {
    const { lines } = await captureLog(async () => {
      for (const body of [{ properties: ['not-a-key'] }, { properties: [] }, { something: 'else' }]) {
        const report = await app.host.runtime.runCounted({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
          onReconcile({ body }),
        );
        expect(report.counts.productCalls + report.counts.kvsRoundTrips).toBe(0);
      }
    });
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toEqual({
        level: 'warn',
        text: expect.stringMatching(/^reconcile: ignored a job the app cannot read problems="[^\n]+"$/),
      });
  });

  it('writes the property from the records as they are when it runs', async () => {
    await app.host.runtime.runInvocation({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
      onReconcile({ body: { properties: ['WEB-2', 'MOB-1'] } }),
    );
    expect(await issueProperty(app, 'WEB-2')).toEqual({ objectives: ['O-2'] });
    expect(await issueProperty(app, 'MOB-1')).toBeNull();
  });
});
