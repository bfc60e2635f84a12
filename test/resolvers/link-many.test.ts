/**
 * contributions/link-many: several issues linked to one objective in one call (the project page's
 * "Link 3 to…" and its JQL linking). What the objective decides is checked once, for the whole
 * call; each issue is linked as contributions/link links it, and refused for itself.
 */
import { contributions } from '../../src/forge/store/rollup-entities';
import { LINK_MANY_MAX } from '../../src/contract/api';
import { setProcessClock } from '../../local/runtime/process-clock';
import { setStorageRetry } from '../../src/forge/store/kvs';
import { asPersona, startAppHost, type AppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { jql, startLiveHost } from './live-host';
import { createSquadObjective, organisation, storedRollup } from './objective-kit';

const storedLinks = async (app: AppHost, objectiveId: string) => {
  await queriesCaughtUp(app);
  const links = await asPersona(app.host, null, () =>
    contributions().query('by-objective', { partition: [objectiveId] }),
  );
  return links.map((l) => l.issueKey).sort();
};

describe('contributions/link-many', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startLiveHost();
    await organisation(app);
    await createSquadObjective(app); // O-2 of Web Squad
  });
  afterEach(async () => {
    await app.close();
  });

  it('links an epic and a story of another epic in one call: each counts, and the epic names what came with it', async () => {
    const reply = await ok(app, 'member', 'contributions/link-many', {
      issueKeys: ['WEB-1', 'WEB-2'],
      objectiveKey: 'O-2',
    });
    expect(reply.results.map((r) => [r.issueKey, r.ok])).toEqual([
      ['WEB-1', true],
      ['WEB-2', true],
    ]);
    const [epic, story] = reply.results;
    if (!epic?.ok || !story?.ok) throw new Error('both were linked');
    expect(epic.change.descendants?.slice().sort()).toEqual(['WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
    // the story was already under the linked epic: its own link is one more link, counted once
    expect(story.change.rollup?.work.issues).toBe(3);
    expect(await storedLinks(app, 'O-2')).toEqual(['WEB-1', 'WEB-2']);
    expect(await jql(app, 'member', 'objective = O-2')).toEqual(['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5']);
  });

  it('answers each issue for itself: the outsider links WEB-4 but not MOB-1, which they cannot edit', async () => {
    const reply = await ok(app, 'outsider', 'contributions/link-many', {
      issueKeys: ['MOB-1', 'WEB-4'],
      objectiveKey: 'O-2',
    });
    expect(reply.results).toEqual([
      {
        issueKey: 'MOB-1',
        ok: false,
        error: { code: 'FORBIDDEN', message: 'You do not have permission to edit issue MOB-1' },
      },
      expect.objectContaining({ issueKey: 'WEB-4', ok: true }),
    ]);
    expect(await storedLinks(app, 'O-2')).toEqual(['WEB-4']);
  });

  it('is safe to send again: what is linked stays one link, and the rollup is not written again', async () => {
    const payload = { issueKeys: ['WEB-4', 'WEB-5'], objectiveKey: 'O-2' };
    await ok(app, 'member', 'contributions/link-many', payload);
    await queriesCaughtUp(app);
    const before = await storedRollup(app, 'O-2');
    const { reply } = await call(app, 'member', 'contributions/link-many', payload);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.results.map((r) => r.ok && r.change.changed)).toEqual([false, false]);
    expect(reply.data.results.map((r) => r.ok && r.change.rollup?.work.issues)).toEqual([2, 2]);
    expect((await storedRollup(app, 'O-2'))?.version).toBe(before?.version);
    expect(await storedLinks(app, 'O-2')).toEqual(['WEB-4', 'WEB-5']);
  });

  it('refuses the whole call, writing nothing, when the objective says no', async () => {
    await ok(app, 'lead', 'objectives/update', { key: 'O-2', version: 1, visibility: 'restricted' });
    const hidden = await failed(app, 'outsider', 'contributions/link-many', {
      issueKeys: ['WEB-4'],
      objectiveKey: 'O-2',
    });
    expect(hidden.error).toEqual({ code: 'NOT_FOUND', message: 'There is no objective O-2' });
    expect(hidden.writes).toBe(0);
    const wrongKeyResult = await failed(app, 'member', 'contributions/link-many', {
      issueKeys: ['WEB-4'],
      objectiveKey: 'O-2',
      keyResultId: 'O-1.KR-1',
    });
    expect(wrongKeyResult.error.details).toEqual([
      { path: 'keyResultId', message: 'O-2 has no key result "O-1.KR-1"' },
    ]);
    await ok(app, 'lead', 'objectives/archive', { key: 'O-2', version: 2 });
    const archived = await failed(app, 'member', 'contributions/link-many', {
      issueKeys: ['WEB-4', 'WEB-5'],
      objectiveKey: 'O-2',
    });
    expect(archived.error).toEqual({
      code: 'VALIDATION',
      message: 'The issues were not linked',
      details: [{ path: 'objectiveKey', message: 'O-2 is archived; work cannot be linked to it' }],
    });
    expect(archived.writes).toBe(0);
    expect(
      (await failed(app, null, 'contributions/link-many', { issueKeys: ['WEB-4'], objectiveKey: 'O-2' })).error.code,
    ).toBe('FORBIDDEN');
  });

  it.each([
    ['no issue', { issueKeys: [], objectiveKey: 'O-2' }, 'issueKeys'],
    ['the same issue twice', { issueKeys: ['WEB-4', 'WEB-4'], objectiveKey: 'O-2' }, 'issueKeys.1'],
    [
      `more than ${LINK_MANY_MAX} issues`,
      { issueKeys: Array.from({ length: LINK_MANY_MAX + 1 }, (_, i) => `WEB-${i + 1}`), objectiveKey: 'O-2' },
      'issueKeys',
    ],
  ])('answers VALIDATION to %s before anything is read', async (_what, payload, path) => {
    const { error, counts } = await failed(app, 'member', 'contributions/link-many', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toContain(path);
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });

  it('links to a key result of the objective', async () => {
    const { keyResult } = await ok(app, 'lead', 'key-results/create', {
      objectiveKey: 'O-2',
      version: 1,
      keyResult: { kind: 'completion', title: 'Checkout redesign shipped' },
    });
    const reply = await ok(app, 'member', 'contributions/link-many', {
      issueKeys: ['WEB-4', 'WEB-5'],
      objectiveKey: 'O-2',
      keyResultId: keyResult.id,
    });
    expect(reply.keyResultId).toBe(keyResult.id);
    const last = reply.results[1];
    if (!last?.ok) throw new Error('WEB-5 was linked');
    expect(last.change.rollup?.keyResults[0]).toMatchObject({ keyResultId: keyResult.id });
    expect(last.change.rollup?.work.issues).toBe(2);
  });
});

