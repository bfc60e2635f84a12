/**
 * contributions/link and contributions/unlink on the local host: the link is written once, the
 * rollup follows (the demo epic WEB-1 brings its stories), the issue property `tether` makes JQL
 * `objective = O-2` find the issue and its descendants, and who may link what.
 */
import { z } from 'zod';
import { contributions } from '../../src/forge/store/rollup-entities';
import { ACCOUNT, asPersona, startAppHost, type AppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { issueProperty, jiraSearchCaughtUp, jql, startLiveHost } from './live-host';
import { createSquadObjective, organisation, PERIOD, storedRollup } from './objective-kit';

/** The links the contribution index holds, once it shows the latest writes (a query: it lags them). */
const storedLinks = async (app: AppHost, objectiveId: string) => {
  await queriesCaughtUp(app);
  return asPersona(app.host, null, () => contributions().query('by-objective', { partition: [objectiveId] }));
};

/** O-2 of Web Squad, owned by the lead, with a completion key result counting issues (O-2.KR-1). */
async function withKeyResult(app: AppHost) {
  await organisation(app);
  await createSquadObjective(app);
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'completion', title: 'Checkout redesign shipped' },
  });
}

const WEB_1_TREE = ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5'];

describe('linking and unlinking on the live host', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startLiveHost();
    await withKeyResult(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('links the epic WEB-1 to a key result: its stories count, and JQL finds the epic and what is under it', async () => {
    const linked = await ok(app, 'member', 'contributions/link', {
      issueKey: 'WEB-1',
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
    });
    expect(linked).toMatchObject({
      issueKey: 'WEB-1',
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
      linked: true,
      changed: true,
      properties: { written: 5, pending: [] },
    });
    // WEB-1 and WEB-3 are containers; WEB-2 (done), WEB-4 and WEB-5 count; points: 5 + 3 + 2, 5 done
    expect(linked.rollup?.work).toEqual({ issues: 3, done: 1, inProgress: 0, toDo: 2, points: 10, pointsDone: 5 });
    expect(linked.rollup?.keyResults[0]).toMatchObject({ keyResultId: 'O-2.KR-1', progress: 1 / 3 });
    expect(await jql(app, 'admin', 'objective = O-2')).toEqual(WEB_1_TREE);
    expect(await issueProperty(app, 'WEB-4')).toEqual({ objectives: ['O-2'] });
    expect(await storedLinks(app, 'O-2')).toEqual([
      expect.objectContaining({ issueKey: 'WEB-1', keyResultId: 'O-2.KR-1', createdBy: ACCOUNT.member }),
    ]);
    await app.host.drain();
    expect(
      app.host
        .invocations()
        .filter((i) => !i.ok)
        .map((i) => i.error),
    ).toEqual([]);
  });

  it('is idempotent: linking twice is one link, counted once', async () => {
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
    const again = await ok(app, 'lead', 'contributions/link', {
      issueKey: 'WEB-1',
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
    });
    expect(again).toMatchObject({ linked: true, changed: false });
    expect(again.rollup?.work.issues).toBe(3);
    expect(await storedLinks(app, 'O-2')).toHaveLength(1);
    // a story under the linked epic, linked to the objective as well, still counts once
    const story = await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-2', objectiveKey: 'O-2' });
    expect(story.rollup?.work.issues).toBe(3);
    expect(await storedLinks(app, 'O-2')).toHaveLength(2);
  });

  it('unlinks: the work leaves the rollup and JQL no longer finds the issues', async () => {
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
    const unlinked = await ok(app, 'member', 'contributions/unlink', {
      issueKey: 'WEB-1',
      objectiveKey: 'O-2',
      keyResultId: 'O-2.KR-1',
    });
    expect(unlinked).toMatchObject({ linked: false, changed: true, properties: { written: 5, pending: [] } });
    expect(unlinked.rollup?.work.issues).toBe(0);
    expect(unlinked.rollup?.progress).toBeNull();
    expect(await jql(app, 'admin', 'objective = O-2')).toEqual([]);
    expect(await issueProperty(app, 'WEB-1')).toBeNull();
    expect(
      (
        await ok(app, 'member', 'contributions/unlink', {
          issueKey: 'WEB-1',
          objectiveKey: 'O-2',
          keyResultId: 'O-2.KR-1',
        })
      ).changed,
    ).toBe(false);
  });

  it('keeps the objectives an issue serves through its ancestors in its property', async () => {
    await ok(app, 'admin', 'objectives/create', {
      title: 'Mobile',
      levelId: 'programme',
      periodId: PERIOD,
      workgroupId: 'web-squad',
      parentId: 'O-1',
    }); // O-3
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-3', objectiveKey: 'O-3' });
    expect(await issueProperty(app, 'WEB-4')).toEqual({ objectives: ['O-2', 'O-3'] });
    expect(await issueProperty(app, 'WEB-2')).toEqual({ objectives: ['O-2'] });
    expect(await jql(app, 'member', 'objective = O-3')).toEqual(['WEB-3', 'WEB-4']);
  });
});

