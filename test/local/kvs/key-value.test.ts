import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

let now = Date.UTC(2026, 0, 5, 9, 0, 0);
let t: TestHost;
beforeEach(() => {
  t = startTestHost({ clock: () => now });
});
afterEach(() => t.stop());

describe('key-value pairs through @forge/kvs', () => {
  it('sets, gets and deletes values of every JSON kind', async () => {
    const values = ['text', 42, 1.5, true, false, ['a', 1], { nested: { list: [1, 2] } }];
    for (const [i, value] of values.entries()) await kvs.set(`k:${i}`, value);
    for (const [i, value] of values.entries()) expect(await kvs.get(`k:${i}`)).toEqual(value);
    await kvs.delete('k:0');
    expect(await kvs.get('k:0')).toBeUndefined();
  });

  it('answers a missing key with KEY_NOT_FOUND, which the SDK turns into undefined on get and success on delete', async () => {
    expect(await kvs.get('nothing-here')).toBeUndefined();
    await expect(kvs.delete('nothing-here')).resolves.toBeUndefined();
    // The wire answer itself, as the SDK saw it:
    const reply = t.service.handle('/api/v1/get', JSON.stringify({ key: 'nothing-here' }));
    expect(reply).toMatchObject({
      status: 404,
      body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
    });
  });

  it('overwrites a value, keeping its creation time and moving its update time', async () => {
    await kvs.set('doc', { v: 1 });
    now += 5_000;
    await kvs.set('doc', { v: 2 });
    const got = await kvs.get('doc', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT] });
    expect(got).toEqual({
      key: 'doc',
      value: { v: 2 },
      createdAt: Math.floor((now - 5_000) / 1000),
      updatedAt: Math.floor(now / 1000),
    });
  });

  it('returns the previous or latest value when asked, and refuses FAIL_IF_EXISTS on an existing key', async () => {
    expect(await kvs.set('r', 'one', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('r', 'two', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({
      key: 'r',
      value: 'one',
    });
    expect(await kvs.set('r', 'three', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({
      key: 'r',
      value: 'three',
    });
    const refused = await failure(kvs.set('r', 'four', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(refused.code).toBe('KEY_ALREADY_EXISTS');
    expect(await kvs.get('r')).toBe('three');
    await kvs.set('fresh', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('fresh')).toBe(1);
  });

  it('expires a value after its TTL and reports the expiry time', async () => {
    await kvs.set('session', 'x', { ttl: { value: 2, unit: 'MINUTES' } });
    expect(await kvs.get('session', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({
      key: 'session',
      value: 'x',
      expireTime: new Date(now + 120_000).toISOString(),
    });
    now += 120_000;
    expect(await kvs.get('session')).toBeUndefined();
  });

  it('keeps secrets apart from plain keys and out of queries', async () => {
    await kvs.setSecret('token', 'shh');
    expect(await kvs.getSecret('token')).toBe('shh');
    expect(await kvs.get('token')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
  });
});

describe('key-value queries', () => {
  beforeEach(async () => {
    for (let i = 0; i < 45; i += 1) await kvs.set(`item:${String(i).padStart(2, '0')}`, i);
    await kvs.set('other:1', 'x');
    await kvs.set('zzz', 'y');
  });

  it('pages through 45 keys with a prefix in 3 pages of at most 20, in key order, ending without a cursor', async () => {
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(20);
      if (cursor !== undefined) q = q.cursor(cursor);
      const page = await q.getMany<number>();
      pages.push(page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(Array.from({ length: 45 }, (_, i) => i));
  });

  it('returns 10 items by default and caps larger limits at 20 per page', async () => {
    expect((await kvs.query().getMany()).results).toHaveLength(10);
    const capped = await kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(100).getMany();
    expect(capped.results).toHaveLength(20);
    expect(capped.nextCursor).toBeDefined();
  });

  it('refuses a limit outside 1..100 as Forge does', async () => {
    for (const limit of [0, 101, 2.5]) {
      const refused = await failure(kvs.query().limit(limit).getMany());
      expect(refused.code).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
      expect(refused.responseDetails.status).toBe(400);
    }
  });

  it('gives the first match with getOne and sees writes made between pages without repeating items', async () => {
    expect(await kvs.query().where('key', WhereConditions.beginsWith('other:')).getOne()).toEqual({
      key: 'other:1',
      value: 'x',
    });
    const first = await kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(20).getMany<number>();
    await kvs.delete('item:25');
    await kvs.set('item:30a', 300);
    const cursor = first.nextCursor ?? '';
    const second = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('item:'))
      .limit(20)
      .cursor(cursor)
      .getMany<number>();
    expect(second.results.map((r) => r.key)).not.toContain('item:19');
    expect(second.results.map((r) => r.key)).not.toContain('item:25');
    expect(second.results.map((r) => r.key)).toContain('item:30a');
  });

  it('refuses a cursor it did not issue', async () => {
    const refused = await failure(kvs.query().cursor('not-a-cursor').getMany());
    expect(refused.code).toBe('INVALID_CURSOR');
  });
});