describe('contributions/link-many when storage refuses it half-way', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startAppHost({ forge: 'strict' });
    await organisation(app);
    await createSquadObjective(app); // O-2
    await queriesCaughtUp(app);
  });
  afterEach(() => app.close());

  it('answers each issue refused with UNAVAILABLE; sending the same issues again completes them, counted once', async () => {
    const payload = { issueKeys: ['WEB-4', 'WEB-5'], objectiveKey: 'O-2' };
    // a fresh quota minute with one write unit, and no retry within the invocation (its time spent)
    const quotas = app.host.kvs.quotas!;
    const writeUnitsPerMinute = quotas.writeUnitsPerMinute;
    setProcessClock(Date.now() + 61_000);
    Object.assign(quotas, { writeUnitsPerMinute: 1 });
    const undo = setStorageRetry({ deadline: () => 0 });
    let first;
    try {
      first = await call(app, 'member', 'contributions/link-many', payload);
    } finally {
      undo();
      Object.assign(quotas, { writeUnitsPerMinute });
      setProcessClock(Date.now() + 61_000);
    }
    if (!first.reply.ok) throw new Error(first.reply.error.message);
    expect(first.reply.data.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);

    const again = await ok(app, 'member', 'contributions/link-many', payload);
    expect(again.results.map((r) => r.ok && r.change.changed)).toEqual([true, true]);
    const last = again.results[1];
    if (!last?.ok) throw new Error('WEB-5 was linked');
    expect(last.change.rollup?.work.issues).toBe(2);
    expect((await storedRollup(app, 'O-2'))?.record.work.issues).toBe(2);
    expect(await storedLinks(app, 'O-2')).toEqual(['WEB-4', 'WEB-5']);
  });
});
