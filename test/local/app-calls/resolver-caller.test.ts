/**
 * The typed resolver caller (local/app-calls): data on `{ok: true}`, a ResolverRefusal on
 * `{ok: false}`, a ResolverCallFailure when the resolver throws or breaks its reply contract, and
 * payloads that do not compile when the contract refuses them.
 */
import {
  callResolver,
  MODULES,
  ResolverCallFailure,
  ResolverRefusal,
  resolverReply,
  resolverReplyUnchecked,
  type Caller,
} from '../../../local/app-calls/resolver-caller';
import { ACCOUNT, startAppHost, useAppHost, writesIn, type AppHost } from '../../support/app-host';

const admin: Caller = { name: 'admin', accountId: ACCOUNT.admin, moduleKey: MODULES.adminPage };
const member: Caller = { name: 'member', accountId: ACCOUNT.member, moduleKey: MODULES.adminPage };

describe('the typed resolver caller, on the app', () => {
  const app = useAppHost();

  it('returns the data of a successful reply, parsed with the contract', async () => {
    const me = await callResolver(app.host, admin, 'me/get', {});
    expect(me.accountId).toBe(ACCOUNT.admin);
    const made = await callResolver(app.host, admin, 'workgroups/create', {
      name: 'Web Squad',
      kind: 'squad',
      leads: [ACCOUNT.lead],
    });
    expect(made).toMatchObject({ id: 'web-squad', version: 1, members: [] });
  });

  it('throws a ResolverRefusal naming the key, the caller and the app error on {ok: false}', async () => {
    const refused = callResolver(app.host, member, 'workgroups/create', {
      name: 'Web Squad',
      kind: 'squad',
      leads: [ACCOUNT.lead],
    });
    await expect(refused).rejects.toBeInstanceOf(ResolverRefusal);
    await expect(refused).rejects.toMatchObject({
      key: 'workgroups/create',
      caller: 'member',
      error: { code: 'FORBIDDEN' },
    });
    await expect(refused).rejects.toThrow(/^workgroups\/create as member answered FORBIDDEN: /);
  });

  it('returns the refusal itself, with what the call cost, from resolverReply', async () => {
    const { reply, counts } = await resolverReply(app.host, member, 'workgroups/create', {
      name: 'Web Squad',
      kind: 'squad',
      leads: [ACCOUNT.lead],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(writesIn(counts.kvsByEndpoint)).toBe(0);
  });

  it('sends what the contract refuses only unchecked, and the app answers VALIDATION', async () => {
    const { reply } = await resolverReplyUnchecked(app.host, admin, 'workgroups/create', { name: '', kind: 'guild' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('does not compile a payload its key does not take', () => {
    const compileOnly = () => [
      // @ts-expect-error: `guild` is not a workgroup kind
      callResolver(app.host, admin, 'workgroups/create', { name: 'Web Squad', kind: 'guild', leads: [] }),
      // @ts-expect-error: objectives/create needs a title
      callResolver(app.host, admin, 'objectives/create', { levelId: 'organisation', periodId: 'p' }),
      // @ts-expect-error: me/get has no such field (strict payload)
      callResolver(app.host, admin, 'me/get', { verbose: true }),
    ];
    expect(typeof compileOnly).toBe('function');
  });
});

describe('the typed resolver caller, on a resolver that misbehaves', () => {
  let app: AppHost | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('throws a ResolverCallFailure when the reply breaks the key’s contract', async () => {
    app = startAppHost({ resolverModule: { resolver: () => Promise.resolve({ ok: true, data: { accountId: 42 } }) } });
    const call = callResolver(app.host, admin, 'me/get', {});
    await expect(call).rejects.toBeInstanceOf(ResolverCallFailure);
    await expect(call).rejects.toThrow(/^me\/get as admin replied in a shape its contract does not allow/);
  });

  it('throws a ResolverCallFailure carrying the error when the resolver throws', async () => {
    app = startAppHost({ resolverModule: { resolver: () => Promise.reject(new Error('boom')) } });
    const call = callResolver(app.host, admin, 'me/get', {});
    await expect(call).rejects.toThrow(/^me\/get as admin did not answer: boom$/);
    await expect(call).rejects.toMatchObject({ key: 'me/get', cause: expect.objectContaining({ message: 'boom' }) });
  });
});
