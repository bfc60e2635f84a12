import { DEMO_ACCOUNTS } from '../../../local/jira';
import { HostError } from '../../../local/host/create-host';
import { readKvs, useFixtureHost } from './host-test-kit';

const fixture = useFixtureHost();

const project = { id: '10000', key: 'WEB', type: 'software' };

describe('invokeResolver', () => {
  it('runs the module resolver with a Forge-shaped request and reports what the call cost', async () => {
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-project-page',
      functionKey: 'visit',
      payload: { hello: 'world' },
      accountId: DEMO_ACCOUNTS.lead,
      extension: { project },
    });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value).toEqual({
      visits: 1,
      me: { accountId: 'local-lead', displayName: expect.any(String) },
      payload: { hello: 'world' },
      seen: {
        accountId: 'local-lead',
        cloudId: 'tether-local-cloud',
        moduleKey: 'tether-project-page',
        localId: 'ari:cloud:ecosystem::extension/11111111-2222-3333-4444-555555555555/local/static/tether-project-page',
        extension: { type: 'jira:projectPage', project },
        installContext: 'ari:cloud:jira::site/tether-local-cloud',
      },
    });
    expect(reply.counts).toEqual({
      kvsRoundTrips: 2,
      kvsWaves: 2,
      kvsReadUnits: 1,
      kvsWriteUnits: 1,
      kvsRateLimited: 0,
      productCalls: 1,
      kvsByEndpoint: { '/api/v1/get': 1, '/api/v1/set': 1 },
      productByRoute: { 'jira GET /rest/api/3/myself': 1 },
    });
    expect(reply.invocation).toMatchObject({
      accountId: 'local-lead',
      moduleKey: 'tether-project-page',
      functionKey: 'resolver',
      timeoutMs: 25_000,
    });
    expect(await readKvs(fixture.host, 'visits')).toBe(1);
  });

  it('gives the issue panel its issue context and keeps state between invocations', async () => {
    await fixture.host.invokeResolver({
      moduleKey: 'tether-issue-panel',
      functionKey: 'visit',
      accountId: DEMO_ACCOUNTS.member,
    });
    const issue = { id: '10002', key: 'WEB-2', type: 'Story' };
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-issue-panel',
      functionKey: 'visit',
      accountId: DEMO_ACCOUNTS.member,
      extension: { project, issue },
    });
    expect(reply.ok && reply.value).toMatchObject({
      visits: 2,
      payload: {},
      seen: { extension: { type: 'jira:issuePanel', project, issue } },
    });
  });

  it('reports a throwing resolver as a failed invocation, with its counts', async () => {
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-admin-page',
      functionKey: 'fail',
      accountId: DEMO_ACCOUNTS.admin,
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toBe('the resolver failed on purpose');
    expect(reply.counts.kvsRoundTrips).toBe(0);
    expect(fixture.host.invocations().at(-1)).toMatchObject({
      kind: 'resolver',
      moduleKey: 'tether-admin-page',
      ok: false,
      error: 'the resolver failed on purpose',
    });
  });

  it('reports an undefined resolver key the way @forge/resolver does', async () => {
    const reply = await fixture.host.invokeResolver({
      moduleKey: 'tether-admin-page',
      functionKey: 'nope',
      accountId: DEMO_ACCOUNTS.admin,
    });
    expect(reply.ok ? null : reply.error.message).toBe("Resolver has no definition for 'nope'.");
  });

  it('refuses unknown modules and malformed calls, naming them', async () => {
    await expect(
      fixture.host.invokeResolver({ moduleKey: 'nope', functionKey: 'visit', accountId: null }),
    ).rejects.toThrow(
      new HostError(
        'The manifest has no Custom UI module nope (it has tether-project-page, tether-issue-panel, tether-admin-page)',
      ),
    );
    await expect(
      fixture.host.invokeResolver({ moduleKey: 'tether-admin-page', functionKey: '', accountId: null }),
    ).rejects.toThrow(/Not a resolver call/);
  });

  it('runs each invocation as its own user, also when they overlap', async () => {
    const [a, b] = await Promise.all([
      fixture.host.invokeResolver({
        moduleKey: 'tether-project-page',
        functionKey: 'visit',
        accountId: DEMO_ACCOUNTS.lead,
      }),
      fixture.host.invokeResolver({
        moduleKey: 'tether-project-page',
        functionKey: 'visit',
        accountId: DEMO_ACCOUNTS.outsider,
      }),
    ]);
    expect(a?.ok && a.value).toMatchObject({ me: { accountId: 'local-lead' }, seen: { accountId: 'local-lead' } });
    expect(b?.ok && b.value).toMatchObject({
      me: { accountId: 'local-outsider' },
      seen: { accountId: 'local-outsider' },
    });
    expect(a?.counts.productCalls).toBe(1);
    expect(b?.counts.productCalls).toBe(1);
  });
});