describe('who may link what', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startAppHost();
    await withKeyResult(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('needs EDIT_ISSUES on the issue: the outsider cannot edit MOB-1, nothing is read from storage or written', async () => {
    await ok(app, 'admin', 'objectives/create', {
      title: 'Offline',
      levelId: 'programme',
      periodId: PERIOD,
      workgroupId: 'mobile-team',
      parentId: 'O-1',
    }); // O-3
    const { error, counts, writes } = await failed(app, 'outsider', 'contributions/link', {
      issueKey: 'MOB-1',
      objectiveKey: 'O-3',
    });
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'You do not have permission to edit issue MOB-1' });
    expect(counts.kvsRoundTrips).toBe(0);
    expect(writes).toBe(0);
    expect(
      (await failed(app, 'outsider', 'contributions/unlink', { issueKey: 'MOB-1', objectiveKey: 'O-3' })).error.code,
    ).toBe('FORBIDDEN');
    expect((await failed(app, null, 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' })).error.code).toBe(
      'FORBIDDEN',
    );
  });

  it.each(['admin', 'lead', 'member', 'outsider'] as const)(
    'lets %s, who may edit WEB-2, link it to a public objective',
    async (persona) => {
      const { reply, writes } = await call(app, persona, 'contributions/link', {
        issueKey: 'WEB-2',
        objectiveKey: 'O-2',
      });
      expect(reply.ok).toBe(true);
      expect(writes).toBeGreaterThan(0);
    },
  );

  it('needs view access to the objective: a restricted objective is NOT_FOUND outside its workgroup', async () => {
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 2, visibility: 'restricted' });
    const { error, writes } = await failed(app, 'outsider', 'contributions/link', {
      issueKey: 'WEB-2',
      objectiveKey: 'O-2',
    });
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'There is no objective O-2' });
    expect(writes).toBe(0);
    expect((await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-2', objectiveKey: 'O-2' })).linked).toBe(
      true,
    );
  });

  it.each([
    ['an issue key in lower case', { issueKey: 'web-1', objectiveKey: 'O-2' }, 'issueKey'],
    ['no objective', { issueKey: 'WEB-1' }, 'objectiveKey'],
    ['an unknown field', { issueKey: 'WEB-1', objectiveKey: 'O-2', weight: 2 }, ''],
  ])('answers VALIDATION to %s before anything else', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'member', 'contributions/link', payload);
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('refuses a key result of another objective and an archived objective, writing nothing', async () => {
    const wrong = await failed(app, 'member', 'contributions/link', {
      issueKey: 'WEB-1',
      objectiveKey: 'O-2',
      keyResultId: 'O-1.KR-1',
    });
    expect(wrong.error).toEqual({
      code: 'VALIDATION',
      message: 'The issue was not linked',
      details: [{ path: 'keyResultId', message: 'O-2 has no key result "O-1.KR-1"' }],
    });
    expect(wrong.writes).toBe(0);
    await ok(app, 'lead', 'objectives/archive', { key: 'O-2', version: 2 });
    const archived = await failed(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    expect(archived.error.details).toEqual([
      { path: 'objectiveKey', message: 'O-2 is archived; work cannot be linked to it' },
    ]);
    expect(archived.writes).toBe(0);
  });
});

const Created = z.object({ key: z.string() });

describe('an epic with more than 50 issues below it', () => {
  let app: AppHost;
  let epicKey: string;
  let storyKeys: string[];
  beforeAll(async () => {
    app = startLiveHost();
    await withKeyResult(app);
    const epic = await app.host.jiraRequest({
      method: 'POST',
      path: '/rest/api/3/issue',
      asUser: ACCOUNT.admin,
      body: JSON.stringify({ fields: { project: { key: 'WEB' }, issuetype: { name: 'Epic' }, summary: 'Big epic' } }),
    });
    epicKey = Created.parse(JSON.parse(epic.body)).key;
    storyKeys = [];
    for (let i = 0; i < 60; i += 1) {
      const story = await app.host.jiraRequest({
        method: 'POST',
        path: '/rest/api/3/issue',
        asUser: ACCOUNT.admin,
        body: JSON.stringify({
          fields: {
            project: { key: 'WEB' },
            issuetype: { name: 'Story' },
            summary: `Story ${i}`,
            parent: { key: epicKey },
          },
        }),
      });
      storyKeys.push(Created.parse(JSON.parse(story.body)).key);
    }
    await app.host.drain();
    // made a while before anyone links the epic: Jira's search and the app's indexes show them
    jiraSearchCaughtUp(app);
    await queriesCaughtUp(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes the property on the epic and 50 issues below it, and queues a job that writes the rest', async () => {
    const { reply, counts } = await call(app, 'lead', 'contributions/link', { issueKey: epicKey, objectiveKey: 'O-2' });
    if (!reply.ok) throw new Error(reply.error.message);
    const linked = reply.data;
    expect(linked.rollup?.work.issues).toBe(60);
    expect(linked.properties.written).toBe(51);
    expect(linked.properties.pending).toHaveLength(10);
    const propertyWrites = Object.entries(counts.productByRoute).filter(([route]) => route.includes('/properties/'));
    expect(propertyWrites.reduce((n, [, calls]) => n + calls, 0)).toBe(51);
    expect(await storedRollup(app, 'O-2')).toMatchObject({ record: { work: { issues: 60 } } });

    // the queue consumer (a job on tether-reconcile) writes the 10 left, as the app
    await app.host.drain();
    const consumer = app.host.invocations().filter((i) => i.functionKey === 'on-reconcile');
    expect(consumer.length).toBeGreaterThanOrEqual(1);
    expect(consumer.every((i) => i.ok)).toBe(true);
    for (const key of linked.properties.pending) expect(await issueProperty(app, key)).toEqual({ objectives: ['O-2'] });
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual([epicKey, ...storyKeys].sort());
  });

  it('removes them all the same way when the epic is unlinked', async () => {
    const unlinked = await ok(app, 'lead', 'contributions/unlink', { issueKey: epicKey, objectiveKey: 'O-2' });
    expect(unlinked.properties).toMatchObject({ written: 51 });
    expect(unlinked.properties.pending).toHaveLength(10);
    await app.host.drain();
    expect(await jql(app, 'lead', 'objective = O-2')).toEqual([]);
    for (const key of storyKeys) expect(await issueProperty(app, key)).toBeNull();
  });
});
