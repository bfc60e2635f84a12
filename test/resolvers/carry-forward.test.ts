/**
 * carry-forward/preview and carry-forward/apply: unfinished objectives of a period are
 * copied into another (with a link back), parents first; the originals keep their history,
 * links and rollups; a repeat carries nothing twice; only Jira administrators may do it; bad
 * payloads and stale versions write nothing.
 */
import { ACCOUNT, useAppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation, PERIOD, storedRollup } from './objective-kit';

const NEXT = '2027-q1';

const app = useAppHost(async () => {
  await organisation(app); // 2026 Q4, Web Squad, Mobile Team, O-1 (organisation)
  await ok(app, 'admin', 'periods/create', { version: 1, name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
  // O-2: active, under O-1, a completion and a reached milestone, owned by the member, WEB-1 linked
  await createSquadObjective(app, { owner: ACCOUNT.member });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 1,
    keyResult: { kind: 'completion', title: 'Checkout epic' },
  });
  await ok(app, 'lead', 'key-results/create', {
    objectiveKey: 'O-2',
    version: 2,
    keyResult: { kind: 'milestone', title: 'PCI review', done: true },
  });
  await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2', keyResultId: 'O-2.KR-1' });
  // O-3 done, O-4 cancelled: finished, not carried
  await createSquadObjective(app, { title: 'Faster search' });
  await ok(app, 'lead', 'objectives/update', { key: 'O-3', version: 1, status: 'done' });
  await createSquadObjective(app, { title: 'Dropped idea' });
  await ok(app, 'lead', 'objectives/archive', { key: 'O-4', version: 1 });
  // O-5: a restricted draft
  await createSquadObjective(app, { title: 'Fraud rules', status: 'draft', visibility: 'restricted' });
  // the quarter's objectives and links were made over the quarter; objectives are carried at its end
  await queriesCaughtUp(app);
});

const settingsVersion = async () => (await ok(app, 'admin', 'settings/get')).version;
/** An objective whole, as the project page's detail reads it (the view serves rows). */
const wholeOf = async (persona: 'admin' | 'lead', objectiveKey: string) =>
  (await ok(app, persona, 'project-page/objective', { projectKey: 'WEB', objectiveKey })).entry.objective;

describe('carry-forward/preview', () => {
  it('lists the unfinished objectives, parents first, with where their copies align, writing nothing', async () => {
    const { reply, writes } = await call(app, 'admin', 'carry-forward/preview', { id: PERIOD, toPeriodId: NEXT });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.from.id).toBe(PERIOD);
    expect(reply.data.to.id).toBe(NEXT);
    expect(reply.data.alreadyCarried).toEqual([]);
    expect(reply.data.objectives.map((o) => [o.key, o.status, o.parent, o.dropped])).toEqual([
      ['O-1', 'active', null, []],
      ['O-2', 'active', { key: 'O-1', carried: true }, []],
      ['O-5', 'draft', { key: 'O-1', carried: true }, []],
    ]);
    expect(reply.data.objectives[1]).toMatchObject({
      keyResults: 2,
      workIssues: 3,
      levelId: 'workgroup',
      workgroupId: 'web-squad',
    });
    expect(writes).toBe(0);
  });

  it('drops a parent that is finished and stays behind', async () => {
    const o1 = await wholeOf('admin', 'O-1');
    await ok(app, 'admin', 'objectives/update', { key: 'O-1', version: o1.version, status: 'done' });
    const preview = await ok(app, 'admin', 'carry-forward/preview', { id: PERIOD, toPeriodId: NEXT });
    expect(preview.objectives.map((o) => [o.key, o.parent, o.dropped])).toEqual([
      ['O-2', null, ['O-1']],
      ['O-5', null, ['O-1']],
    ]);
  });
});

