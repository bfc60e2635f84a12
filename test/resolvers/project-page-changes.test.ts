/**
 * project-page/changes: the mark an open project page polls. It moves when Jira's event about an
 * issue of the project's workgroups reaches the stored rollup (and when a link made anywhere
 * moves their figures), stays put when nothing of theirs changed, and costs a few reads.
 */
import { MODULES } from '../../local/app-calls/resolver-caller';
import type { AppHost } from '../support/app-host';
import { call, ok, queriesCaughtUp } from './resolver-kit';
import { startLiveHost, transition } from './live-host';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';

async function markOf(app: AppHost, projectKey = 'WEB') {
  const { reply, counts, writes } = await call(
    app,
    'lead',
    'project-page/changes',
    { projectKey },
    MODULES.projectPage,
  );
  if (!reply.ok) throw new Error(reply.error.message);
  return { ...reply.data, counts, writes };
}

describe('project-page/changes', () => {
  let app: AppHost;
  beforeEach(async () => {
    app = startLiveHost();
    await organisation(app);
    await createSquadObjective(app); // O-2 of Web Squad
    await ok(app, 'member', 'contributions/link', { issueKey: 'WEB-1', objectiveKey: 'O-2' });
    await app.host.drain();
    await queriesCaughtUp(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it('moves when a story of the linked epic is finished in Jira, and not before', async () => {
    const first = await markOf(app);
    expect(first.at).not.toBeNull();
    expect((await markOf(app)).mark).toBe(first.mark);

    await transition(app, 'member', 'WEB-4', 'done');
    await app.host.drain();
    const after = await markOf(app);
    expect(after.mark).not.toBe(first.mark);
    expect(after.at).toBeGreaterThanOrEqual(first.at ?? 0);
    // and the view it makes the page reload shows the story done
    const view = await ok(app, 'lead', 'project-page/view', { projectKey: 'WEB' });
    const o2 = view.workgroups.flatMap((w) => w.objectives).find((e) => e.objective.key === 'O-2');
    expect(o2?.rollup?.work.done).toBe(2);
  });

  it('stays put when only another workgroup outside the project changes', async () => {
    // a Mobile Team objective of its own, under no objective of the page
    await ok(app, 'admin', 'objectives/create', {
      title: 'Offline mode',
      levelId: 'programme',
      periodId: PERIOD,
      workgroupId: 'mobile-team',
    }); // O-3
    const before = await markOf(app);
    const mobileBefore = await markOf(app, 'MOB');
    await ok(app, 'admin', 'contributions/link', { issueKey: 'MOB-1', objectiveKey: 'O-3' });
    await app.host.drain();
    expect((await markOf(app)).mark).toBe(before.mark);
    // while the Mobile project's page, whose workgroup it is, sees its mark move
    expect((await markOf(app, 'MOB')).mark).not.toBe(mobileBefore.mark);
  });

  it('costs a few reads, no Jira call once the browse grant is remembered, and writes nothing', async () => {
    await markOf(app);
    const { counts, writes } = await markOf(app);
    expect(counts.productCalls).toBe(0);
    expect(counts.kvsRoundTrips).toBeLessThanOrEqual(3);
    expect(writes).toBe(0);
  });

  it('is refused without a user', async () => {
    const { reply } = await call(app, null, 'project-page/changes', { projectKey: 'WEB' }, MODULES.projectPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
