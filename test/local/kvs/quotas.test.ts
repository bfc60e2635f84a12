/**
 * Forge's per-installation storage quotas in strict mode (docs/forge-fidelity.md, "Storage"):
 * 1,000 requests a second, 4,000 read and 4,000 write units a minute (a unit is 10 KB of request,
 * rounded up), 45 batch sets a minute, 1 MB/s written and 12 MB/s read per key; over any of
 * them HTTP 429 RATE_LIMIT_EXCEEDED, which @forge/kvs turns into a ForgeKvsAPIError. Windows run on
 * the host's clock, so these tests move the clock instead of waiting.
 */
import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import type { CallCounts } from '../../../local/runtime/install-forge-runtime';
import { setProcessClock } from '../../../local/runtime/process-clock';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let now = T0;
let t: TestHost;
afterEach(() => t.stop());

const strict = () => {
  now = T0;
  t = startTestHost({ forge: 'strict', clock: () => now, syncWrites: false });
};
const lenient = () => {
  now = T0;
  t = startTestHost({ clock: () => now, syncWrites: false });
};

/** Runs `fn` as one invocation and returns what it cost. */
async function cost(fn: () => Promise<unknown>): Promise<CallCounts> {
  return (await t.host.runCounted({ accountId: null, moduleKey: 'quota-test' }, fn)).counts;
}

/** A value whose `kvs.set(key, value)` request body is exactly `bytes` long. */
function valueForBody(key: string, bytes: number): string {
  const overhead = JSON.stringify({ key, value: '' }).length;
  return 'x'.repeat(bytes - overhead);
}

const KB = 1000;

describe('units: 10 KB of request, rounded up', () => {
  beforeEach(strict);

  it('counts a 65 KB set as 7 write units, 10 KB as 1 and one byte more as 2', async () => {
    expect((await cost(() => kvs.set('a', valueForBody('a', 65 * KB)))).kvsWriteUnits).toBe(7);
    expect((await cost(() => kvs.set('b', valueForBody('b', 10 * KB)))).kvsWriteUnits).toBe(1);
    expect((await cost(() => kvs.set('c', valueForBody('c', 10 * KB + 1)))).kvsWriteUnits).toBe(2);
    const small = await cost(() => kvs.set('d', 1));
    expect(small).toMatchObject({ kvsRoundTrips: 1, kvsWriteUnits: 1, kvsReadUnits: 0 });
  });

  it('counts reads by what they read: a 65 KB value is 7 read units, a missing key 1', async () => {
    await kvs.set('big', valueForBody('big', 65 * KB));
    const read = await cost(() => kvs.get('big'));
    expect(read).toMatchObject({ kvsReadUnits: 7, kvsWriteUnits: 0 });
    expect((await cost(() => kvs.get('nothing'))).kvsReadUnits).toBe(1);
    expect((await cost(() => kvs.delete('big'))).kvsWriteUnits).toBe(1);
  });

  it('counts a batch as one request: ten 0.9 KB values cost 10 write units one by one and 1 in a batch', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ key: `item-${i}`, value: 'v'.repeat(900) }));
    const oneByOne = await cost(async () => {
      for (const item of items) await kvs.set(item.key, item.value);
    });
    expect(oneByOne).toMatchObject({ kvsRoundTrips: 10, kvsWriteUnits: 10 });
    const batched = await cost(() => kvs.batchSet(items));
    expect(batched).toMatchObject({ kvsRoundTrips: 1, kvsWriteUnits: 1 });
    const read = await cost(() => kvs.batchGet(items.map((i) => ({ key: i.key }))));
    expect(read).toMatchObject({ kvsRoundTrips: 1, kvsReadUnits: 1, kvsWriteUnits: 0 });
  });

  it('counts a transaction as one write by its size, and a query page by what it returns', async () => {
    const tx = kvs.transact();
    for (let i = 0; i < 25; i += 1) tx.set(`tx-${i}`, 'w'.repeat(2 * KB));
    expect(await cost(() => tx.execute())).toMatchObject({ kvsRoundTrips: 1, kvsWriteUnits: 6, kvsReadUnits: 0 });
    now += 1000; // queries see writes a second later (query-lag.test.ts)
    const page = await cost(() => kvs.query().where('key', WhereConditions.beginsWith('tx-')).limit(20).getMany());
    expect(page).toMatchObject({ kvsRoundTrips: 1, kvsReadUnits: 5, kvsWriteUnits: 0 });
    expect(
      (await cost(() => kvs.query().where('key', WhereConditions.beginsWith('none-')).getMany())).kvsReadUnits,
    ).toBe(1);
  });

  it('counts what a filtered entity query page looked at, not only what the filters kept', async () => {
    const employees = kvs.entity<{ surname: string; age: number; team: string; notes: string }>('employee');
    for (let i = 0; i < 20; i += 1)
      await employees.set(`e${i}`, {
        surname: `S${i}`,
        age: 20 + i,
        team: i === 0 ? 'red' : 'blue',
        notes: 'n'.repeat(5 * KB),
      });
    now += 1000;
    const onlyRed = new Filter<{ team: string }>().and('team', FilterConditions.equalTo('red'));
    let results: unknown[] = [];
    const page = await cost(async () => {
      results = (await employees.query().index('age').filters(onlyRed).limit(20).getMany()).results;
    });
    expect(results).toHaveLength(1);
    expect(page.kvsReadUnits).toBe(11); // 20 values of about 5 KB looked at
  });

  it('reports units in lenient mode too, where nothing is refused', async () => {
    t.stop();
    lenient();
    const counts = await cost(() => kvs.set('a', valueForBody('a', 65 * KB)));
    expect(counts).toMatchObject({ kvsWriteUnits: 7, kvsRateLimited: 0 });
    expect(t.host.counters()).toMatchObject({ kvsRoundTrips: 1, kvsWriteUnits: 7, kvsReadUnits: 0 });
  });
});

