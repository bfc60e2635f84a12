import type { PayloadIn } from '../../src/contract/api';
import { ACCOUNT, useAppHost } from '../support/app-host';
import { call, failed, ok } from './resolver-kit';

const app = useAppHost();

const squad: PayloadIn<'workgroups/create'> = {
  name: 'Web Squad',
  kind: 'squad',
  leads: [ACCOUNT.lead],
  members: [ACCOUNT.member],
  projects: ['WEB'],
};

describe('workgroups through the resolver', () => {
  it('creates, lists, changes and deletes a workgroup', async () => {
    const created = await ok(app, 'admin', 'workgroups/create', squad);
    expect(created).toMatchObject({ id: 'web-squad', ...squad, version: 1 });
    expect((await ok(app, 'lead', 'workgroups/list', { projectKey: 'WEB' })).workgroups).toEqual([created]);
    const changed = await ok(app, 'admin', 'workgroups/update', {
      id: 'web-squad',
      version: 1,
      members: [ACCOUNT.member, ACCOUNT.outsider],
      projects: ['WEB', 'MOB'],
    });
    expect(changed).toMatchObject({
      version: 2,
      members: [ACCOUNT.member, ACCOUNT.outsider],
      projects: ['WEB', 'MOB'],
    });
    expect((await ok(app, 'member', 'workgroups/list', { projectKey: 'MOB' })).workgroups.map((w) => w.id)).toEqual([
      'web-squad',
    ]);
    expect(await ok(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 2 })).toEqual({ id: 'web-squad' });
    expect((await ok(app, 'admin', 'workgroups/list', {})).workgroups).toEqual([]);
    expect((await ok(app, 'admin', 'workgroups/list', { projectKey: 'MOB' })).workgroups).toEqual([]);
  });

  it('lets one of two concurrent edits from the same version win; the other gets CONFLICT and nothing is lost', async () => {
    await ok(app, 'admin', 'workgroups/create', squad);
    const [a, b] = await Promise.all([
      call(app, 'admin', 'workgroups/update', { id: 'web-squad', version: 1, name: 'Checkout Squad' }),
      call(app, 'admin', 'workgroups/update', {
        id: 'web-squad',
        version: 1,
        members: [ACCOUNT.member, ACCOUNT.outsider],
      }),
    ]);
    const replies = [a.reply, b.reply];
    const winners = replies.filter((r) => r.ok);
    const losers = replies.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.code).toBe('CONFLICT');
    expect(losers[0]?.message).toMatch(
      /was changed by someone else \(you had version 1, it is now 2\); reload and try again$/,
    );

    // The loser reloads and applies its change on the new version: both changes are kept.
    const [stored] = (await ok(app, 'admin', 'workgroups/list', {})).workgroups;
    const nameWon = stored?.name === 'Checkout Squad';
    const retry = nameWon ? { members: [ACCOUNT.member, ACCOUNT.outsider] } : { name: 'Checkout Squad' };
    const final = await ok(app, 'admin', 'workgroups/update', { id: 'web-squad', version: 2, ...retry });
    expect(final).toMatchObject({ version: 3, name: 'Checkout Squad', members: [ACCOUNT.member, ACCOUNT.outsider] });
  });

  it('refuses a delete from a stale version and a delete of what is gone', async () => {
    await ok(app, 'admin', 'workgroups/create', squad);
    await ok(app, 'admin', 'workgroups/update', { id: 'web-squad', version: 1, kind: 'delivery-group' });
    expect((await failed(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 1 })).error.code).toBe(
      'CONFLICT',
    );
    await ok(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 2 });
    expect((await failed(app, 'admin', 'workgroups/delete', { id: 'web-squad', version: 2 })).error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no workgroup with id "web-squad"',
    });
  });

  it('lists 45 workgroups the moment they are created, read by key 25 at a time, never by query', async () => {
    for (let i = 0; i < 45; i += 1) {
      await ok(app, 'admin', 'workgroups/create', {
        name: `Group ${String(i).padStart(2, '0')}`,
        kind: 'squad',
        leads: [i % 3 === 0 ? ACCOUNT.lead : ACCOUNT.admin],
      });
    }
    const { reply, counts } = await call(app, 'admin', 'workgroups/list', {});
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.workgroups.map((w) => w.name)).toEqual(
      Array.from({ length: 45 }, (_, i) => `Group ${String(i).padStart(2, '0')}`),
    );
    expect(counts.kvsByEndpoint['/api/v1/entity/query']).toBeUndefined();
    expect(counts.kvsByEndpoint['/api/v1/batch/get']).toBe(2);
    const mine = await ok(app, 'lead', 'workgroups/list', {});
    expect(mine.workgroups).toHaveLength(15);
    expect((await ok(app, 'lead', 'me/get')).leads).toHaveLength(15);
  });
});
