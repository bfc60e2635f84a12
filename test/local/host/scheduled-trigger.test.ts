import { HostError } from '../../../local/host/create-host';
import { readKvs, useFixtureHost } from './host-test-kit';

const fixture = useFixtureHost();

describe('runScheduledTrigger', () => {
  it('runs the trigger function on demand with the scheduled-trigger request, as the app', async () => {
    const first = await fixture.host.runScheduledTrigger('nightly-reconcile');
    expect(first.ok && first.value).toEqual({
      moduleKey: 'nightly-reconcile',
      cloudId: 'tether-local-cloud',
      runs: 1,
      issues: 5,
      principal: null,
    });
    expect(first.counts).toMatchObject({
      kvsRoundTrips: 2,
      productCalls: 1,
      productByRoute: { 'jira GET /rest/api/3/search/jql': 1 },
    });
    // The function's timeoutSeconds (900) applies, not the 25 s of resolvers.
    expect(first.invocation).toMatchObject({
      accountId: null,
      moduleKey: 'nightly-reconcile',
      functionKey: 'nightly',
      timeoutMs: 900_000,
    });

    const second = await fixture.host.runScheduledTrigger('nightly-reconcile');
    expect(second.ok && second.value).toMatchObject({ runs: 2 });
    expect(await readKvs(fixture.host, 'nightly-runs')).toBe(2);
    expect(fixture.host.invocations().filter((r) => r.kind === 'scheduledTrigger')).toHaveLength(2);
  });

  it('names the scheduled triggers there are when asked for another', async () => {
    await expect(fixture.host.runScheduledTrigger('hourly')).rejects.toThrow(
      new HostError('The manifest has no scheduled trigger hourly (it has nightly-reconcile)'),
    );
  });
});
