import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import api, { asApp, asUser, getAppContext, requestJira, route } from '@forge/api';
import { kvs, WhereConditions } from '@forge/kvs';
import { KvsService } from '../../../local/kvs/kvs-service';
import { installForgeRuntime, type ForgeHost, type ProductRequest } from '../../../local/runtime/install-forge-runtime';

const FIXTURE_MANIFEST = join(__dirname, '..', 'fixtures', 'manifest.yml');

let dataDir: string;
let service: KvsService;
let host: ForgeHost;
let seen: ProductRequest[];

/** A stand-in for the local Jira: echoes who asked, after a delay, so invocations interleave. */
async function fakeJira(request: ProductRequest) {
  seen.push(request);
  await new Promise((resolve) => setTimeout(resolve, request.path.includes('slow') ? 20 : 1));
  if (request.path.startsWith('/rest/api/3/missing'))
    return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"errorMessages":["nope"]}' };
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ asUser: request.asUser, method: request.method, path: request.path, body: request.body }),
  };
}

beforeEach(() => {
  seen = [];
  dataDir = mkdtempSync(join(tmpdir(), 'tether-runtime-'));
  // the runtime's counting, on a kind KVS (a query here must see the writes just made)
  service = KvsService.open({ dataDir, manifestPath: FIXTURE_MANIFEST, forge: 'lenient' });
  host = installForgeRuntime({
    kvs: service,
    product: fakeJira,
    site: { cloudId: 'cloud-1', installationId: 'inst-1' },
  });
});
afterEach(() => {
  host.uninstall();
  service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const lead = { accountId: 'acc-lead', moduleKey: 'project-page' };

describe('installForgeRuntime: product requests', () => {
  it('sends asUser() requests as the invocation user, asApp() and plain requestJira as the app', async () => {
    const replies = await host.runInvocation(lead, async () => [
      await (await asUser().requestJira(route`/rest/api/3/myself`)).json(),
      await (await asApp().requestJira(route`/rest/api/3/issue/${'TT-1'}?fields=status`)).json(),
      await (await requestJira(route`/rest/api/3/serverInfo`)).json(),
      await (await api.asUser('acc-other').requestJira(route`/rest/api/3/myself`)).json(),
    ]);
    expect(replies).toEqual([
      { asUser: 'acc-lead', method: 'GET', path: '/rest/api/3/myself', body: null },
      { asUser: null, method: 'GET', path: '/rest/api/3/issue/TT-1?fields=status', body: null },
      { asUser: null, method: 'GET', path: '/rest/api/3/serverInfo', body: null },
      { asUser: 'acc-other', method: 'GET', path: '/rest/api/3/myself', body: null },
    ]);
  });

  it('passes method, headers and body through, and the product status and body back', async () => {
    await host.runInvocation(lead, async () => {
      const res = await asUser().requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ jql: 'project = TT' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ method: 'POST', body: '{"jql":"project = TT"}' });
      const missing = await asApp().requestJira(route`/rest/api/3/missing`);
      expect(missing.status).toBe(404);
      expect(missing.ok).toBe(false);
    });
    expect(seen[0]?.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('keeps concurrent invocations apart: identity and counts', async () => {
    const run = (accountId: string, slow: boolean) =>
      host.runCounted({ accountId, moduleKey: 'issue-panel' }, async () => {
        const first = await (await asUser().requestJira(route`/rest/api/3/${slow ? 'slow' : 'fast'}`)).json();
        await kvs.set(`seen:${accountId}`, true);
        const second = await (await asUser().requestJira(route`/rest/api/3/myself`)).json();
        return [first, second];
      });
    const [a, b] = await Promise.all([run('acc-a', true), run('acc-b', false)]);
    expect(a.result.map((r) => r.asUser)).toEqual(['acc-a', 'acc-a']);
    expect(b.result.map((r) => r.asUser)).toEqual(['acc-b', 'acc-b']);
    expect(a.counts).toMatchObject({ kvsRoundTrips: 1, productCalls: 2 });
    expect(b.counts).toMatchObject({ kvsRoundTrips: 1, productCalls: 2 });
    expect(host.counters()).toMatchObject({ kvsRoundTrips: 2, productCalls: 4 });
  });

  it('fails clearly on asUser() without a user, on unknown targets and without a product handler', async () => {
    await expect(
      host.runInvocation({ accountId: null, moduleKey: 'nightly' }, () =>
        asUser().requestJira(route`/rest/api/3/myself`),
      ),
    ).rejects.toThrow(/asUser\(\) was called .* no user/);
    await expect(host.runInvocation(lead, () => asApp().requestGraph('{ me { id } }'))).rejects.toThrow(
      /no route for target/,
    );
    host.uninstall();
    host = installForgeRuntime({ kvs: service });
    await expect(host.runInvocation(lead, () => asApp().requestJira(route`/rest/api/3/myself`))).rejects.toThrow(
      /no product handler is installed/,
    );
  });
});

describe('installForgeRuntime: runtime and counting', () => {
  it('reports the invocation through getAppContext() and the runtime', async () => {
    const context = await host.runInvocation({ ...lead, invocationId: 'inv-1' }, () => getAppContext());
    expect(context.moduleKey).toBe('project-page');
    expect(context.invocationId).toBe('inv-1');
    expect(String(context.installationAri)).toBe('ari:cloud:ecosystem::installation/inst-1');
    expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(20_000);
  });

  it('counts every KVS round trip: a query page, a batch and a transaction count once each', async () => {
    const { counts } = await host.runCounted(lead, async () => {
      await kvs.set('a', 1);
      await kvs.get('a');
      await kvs.get('missing');
      for (let i = 0; i < 25; i += 1) await kvs.entity('employee').set(`e${i}`, { surname: 'S', age: i, team: 'red' });
      let cursor: string | undefined;
      do {
        const q = kvs.entity('employee').query().index('age').where(WhereConditions.greaterThanEqualTo(0)).limit(20);
        cursor = (await (cursor === undefined ? q : q.cursor(cursor)).getMany()).nextCursor;
      } while (cursor !== undefined);
      await kvs.batchGet([{ key: 'a' }, { key: 'e1', entityName: 'employee' }]);
      await kvs.transact().set('b', 2).delete('a').execute();
    });
    expect(counts.kvsRoundTrips).toBe(3 + 25 + 2 + 1 + 1);
    expect(counts.kvsByEndpoint).toEqual({
      '/api/v1/set': 1,
      '/api/v1/get': 2,
      '/api/v1/entity/set': 25,
      '/api/v1/entity/query': 2,
      '/api/v1/batch/get': 1,
      '/api/v1/transaction': 1,
    });
    host.resetCounters();
    await kvs.get('b');
    expect(host.counters().kvsRoundTrips).toBe(1);
    expect(host.currentInvocation()).toBeUndefined();
  });

  it('injects latency when asked (off by default) and counts waves: requests sent together are one', async () => {
    expect(host.latency()).toEqual({ kvsMs: 0, productMs: 0 });
    const answered: string[] = [];
    const stop = host.onKvsRequest((r) => answered.push(`${r.endpoint} ${r.writeUnits}w`));
    host.setLatency({ kvsMs: 30, productMs: 60 });
    const started = Date.now();
    const report = await host.runCounted(lead, async () => {
      await kvs.set('a', 1); // wave 1
      await Promise.all([kvs.get('a'), kvs.get('b'), kvs.set('c', 3)]); // wave 2
      await Promise.all([kvs.get('c'), asApp().requestJira(route`/rest/api/3/myself`)]); // wave 3, Jira alongside
    });
    const took = Date.now() - started;
    stop();
    expect(report.counts).toMatchObject({ kvsRoundTrips: 5, kvsWaves: 3, kvsWriteUnits: 2, productCalls: 1 });
    // three storage waves of 30 ms, the last one waiting for Jira's 60 ms
    expect(took).toBeGreaterThanOrEqual(2 * 30 + 60 - 5);
    expect(answered).toEqual(expect.arrayContaining(['/api/v1/set 1w', '/api/v1/get 0w']));
    expect(answered).toHaveLength(5);

    host.setLatency({ kvsMs: 0 });
    expect(host.latency()).toEqual({ kvsMs: 0, productMs: 60 });
    expect(() => host.setLatency({ productMs: -1 })).toThrow(/latency productMs must be ≥ 0/);
    // without latency every request is answered before the next is sent: a wave each
    const plain = await host.runCounted(lead, () => Promise.all([kvs.get('a'), kvs.get('b')]));
    expect(plain.counts).toMatchObject({ kvsRoundTrips: 2, kvsWaves: 2 });
  });

  it('serves @forge/kvs loaded after installation, which sends {type: "kvs"} with auth headers', async () => {
    await kvs.set('shared', 'from-first-copy');
    const installed = Reflect.get(globalThis, '__forge_fetch__');
    const calls: unknown[][] = [];
    Reflect.set(globalThis, '__forge_fetch__', (...args: unknown[]) => {
      calls.push(args);
      return typeof installed === 'function' ? installed(...args) : undefined;
    });
    await jest.isolateModulesAsync(async () => {
      const late = await import('@forge/kvs');
      expect(await late.kvs.get('shared')).toBe('from-first-copy');
    });
    expect(calls[0]?.[0]).toEqual({ type: 'kvs' });
    expect(calls[0]?.[2]).toMatchObject({ headers: { Authorization: 'Bearer local-forge-host', Host: 'kvs.local' } });
  });

  it('puts the globals back on uninstall', () => {
    host.uninstall();
    expect(Reflect.get(globalThis, '__forge_fetch__')).toBeUndefined();
    expect(Reflect.get(globalThis, '__forge_runtime__')).toBeUndefined();
    host = installForgeRuntime({ kvs: service });
  });
});
