/**
 * Strict mode's eventual consistency (docs/forge-fidelity.md, "Storage"): get and batch get see
 * every write at once; key-value and entity queries see a write, update or delete only after the
 * query lag (1 s of the host's clock by default) and the old value until then. The tests move the
 * injected clock instead of waiting.
 */
import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

interface Employee {
  surname: string;
  age: number;
  team: string;
}

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let now = T0;
let t: TestHost;
afterEach(() => t.stop());

const open = (options: { forge?: 'strict' | 'lenient'; queryLagMs?: number } = { forge: 'strict' }) => {
  now = T0;
  t = startTestHost({ ...options, clock: () => now, syncWrites: false });
};

const employees = () => kvs.entity<Employee>('employee');
const keysWith = async (prefix: string) =>
  (await kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(20).getMany()).results.map((r) => r.key);
const byAge = async () =>
  (await employees().query().index('age').limit(20).getMany()).results.map((r) => `${r.key}:${r.value.age}`);
const bySurname = async (prefix: string) =>
  (
    await employees().query().index('by-surname').where(WhereConditions.beginsWith(prefix)).limit(20).getMany()
  ).results.map((r) => r.key);

describe('strict: queries lag writes by a second', () => {
  beforeEach(() => open());

  it('shows a new key to get and batch get at once, to a query only once the lag has passed', async () => {
    await kvs.set('item:1', 'one');
    expect(await kvs.get('item:1')).toBe('one');
    expect((await kvs.batchGet([{ key: 'item:1' }])).successfulKeys).toHaveLength(1);
    expect(await keysWith('item:')).toEqual([]);
    now = T0 + 999;
    expect(await keysWith('item:')).toEqual([]);
    now = T0 + 1000;
    expect(await keysWith('item:')).toEqual(['item:1']);
  });

  it('keeps the old value in queries until an update has reached them', async () => {
    await kvs.set('item:1', 'old');
    now = T0 + 5000;
    await kvs.set('item:1', 'new');
    expect(await kvs.get('item:1')).toBe('new');
    expect((await kvs.query().where('key', WhereConditions.beginsWith('item:')).getMany()).results).toEqual([
      { key: 'item:1', value: 'old' },
    ]);
    now = T0 + 6000;
    expect((await kvs.query().where('key', WhereConditions.beginsWith('item:')).getMany()).results).toEqual([
      { key: 'item:1', value: 'new' },
    ]);
  });

  it('still shows a deleted key to queries, and no more after the lag', async () => {
    await kvs.set('item:1', 'x');
    now = T0 + 2000;
    await kvs.delete('item:1');
    expect(await kvs.get('item:1')).toBeUndefined();
    expect(await keysWith('item:')).toEqual(['item:1']);
    now = T0 + 3000;
    expect(await keysWith('item:')).toEqual([]);
  });

  it('moves an entity in its indexes only after the lag: the old position and value until then', async () => {
    await employees().set('e1', { surname: 'Smith', age: 30, team: 'red' });
    await employees().set('e2', { surname: 'Jones', age: 40, team: 'red' });
    now = T0 + 1000;
    expect(await byAge()).toEqual(['e1:30', 'e2:40']);

    await employees().set('e1', { surname: 'Taylor', age: 50, team: 'red' });
    expect(await employees().get('e1')).toEqual({ surname: 'Taylor', age: 50, team: 'red' });
    expect(await byAge()).toEqual(['e1:30', 'e2:40']);
    expect(await bySurname('T')).toEqual([]);
    expect(await bySurname('S')).toEqual(['e1']);

    now = T0 + 2000;
    expect(await byAge()).toEqual(['e2:40', 'e1:50']);
    expect(await bySurname('T')).toEqual(['e1']);
    expect(await bySurname('S')).toEqual([]);
  });

  it('applies changes to queries in the order they were made, a batch or transaction at once', async () => {
    await kvs.batchSet([
      { key: 'b:1', value: 1 },
      { key: 'b:2', value: 2 },
    ]);
    now = T0 + 500;
    await kvs.transact().delete('b:1').set('b:3', 3).execute();
    now = T0 + 1000;
    expect(await keysWith('b:')).toEqual(['b:1', 'b:2']);
    now = T0 + 1500;
    expect(await keysWith('b:')).toEqual(['b:2', 'b:3']);
  });

  it('checks transaction conditions and FAIL_IF_EXISTS against the latest values, not what queries see', async () => {
    await employees().set('e1', { surname: 'Smith', age: 30, team: 'red' });
    const refused = await failure(
      kvs
        .transact()
        .set(
          'e1',
          { surname: 'Again', age: 1, team: 'red' },
          { entityName: 'employee', conditions: new Filter<Employee>().and('surname', FilterConditions.notExists()) },
        )
        .execute(),
    );
    expect(refused.code).toBe('CONDITION_CHECK_FAILED');
    expect(
      (
        await failure(
          kvs.entity('employee').set('e1', { surname: 'X', age: 1, team: 'red' }, { keyPolicy: 'FAIL_IF_EXISTS' }),
        )
      ).code,
    ).toBe('KEY_ALREADY_EXISTS');
    expect(await byAge()).toEqual([]);
  });

  it('takes the lag from queryLagMs', async () => {
    t.stop();
    open({ forge: 'strict', queryLagMs: 5000 });
    await kvs.set('item:1', 'x');
    now = T0 + 4999;
    expect(await keysWith('item:')).toEqual([]);
    now = T0 + 5000;
    expect(await keysWith('item:')).toEqual(['item:1']);
  });

  it('shows a change at once when the clock is set back before it (a test restoring its clock)', async () => {
    now = T0 + 3_600_000;
    await kvs.set('item:1', 'x');
    now = T0;
    expect(await keysWith('item:')).toEqual(['item:1']);
  });

  it('shows everything that was on disk from the start after a restart', async () => {
    await kvs.set('item:1', 'x');
    expect(await keysWith('item:')).toEqual([]);
    t.restart({ forge: 'strict', clock: () => now, syncWrites: false });
    expect(await keysWith('item:')).toEqual(['item:1']);
  });
});

describe('lenient: queries see every write at once', () => {
  beforeEach(() => open({ forge: 'lenient' }));

  it('shows a set, an update and a delete to the next query', async () => {
    await kvs.set('item:1', 'x');
    expect(await keysWith('item:')).toEqual(['item:1']);
    await employees().set('e1', { surname: 'Smith', age: 30, team: 'red' });
    await employees().set('e1', { surname: 'Smith', age: 31, team: 'red' });
    expect(await byAge()).toEqual(['e1:31']);
    await kvs.delete('item:1');
    expect(await keysWith('item:')).toEqual([]);
    expect(t.service.queryLagMs).toBe(0);
  });
});
