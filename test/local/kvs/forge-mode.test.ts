/**
 * The switch between strict and lenient storage: `TETHER_FORGE`, createHost's `forge` option and
 * KvsService's. The default is strict (issue 12): as harsh as Forge and Jira unless asked otherwise.
 */
import { kvs } from '@forge/kvs';
import { HostError } from '../../../local/host/create-host';
import { DEFAULT_QUERY_LAG_MS } from '../../../local/kvs/kvs-service';
import { FORGE_KVS_QUOTAS } from '../../../local/kvs/quotas';
import { DEFAULT_FORGE_MODE, forgeModeFromEnvironment } from '../../../local/runtime/forge-mode';
import { fixtureHost, removeDataDir, tempDataDir } from '../host/host-test-kit';
import { failure } from './failure';
import { startTestHost } from './kvs-test-host';

describe('TETHER_FORGE', () => {
  it('reads strict or lenient (any case, spaces ignored) and gives the default when unset or empty', () => {
    expect(DEFAULT_FORGE_MODE).toBe('strict');
    expect(forgeModeFromEnvironment({})).toBe('strict');
    expect(forgeModeFromEnvironment({ TETHER_FORGE: '' })).toBe('strict');
    expect(forgeModeFromEnvironment({ TETHER_FORGE: 'strict' })).toBe('strict');
    expect(forgeModeFromEnvironment({ TETHER_FORGE: ' Strict ' })).toBe('strict');
    expect(forgeModeFromEnvironment({ TETHER_FORGE: 'lenient' })).toBe('lenient');
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => forgeModeFromEnvironment({ TETHER_FORGE: 'harsh' })).toThrow(
      'TETHER_FORGE="harsh" is not a mode: give strict or lenient',
    );
  });
});

describe('the KVS service', () => {
  it('is strict unless told: Forge quotas and query lag; lenient when asked: neither', () => {
    // no mode named (the test kit names lenient otherwise)
    const t = startTestHost({ forge: undefined });
    try {
      expect(t.service.forge).toBe('strict');
      expect(t.service.quotas).toEqual(FORGE_KVS_QUOTAS);
      expect(t.service.queryLagMs).toBe(DEFAULT_QUERY_LAG_MS);
    } finally {
      t.stop();
    }
    const kind = startTestHost({ forge: 'lenient' });
    try {
      expect(kind.service.quotas).toBeNull();
      expect(kind.service.queryLagMs).toBe(0);
    } finally {
      kind.stop();
    }
  });

  it('in strict mode has Forge quotas and a second of query lag, each adjustable', () => {
    const strict = startTestHost({ forge: 'strict' });
    try {
      expect(strict.service.quotas).toEqual(FORGE_KVS_QUOTAS);
      expect(strict.service.queryLagMs).toBe(DEFAULT_QUERY_LAG_MS);
    } finally {
      strict.stop();
    }
    const tuned = startTestHost({ forge: 'strict', quotas: { writeUnitsPerMinute: 10 }, queryLagMs: 0 });
    try {
      expect(tuned.service.quotas).toEqual({ ...FORGE_KVS_QUOTAS, writeUnitsPerMinute: 10 });
      expect(tuned.service.queryLagMs).toBe(0);
    } finally {
      tuned.stop();
    }
    const noQuotas = startTestHost({ forge: 'strict', quotas: false });
    try {
      expect(noQuotas.service.quotas).toBeNull();
      expect(noQuotas.service.queryLagMs).toBe(DEFAULT_QUERY_LAG_MS);
    } finally {
      noQuotas.stop();
    }
  });
});

describe('createHost', () => {
  const saved = process.env.TETHER_FORGE;
  afterEach(() => {
    if (saved === undefined) delete process.env.TETHER_FORGE;
    else process.env.TETHER_FORGE = saved;
  });

  it('takes the mode from TETHER_FORGE, and from its forge option before that', async () => {
    const dir = tempDataDir();
    try {
      // no mode named (the test kit names lenient otherwise): the variable decides
      process.env.TETHER_FORGE = 'strict';
      let host = fixtureHost(dir, { forge: undefined });
      expect(host.forge).toBe('strict');
      expect(host.kvs.forge).toBe('strict');
      await host.close();
      host = fixtureHost(dir, { forge: 'lenient' });
      expect(host.forge).toBe('lenient');
      expect(host.kvs.quotas).toBeNull();
      await host.close();
      process.env.TETHER_FORGE = 'lenient';
      host = fixtureHost(dir, { forge: undefined });
      expect(host.forge).toBe('lenient');
      await host.close();
      delete process.env.TETHER_FORGE;
      host = fixtureHost(dir, { forge: undefined });
      expect(host.forge).toBe('strict');
      await host.close();
    } finally {
      removeDataDir(dir);
    }
  });

  it('refuses a TETHER_FORGE it does not know with a HostError', () => {
    process.env.TETHER_FORGE = 'sometimes';
    const dir = tempDataDir();
    try {
      expect(() => fixtureHost(dir, { forge: undefined })).toThrow(HostError);
      expect(() => fixtureHost(dir, { forge: undefined })).toThrow(/TETHER_FORGE="sometimes"/);
    } finally {
      removeDataDir(dir);
    }
  });

  it('passes the KVS settings through, and the app meets the quotas through the real SDK', async () => {
    const dir = tempDataDir();
    const host = fixtureHost(dir, { forge: 'strict', kvs: { quotas: { writeUnitsPerMinute: 2 }, queryLagMs: 250 } });
    try {
      expect(host.kvs.queryLagMs).toBe(250);
      const writes = await host.runtime.runCounted({ accountId: null, moduleKey: 'quota-test' }, async () => {
        await kvs.set('a', 1);
        await kvs.set('b', 2);
        return failure(kvs.set('c', 3));
      });
      expect(writes.result.code).toBe('RATE_LIMIT_EXCEEDED');
      expect(writes.counts).toMatchObject({ kvsRoundTrips: 3, kvsWriteUnits: 2, kvsRateLimited: 1 });
    } finally {
      await host.close();
      removeDataDir(dir);
    }
  });
});
