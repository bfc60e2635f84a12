/**
 * organisation/view on the local host: the organisation's objectives of a period across
 * workgroups, restricted ones only for those who may see them, the filters, the subtree, the pages
 * and the context above a page.
 */
import { RollupStatus } from '../../src/contract/rollup';
import { useAppHost } from '../support/app-host';
import { call, failed, ok, queriesCaughtUp } from './resolver-kit';
import { createSquadObjective, organisation, PERIOD } from './objective-kit';

async function organisationWithRestricted(app: Parameters<typeof organisation>[0]): Promise<void> {
  await organisation(app);
  // O-2 Web Squad's public (strategic), O-3 Web Squad's restricted, O-4 Mobile Team's (lead: admin), O-5 under O-2
  await ok(app, 'admin', 'objectives/create', {
    title: 'Checkout converts better',
    levelId: 'strategic',
    periodId: PERIOD,
    workgroupId: 'web-squad',
    parentId: 'O-1',
  });
  await createSquadObjective(app, { title: 'Fraud rules nobody sees', visibility: 'restricted' });
  await ok(app, 'admin', 'objectives/create', {
    title: 'Offline mode',
    levelId: 'workgroup',
    periodId: PERIOD,
    workgroupId: 'mobile-team',
    parentId: 'O-1',
  });
  await createSquadObjective(app, { title: 'Saved cards', parentId: 'O-2' });
  await queriesCaughtUp(app);
}

const app = useAppHost(organisationWithRestricted);
const keys = (view: { entries: { objective: { key: string } }[] }) => view.entries.map((e) => e.objective.key);

describe('organisation/view', () => {
  it('shows a restricted objective to its workgroup and Jira administrators, and leaves it out for others', async () => {
    expect(keys(await ok(app, 'admin', 'organisation/view', { periodId: PERIOD }))).toEqual([
      'O-1',
      'O-2',
      'O-3',
      'O-4',
      'O-5',
    ]);
    expect(keys(await ok(app, 'member', 'organisation/view', { periodId: PERIOD }))).toContain('O-3');
    const outsider = await ok(app, 'outsider', 'organisation/view', { periodId: PERIOD });
    expect(keys(outsider)).not.toContain('O-3');
    expect(JSON.stringify(outsider)).not.toContain('Fraud rules nobody sees');
    expect(outsider.total).toBe(outsider.entries.length);
  });

  it('takes the current period when none is named, and refuses a period that does not exist', async () => {
    const view = await ok(app, 'lead', 'organisation/view', {});
    expect(view.periodId).toBe(PERIOD);
    const { error, writes } = await failed(app, 'lead', 'organisation/view', { periodId: '2030-q1' });
    expect(error?.code).toBe('VALIDATION');
    expect(writes).toBe(0);
  });

  it('filters by level, workgroup (or none), owner and status, together', async () => {
    const byLevel = await ok(app, 'admin', 'organisation/view', { levelIds: ['organisation'] });
    expect(keys(byLevel)).toEqual(['O-1']);
    const mobile = await ok(app, 'admin', 'organisation/view', { workgroupIds: ['mobile-team'] });
    expect(keys(mobile)).toEqual(['O-4']);
    // the page's context: the parent above the match, which is not a match itself
    expect(mobile.context.map((e) => e.objective.key)).toEqual(['O-1']);
    const none = await ok(app, 'admin', 'organisation/view', { workgroupIds: ['none'] });
    expect(keys(none)).toEqual(['O-1']);
    const mine = await ok(app, 'admin', 'organisation/view', { owners: [none.entries[0]?.objective.owner ?? ''] });
    expect(keys(mine)).toContain('O-1');
    const both = await ok(app, 'admin', 'organisation/view', {
      workgroupIds: ['web-squad'],
      levelIds: ['organisation'],
    });
    expect(both.total).toBe(0);
    // each objective is under exactly one status: the statuses' totals add up, each entry has its status
    const totals = await Promise.all(
      RollupStatus.options.map(async (status) => {
        const view = await ok(app, 'admin', 'organisation/view', { statuses: [status] });
        expect(view.entries.every((e) => (e.rollup?.status ?? 'no-measure') === status)).toBe(true);
        return view.total;
      }),
    );
    expect(totals.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('keeps an objective and those below it with `under`', async () => {
    expect(keys(await ok(app, 'admin', 'organisation/view', { under: 'O-2' }))).toEqual(['O-2', 'O-5']);
    expect(keys(await ok(app, 'admin', 'organisation/view', { under: 'O-1' }))).toEqual([
      'O-1',
      'O-2',
      'O-3',
      'O-4',
      'O-5',
    ]);
  });

  it('answers a page at a time by key, the next page from `next`, each with the total', async () => {
    const first = await ok(app, 'admin', 'organisation/view', { limit: 2 });
    expect(keys(first)).toEqual(['O-1', 'O-2']);
    expect(first.total).toBe(5);
    expect(first.next).toBe('O-2');
    const second = await ok(app, 'admin', 'organisation/view', { limit: 2, after: first.next ?? '' });
    expect(keys(second)).toEqual(['O-3', 'O-4']);
    // O-3 and O-4 sit under O-1, on the first page: it comes back as context
    expect(second.context.map((e) => e.objective.key)).toEqual(['O-1']);
    const last = await ok(app, 'admin', 'organisation/view', { limit: 2, after: second.next ?? '' });
    expect(keys(last)).toEqual(['O-5']);
    expect(last.next).toBeNull();
  });

  it('asks Jira two questions however many projects the workgroups work in, while storage is read', async () => {
    // the outsider is in neither workgroup: whether they may browse WEB and MOB decides what they see
    const { reply, counts } = await call(app, 'outsider', 'organisation/view', { periodId: PERIOD });
    expect(reply.ok).toBe(true);
    expect(counts.productByRoute).toEqual({
      'jira POST /rest/api/3/permissions/project': 1,
      'jira GET /rest/api/3/mypermissions': 1,
    });
  });

  it('reads the objectives of no workgroup by key: all of them at once, and no more storage waves with 41 than with one', async () => {
    app.host.runtime.setLatency({ kvsMs: 5 });
    try {
      const before = await call(app, 'admin', 'organisation/view', { periodId: PERIOD, workgroupIds: ['none'] });
      for (let i = 0; i < 40; i += 1)
        await ok(app, 'admin', 'objectives/create', {
          title: `Company goal ${i + 1}`,
          levelId: 'organisation',
          periodId: PERIOD,
        });
      // read by key, current at once: the query of the objectives of no workgroup lags the writes
      const now = await ok(app, 'admin', 'organisation/view', { periodId: PERIOD, workgroupIds: ['none'] });
      expect(now.total).toBe(41);
      await queriesCaughtUp(app);
      const after = await call(app, 'admin', 'organisation/view', { periodId: PERIOD, workgroupIds: ['none'] });
      // that query answers 20 a page: three pages, one after another
      expect(after.counts.kvsWaves).toBe(before.counts.kvsWaves);
    } finally {
      app.host.runtime.setLatency({ kvsMs: 0 });
    }
  });

  it('refuses a call without a user', async () => {
    const { error } = await failed(app, null, 'organisation/view', {});
    expect(error?.code).toBe('FORBIDDEN');
  });
});