describe('the write quota: 4,000 units a minute', () => {
  beforeEach(strict);

  /** A batch of 25 values of 150 KB: 376 write units, under the 4 MB request limit. */
  const bigBatch = (n: number) =>
    Array.from({ length: 25 }, (_, i) => ({ key: `w${n}-${i}`, value: 'x'.repeat(150 * KB) }));

  it('answers 429 RATE_LIMIT_EXCEEDED once a minute holds 4,000, writes nothing then, and takes writes again after the minute', async () => {
    const unitsOfOne = (await cost(() => kvs.batchSet(bigBatch(0)))).kvsWriteUnits;
    expect(unitsOfOne).toBe(376);
    let batches = 1;
    for (; batches * unitsOfOne + unitsOfOne <= 4000; batches += 1) await kvs.batchSet(bigBatch(batches));
    expect(batches).toBe(10);

    const refused = await failure(kvs.batchSet(bigBatch(99)));
    expect(refused.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.responseDetails.status).toBe(429);
    expect(refused.message).toMatch(/3760 of 4000 write units/);
    expect(await kvs.get('w99-0')).toBeUndefined();
    // A small write still fits (3,760 + 1), the next big one does not; reads have their own quota.
    await kvs.set('small', 1);
    expect((await failure(kvs.batchSet(bigBatch(98)))).code).toBe('RATE_LIMIT_EXCEEDED');
    expect(await kvs.get('small')).toBe(1);

    now = T0 + 59_999;
    expect((await failure(kvs.batchSet(bigBatch(99)))).code).toBe('RATE_LIMIT_EXCEEDED');
    now = T0 + 60_000; // the first minute's writes leave the window
    await kvs.batchSet(bigBatch(99));
    expect(await kvs.get('w99-0')).toHaveLength(150 * KB);
  });

  it('counts a refused request as a round trip and rate-limited, with no units', async () => {
    for (let n = 0; n < 10; n += 1) await kvs.batchSet(bigBatch(n));
    const counts = await cost(async () => {
      await failure(kvs.batchSet(bigBatch(10)));
      await failure(kvs.batchSet(bigBatch(11)));
    });
    expect(counts).toMatchObject({ kvsRoundTrips: 2, kvsRateLimited: 2, kvsWriteUnits: 0, kvsReadUnits: 0 });
  });

  it('keeps its window on the process clock when the service has no clock of its own', async () => {
    t.stop();
    t = startTestHost({ forge: 'strict', syncWrites: false });
    const restore = setProcessClock(T0);
    try {
      for (let n = 0; n < 10; n += 1) await kvs.batchSet(bigBatch(n));
      expect((await failure(kvs.batchSet(bigBatch(10)))).code).toBe('RATE_LIMIT_EXCEEDED');
      setProcessClock(T0 + 61_000);
      await expect(kvs.batchSet(bigBatch(10))).resolves.toMatchObject({ failedKeys: [] });
    } finally {
      restore();
    }
  });
});

