import { kvs } from '@forge/kvs';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

let t: TestHost;
beforeEach(() => {
  t = startTestHost();
});
afterEach(() => t.stop());

const KIB = 1024;

/** `depth` nested objects around a string: nest(31) is 31 levels deep. */
const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: nest(depth - 1) });

describe('the limits Forge documents, enforced through @forge/kvs', () => {
  it('accepts a key of 500 characters and refuses one of 501 with KEY_TOO_LONG', async () => {
    await kvs.set('k'.repeat(500), 1);
    expect(await kvs.get('k'.repeat(500))).toBe(1);
    const refused = await failure(kvs.set('k'.repeat(501), 1));
    expect(refused.code).toBe('KEY_TOO_LONG');
    expect(refused.responseDetails.status).toBe(400);
    expect((await failure(kvs.get('k'.repeat(501)))).code).toBe('KEY_TOO_LONG');
  });

  it('accepts the documented key characters and refuses others, empty and blank keys', async () => {
    await kvs.set('Aa0:._- #x', 1);
    expect(await kvs.get('Aa0:._- #x')).toBe(1);
    for (const key of ['a/b', 'é', 'a?b', '   ']) expect((await failure(kvs.set(key, 1))).code).toBe('INVALID_KEY');
    expect((await failure(kvs.set('', 1))).code).toBe('KEY_TOO_SHORT');
  });

  it('accepts a value of exactly 240 KiB as JSON and refuses one byte more with MAX_SIZE', async () => {
    const atLimit = 'x'.repeat(240 * KIB - 2); // plus the two quotes of the JSON string
    await kvs.set('big', atLimit);
    expect(await kvs.get('big')).toHaveLength(240 * KIB - 2);
    const refused = await failure(kvs.set('bigger', `${atLimit}x`));
    expect(refused.code).toBe('MAX_SIZE');
    expect(await kvs.get('bigger')).toBeUndefined();
  });

  it('refuses a value nested deeper than 31 levels with MAX_DEPTH', async () => {
    await kvs.set('deep', nest(31));
    const refused = await failure(kvs.set('deeper', nest(32)));
    expect(refused.code).toBe('MAX_DEPTH');
    expect(refused.responseDetails.status).toBe(400);
    expect(await kvs.get('deeper')).toBeUndefined();
  });

  it('counts arrays as levels, and a scalar as none', async () => {
    const arrays = (depth: number): unknown => (depth === 0 ? 1 : [arrays(depth - 1)]);
    await kvs.set('arrays', arrays(31));
    expect((await failure(kvs.set('arrays-deeper', arrays(32)))).code).toBe('MAX_DEPTH');
    const mixed = (depth: number): unknown =>
      depth === 0 ? {} : depth % 2 === 0 ? { m: mixed(depth - 1) } : [mixed(depth - 1)];
    await kvs.set('mixed', mixed(30)); // the innermost {} is level 31
    expect((await failure(kvs.set('mixed-deeper', mixed(31)))).code).toBe('MAX_DEPTH');
  });

  it('refuses a too-deep value in a batch (that item only) and in a transaction (all of it)', async () => {
    const batch = await kvs.batchSet([
      { key: 'ok', value: nest(31) },
      { key: 'too-deep', value: nest(32) },
    ]);
    expect(batch.successfulKeys).toEqual([{ key: 'ok' }]);
    expect(batch.failedKeys).toEqual([
      { key: 'too-deep', error: { code: 'MAX_DEPTH', message: expect.stringMatching(/maximum object depth \(31\)/) } },
    ]);
    const refused = await failure(kvs.transact().set('tx-ok', 1).set('tx-deep', nest(32)).execute());
    expect(refused.code).toBe('MAX_DEPTH');
    expect(await kvs.get('tx-ok')).toBeUndefined();
  });

  it('counts an entity value itself as the first level', async () => {
    const employees = kvs.entity<{ surname: string; age: number; team: string; notes: unknown }>('employee');
    await employees.set('deep', { surname: 'D', age: 1, team: 'red', notes: nest(30) });
    expect((await failure(employees.set('deeper', { surname: 'D', age: 1, team: 'red', notes: nest(31) }))).code).toBe(
      'MAX_DEPTH',
    );
  });

  it('takes 32-bit signed integers for integer attributes, from -2,147,483,648 to 2,147,483,647', async () => {
    const employees = kvs.entity<{ surname: string; age: number; team: string }>('employee');
    await employees.set('min', { surname: 'A', age: -2147483648, team: 'red' });
    await employees.set('max', { surname: 'B', age: 2147483647, team: 'red' });
    expect((await employees.get('max'))?.age).toBe(2147483647);
    for (const age of [2147483648, -2147483649, 1.5, 2 ** 53]) {
      const refused = await failure(employees.set('out', { surname: 'C', age, team: 'red' }));
      expect(refused.code).toBe('INVALID_ENTITY_VALUE');
      expect(refused.message).toMatch(/32-bit signed integer/);
    }
    const batch = await kvs.batchSet([
      { key: 'in', value: { surname: 'D', age: 7, team: 'red' }, entityName: 'employee' },
      { key: 'over', value: { surname: 'E', age: 2147483648, team: 'red' }, entityName: 'employee' },
    ]);
    expect(batch.failedKeys.map((f) => [f.key, f.error.code])).toEqual([['over', 'INVALID_ENTITY_VALUE']]);
    const refused = await failure(
      kvs
        .transact()
        .set('tx-in', { surname: 'F', age: 1, team: 'red' }, { entityName: 'employee' })
        .set('tx-over', { surname: 'G', age: -2147483649, team: 'red' }, { entityName: 'employee' })
        .execute(),
    );
    expect(refused.code).toBe('INVALID_ENTITY_VALUE');
    expect(await employees.get('tx-in')).toBeUndefined();
  });

  it('refuses a null value', async () => {
    expect((await failure(kvs.set('nothing', null))).code).toBe('BAD_REQUEST');
  });

  it('runs a transaction of 25 operations and refuses 26, writing nothing', async () => {
    const tx25 = kvs.transact();
    for (let i = 0; i < 25; i += 1) tx25.set(`tx:${i}`, i);
    await tx25.execute();
    expect(await kvs.get('tx:24')).toBe(24);

    const tx26 = kvs.transact();
    for (let i = 0; i < 26; i += 1) tx26.set(`big-tx:${i}`, i);
    const refused = await failure(tx26.execute());
    expect(refused.code).toBe('TOO_MANY_OPERATIONS');
    expect(refused.message).toMatch(/at most 25 operations; this one has 26/);
    expect(await kvs.get('big-tx:0')).toBeUndefined();
  });

  it('refuses a transaction naming a key twice', async () => {
    const refused = await failure(kvs.transact().set('dup', 1).delete('dup').execute());
    expect(refused.code).toBe('DUPLICATE_KEY');
    expect(await kvs.get('dup')).toBeUndefined();
  });

  it('runs a batch of 25 keys and refuses 26, an empty batch and a batch naming a key twice', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `b:${i}`, value: i }));
    expect((await kvs.batchSet(items(25))).successfulKeys).toHaveLength(25);
    expect((await failure(kvs.batchSet(items(26)))).code).toBe('TOO_MANY_OPERATIONS');
    expect((await failure(kvs.batchGet([]))).code).toBe('EMPTY_OPERATIONS');
    expect((await failure(kvs.batchDelete([{ key: 'b:1' }, { key: 'b:1' }]))).code).toBe('DUPLICATE_KEY');
  });

  it('refuses a request payload over 4 MB', async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({ key: `p:${i}`, value: 'y'.repeat(230 * KIB) }));
    const refused = await failure(kvs.batchSet(items));
    expect(refused.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused.responseDetails.status).toBe(413);
  });
});