describe('carry-forward/apply', () => {
  it('copies them into the new period with a link back; the originals keep their period, links and rollups', async () => {
    const before = await storedRollup(app, 'O-2');
    const result = await ok(app, 'admin', 'carry-forward/apply', {
      version: await settingsVersion(),
      id: PERIOD,
      toPeriodId: NEXT,
    });
    expect(result.carried).toEqual([
      { from: 'O-1', to: 'O-6' },
      { from: 'O-2', to: 'O-7' },
      { from: 'O-5', to: 'O-8' },
    ]);
    expect(result.alreadyCarried).toEqual([]);
    expect(result.remaining).toBe(0);

    const page = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB', periodId: NEXT });
    const copies = await Promise.all(
      (page.workgroups[0]?.objectives ?? []).map((o) => wholeOf('lead', o.objective.key)),
    );
    expect(copies.map((o) => [o.key, o.periodId, o.parentId, o.carriedFrom, o.status, o.visibility])).toEqual([
      ['O-7', NEXT, 'O-6', 'O-2', 'active', 'public'],
      ['O-8', NEXT, 'O-6', 'O-5', 'draft', 'restricted'],
    ]);
    const o7 = copies[0];
    expect(o7?.owner).toBe(ACCOUNT.member);
    expect(o7?.keyResults.map((k) => [k.id, k.key, k.objectiveId, k.kind])).toEqual([
      ['O-7.KR-1', 'KR-1', 'O-7', 'completion'],
      ['O-7.KR-2', 'KR-2', 'O-7', 'milestone'],
    ]);
    expect(page.aligned.map((a) => [a.objective.key, a.objective.periodId])).toEqual([['O-6', NEXT]]);
    expect((await wholeOf('lead', 'O-6')).carriedFrom).toBe('O-1');
    // the copy starts without linked work; O-6's rollup counts its copies as contributors
    expect(page.workgroups[0]?.objectives[0]?.rollup?.work.issues).toBe(0);
    expect((await storedRollup(app, 'O-6'))?.contributors.map((c) => c.objectiveId)).toEqual(['O-7', 'O-8']);

    // the original is untouched: same period, version, links and rollup
    expect(await wholeOf('lead', 'O-2')).toMatchObject({ periodId: PERIOD, version: 3, carriedFrom: null });
    expect(
      (await ok(app, 'member', 'issue-panel/view', { issueKey: 'WEB-1' })).serves.map((s) => s.objective.key),
    ).toEqual(['O-2']);
    expect((await storedRollup(app, 'O-2'))?.record).toEqual(before?.record);
  });

  it('carries nothing twice: a repeat writes nothing and names the copies', async () => {
    const version = await settingsVersion();
    await ok(app, 'admin', 'carry-forward/apply', { version, id: PERIOD, toPeriodId: NEXT });
    const { reply, writes } = await call(app, 'admin', 'carry-forward/apply', {
      version,
      id: PERIOD,
      toPeriodId: NEXT,
    });
    expect(reply).toMatchObject({
      ok: true,
      data: {
        carried: [],
        alreadyCarried: [
          { key: 'O-1', copy: 'O-6' },
          { key: 'O-2', copy: 'O-7' },
          { key: 'O-5', copy: 'O-8' },
        ],
      },
    });
    expect(writes).toBe(0);
    expect((await ok(app, 'admin', 'carry-forward/preview', { id: PERIOD, toPeriodId: NEXT })).objectives).toEqual([]);
  });

  it('carries nothing twice when two calls run at once: each objective is copied once, a call that finds it copied is refused with CONFLICT', async () => {
    const version = await settingsVersion();
    const payload = { version, id: PERIOD, toPeriodId: NEXT };
    const replies = await Promise.all([
      call(app, 'admin', 'carry-forward/apply', payload),
      call(app, 'admin', 'carry-forward/apply', payload),
    ]);
    const carried = replies.flatMap(({ reply }) => (reply.ok ? reply.data.carried.map((c) => c.from) : []));
    expect(carried.sort()).toEqual(['O-1', 'O-2', 'O-5']);
    for (const { reply } of replies) if (!reply.ok) expect(reply.error.code).toBe('CONFLICT');
    const again = await ok(app, 'admin', 'carry-forward/apply', payload);
    expect(again.carried).toEqual([]);
    expect(again.alreadyCarried.map((c) => c.key)).toEqual(['O-1', 'O-2', 'O-5']);
  });

  it('carries at most 60 per call, parents first; the next call carries the rest, aligned to the earlier copies', async () => {
    for (let i = 0; i < 65; i += 1) await createSquadObjective(app, { title: `Objective ${i}` }); // O-6 … O-70, under O-1
    // made over the quarter, as above: the by-period query shows them all by its end (the calls below
    // follow one another, and find each other's copies by key)
    await queriesCaughtUp(app);
    const version = await settingsVersion();
    const first = await ok(app, 'admin', 'carry-forward/apply', { version, id: PERIOD, toPeriodId: NEXT });
    expect(first.carried).toHaveLength(60);
    expect(first.carried[0]).toEqual({ from: 'O-1', to: 'O-71' });
    expect(first.remaining).toBe(8);
    const second = await ok(app, 'admin', 'carry-forward/apply', { version, id: PERIOD, toPeriodId: NEXT });
    expect(second.carried).toHaveLength(8);
    expect(second.remaining).toBe(0);
    expect(second.alreadyCarried).toHaveLength(60);
    // the page lists by query, with the latest 20 objectives of each workgroup read by key: on Forge,
    // carrying 68 objectives (a write and a rollup each, several round trips) takes far longer than
    // the query lag, so all but the last moment's copies are in the query by the time the calls
    // answer; on the host the clock stands still and they took no time at all
    await queriesCaughtUp(app);
    const page = await ok(app, 'admin', 'project-page/view', { projectKey: 'WEB', periodId: NEXT });
    const copies = page.workgroups[0]?.objectives.map((o) => o.objective) ?? [];
    expect(copies).toHaveLength(67);
    expect(new Set(copies.map((o) => o.parentId))).toEqual(new Set(['O-71']));
    const whole = await Promise.all(copies.map((o) => wholeOf('admin', o.key)));
    expect(new Set(whole.map((o) => o.carriedFrom)).size).toBe(67);
  });

  it('points a copy to the copy of a later objective of its own level it aligns to', async () => {
    await createSquadObjective(app, { title: 'Payments platform' }); // O-6, same level, after O-2
    await ok(app, 'lead', 'objectives/update', {
      key: 'O-2',
      version: 3,
      alignments: [{ objectiveId: 'O-6', weight: 0.5 }],
    });
    const preview = await ok(app, 'admin', 'carry-forward/preview', { id: PERIOD, toPeriodId: NEXT });
    expect(preview.objectives.map((o) => o.key)).toEqual(['O-1', 'O-5', 'O-6', 'O-2']);
    const result = await ok(app, 'admin', 'carry-forward/apply', {
      version: await settingsVersion(),
      id: PERIOD,
      toPeriodId: NEXT,
    });
    const copyOf = new Map(result.carried.map((c) => [c.from, c.to]));
    const o2Copy = await wholeOf('admin', copyOf.get('O-2') ?? '');
    expect(o2Copy.carriedFrom).toBe('O-2');
    expect(o2Copy?.alignments).toEqual([{ objectiveId: copyOf.get('O-6'), weight: 0.5 }]);
    expect(o2Copy?.parentId).toBe(copyOf.get('O-1'));
  });

  it('works after the period is closed', async () => {
    const version = await settingsVersion();
    await ok(app, 'admin', 'periods/close', { version, id: PERIOD });
    const result = await ok(app, 'admin', 'carry-forward/apply', {
      version: version + 1,
      id: PERIOD,
      toPeriodId: NEXT,
    });
    expect(result.from.state).toBe('closed');
    expect(result.carried).toHaveLength(3);
  });

  it('is refused with CONFLICT when the settings changed since they were read, writing nothing', async () => {
    const version = await settingsVersion();
    await ok(app, 'admin', 'periods/update', { version, id: NEXT, name: 'Q1 2027' });
    const { error, writes } = await failed(app, 'admin', 'carry-forward/apply', {
      version,
      id: PERIOD,
      toPeriodId: NEXT,
    });
    expect(error.code).toBe('CONFLICT');
    expect(writes).toBe(0);
  });

  it('answers VALIDATION or NOT_FOUND to periods that do not fit, writing nothing', async () => {
    const version = await settingsVersion();
    const same = await failed(app, 'admin', 'carry-forward/apply', { version, id: PERIOD, toPeriodId: PERIOD });
    expect(same.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'toPeriodId', message: 'objectives are carried forward into another period' }],
    });
    expect(same.counts.kvsRoundTrips + same.counts.productCalls).toBe(0);
    for (const payload of [
      { id: PERIOD, toPeriodId: NEXT },
      { version, id: PERIOD },
      { version, id: PERIOD, toPeriodId: NEXT, keys: ['O-2'] },
      { version: -1, id: PERIOD, toPeriodId: NEXT },
    ]) {
      const { error, counts } = await failed(app, 'admin', 'carry-forward/apply', payload);
      expect(error.code).toBe('VALIDATION');
      expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
    }
    const unknownTarget = await failed(app, 'admin', 'carry-forward/apply', {
      version,
      id: PERIOD,
      toPeriodId: 'fy-2099',
    });
    expect(unknownTarget.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'toPeriodId', message: 'there is no period "fy-2099"' }],
    });
    expect(unknownTarget.writes).toBe(0);
    expect(
      (await failed(app, 'admin', 'carry-forward/apply', { version, id: 'fy-2099', toPeriodId: NEXT })).error,
    ).toEqual({ code: 'NOT_FOUND', message: 'There is no period with id "fy-2099"' });

    await ok(app, 'admin', 'periods/close', { version, id: NEXT });
    const closed = await failed(app, 'admin', 'carry-forward/apply', {
      version: version + 1,
      id: PERIOD,
      toPeriodId: NEXT,
    });
    expect(closed.error).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'toPeriodId', message: 'period "2027 Q1" is closed' }],
    });
    expect(closed.writes).toBe(0);
    expect(
      (await ok(app, 'admin', 'project-page/view', { projectKey: 'WEB', periodId: NEXT })).workgroups[0]?.objectives,
    ).toEqual([]);
  });
});

describe.each(['carry-forward/preview', 'carry-forward/apply'] as const)('%s', (key) => {
  it.each(['lead', 'member', 'outsider'] as const)(
    'is refused to %s with FORBIDDEN, reading and writing nothing',
    async (persona) => {
      const { error, counts } = await failed(app, persona, key, {
        version: 2,
        id: PERIOD,
        toPeriodId: NEXT,
        ...(key === 'carry-forward/apply' ? {} : { version: undefined }),
      });
      expect(error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can carry objectives forward' });
      expect(counts.kvsRoundTrips).toBe(0);
    },
  );

  it('is refused without a user', async () => {
    const { error, counts } = await failed(app, null, key, {
      version: 2,
      id: PERIOD,
      toPeriodId: NEXT,
      ...(key === 'carry-forward/apply' ? {} : { version: undefined }),
    });
    expect(error).toEqual({ code: 'FORBIDDEN', message: 'Sign in to Jira to use Tether' });
    expect(counts.kvsRoundTrips + counts.productCalls).toBe(0);
  });
});