describe('the read quota: 4,000 units a minute', () => {
  beforeEach(strict);

  it('refuses the query page that would pass 4,000 read units, then answers again after the minute', async () => {
    await kvs.batchSet(
      Array.from({ length: 20 }, (_, i) => ({ key: `r-${String(i).padStart(2, '0')}`, value: 'r'.repeat(9 * KB) })),
    );
    now = T0 + 1000; // queries see writes a second later
    const page = () => kvs.query().where('key', WhereConditions.beginsWith('r-')).limit(20).getMany();
    const unitsOfPage = (await cost(page)).kvsReadUnits;
    expect(unitsOfPage).toBe(19);
    let used = unitsOfPage;
    while (used + unitsOfPage <= 4000) {
      await page();
      used += unitsOfPage;
    }
    const refused = await failure(page());
    expect(refused.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.responseDetails.status).toBe(429);
    // Writes have their own quota.
    await kvs.set('still-writable', true);
    now = T0 + 61_000;
    expect((await page()).results).toHaveLength(20);
  });
});

describe('the request rate: 1,000 requests a second', () => {
  beforeEach(strict);

  it('refuses the 1,001st request within a second, whatever its size, and takes requests again a second later', async () => {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => kvs.get(`k${i}`)));
    const refused = await failure(kvs.get('one-more'));
    expect(refused.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.message).toMatch(/more than 1000 requests in a second/);
    now = T0 + 999;
    expect((await failure(kvs.set('one-more', 1))).code).toBe('RATE_LIMIT_EXCEEDED');
    now = T0 + 1000;
    await kvs.set('one-more', 1);
    expect(await kvs.get('one-more')).toBe(1);
  });
});

describe('batch operations: 45 a minute', () => {
  beforeEach(strict);

  it('refuses the 46th batch set of a minute; batch get and delete are not held to it', async () => {
    for (let i = 0; i < 45; i += 1) await kvs.batchSet([{ key: `b${i}`, value: i }]);
    const refused = await failure(kvs.batchSet([{ key: 'b45', value: 45 }]));
    expect(refused.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.message).toMatch(/45 batch set operations in a minute/);
    for (let i = 0; i < 50; i += 1) await kvs.batchGet([{ key: `b${i % 45}` }]);
    await kvs.batchDelete([{ key: 'b1' }]);
    await kvs.set('single', 1); // single requests are not batch operations
    now = T0 + 60_000;
    await kvs.batchSet([{ key: 'b45', value: 45 }]);
    expect(await kvs.get('b45')).toBe(45);
  });
});

describe('per key: 1 MB/s written, 12 MB/s read', () => {
  beforeEach(strict);

  it('refuses a fifth 240 KB write to one key within a second, but not to another key, and takes it a second later', async () => {
    const value = 'h'.repeat(240 * 1024 - 2);
    for (let i = 0; i < 4; i += 1) await kvs.set('hot', value);
    const refused = await failure(kvs.set('hot', value));
    expect(refused.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.message).toMatch(/bytes a second written to key "hot"/);
    await kvs.set('cold', value);
    now = T0 + 1000;
    await kvs.set('hot', value);
  });

  it('refuses a read of one key past 12 MB in a second', async () => {
    const value = 'h'.repeat(240 * 1024 - 2);
    await kvs.set('popular', value);
    now = T0 + 1000;
    let reads = 0;
    for (; reads < 100; reads += 1) {
      const answer = await kvs.get('popular').catch((e: unknown) => e);
      if (typeof answer !== 'string') break;
    }
    expect(reads).toBe(48); // 48 × 245.8 KB ≤ 12 MB < 49 × that
    now = T0 + 2000;
    expect(await kvs.get('popular')).toHaveLength(value.length);
  });
});

describe('lenient mode', () => {
  beforeEach(lenient);

  it('refuses nothing: 1,001 requests in a second and 5,000 write units in a minute', async () => {
    await Promise.all(Array.from({ length: 1001 }, (_, i) => kvs.get(`k${i}`)));
    for (let n = 0; n < 14; n += 1)
      await kvs.batchSet(Array.from({ length: 25 }, (_, i) => ({ key: `l${n}-${i}`, value: 'x'.repeat(150 * KB) })));
    expect(t.host.counters()).toMatchObject({ kvsRateLimited: 0, kvsWriteUnits: 14 * 376 });
  });
});
