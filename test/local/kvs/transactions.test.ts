import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

interface Employee {
  surname: string;
  age: number;
  team: string;
}

let t: TestHost;
beforeEach(async () => {
  t = startTestHost();
  await kvs.entity<Employee>('employee').set('ann', { surname: 'Smith', age: 30, team: 'red' });
  await kvs.entity<Employee>('employee').set('bob', { surname: 'Jones', age: 40, team: 'blue' });
  await kvs.set('counter', 1);
});
afterEach(() => t.stop());

const employee = { entityName: 'employee' };
const where = () => new Filter<Employee>();

describe('kvs.transact()', () => {
  it('applies sets and deletes on plain keys and entities together', async () => {
    await kvs
      .transact()
      .set('counter', 2)
      .set('cid', { surname: 'Brown', age: 25, team: 'red' }, employee)
      .delete('bob', employee)
      .delete('never-existed')
      .execute();
    expect(await kvs.get('counter')).toBe(2);
    expect(await kvs.entity('employee').get('cid')).toEqual({ surname: 'Brown', age: 25, team: 'red' });
    expect(await kvs.entity('employee').get('bob')).toBeUndefined();
  });

  it('applies an operation whose conditions hold', async () => {
    await kvs
      .transact()
      .set(
        'ann',
        { surname: 'Smith', age: 31, team: 'red' },
        { ...employee, conditions: where().and('age', FilterConditions.equalTo(30)) },
      )
      .check('bob', { ...employee, conditions: where().and('team', FilterConditions.equalTo('blue')) })
      .execute();
    expect(await kvs.entity<Employee>('employee').get('ann')).toMatchObject({ age: 31 });
  });

  it('changes nothing when a condition fails', async () => {
    const refused = await failure(
      kvs
        .transact()
        .set('counter', 99)
        .delete('ann', employee)
        .set(
          'bob',
          { surname: 'Jones', age: 41, team: 'blue' },
          { ...employee, conditions: where().and('age', FilterConditions.equalTo(39)) },
        )
        .execute(),
    );
    expect(refused.code).toBe('CONDITION_CHECK_FAILED');
    expect(refused.responseDetails.status).toBe(409);
    expect(await kvs.get('counter')).toBe(1);
    expect(await kvs.entity('employee').get('ann')).toBeDefined();
    expect(await kvs.entity<Employee>('employee').get('bob')).toMatchObject({ age: 40 });
  });

  it('changes nothing when a check fails, including a check of a missing key', async () => {
    for (const key of ['ann', 'nobody']) {
      const refused = await failure(
        kvs
          .transact()
          .set('counter', 5)
          .check(key, { ...employee, conditions: where().and('team', FilterConditions.equalTo('green')) })
          .execute(),
      );
      expect(refused.code).toBe('CONDITION_CHECK_FAILED');
    }
    expect(await kvs.get('counter')).toBe(1);
  });

  it('lets a NOT_EXISTS condition guard a create, and an OR group pass on either branch', async () => {
    const create = () =>
      kvs
        .transact()
        .set(
          'dan',
          { surname: 'Dale', age: 50, team: 'red' },
          { ...employee, conditions: where().and('surname', FilterConditions.notExists()) },
        )
        .execute();
    await create();
    expect((await failure(create())).code).toBe('CONDITION_CHECK_FAILED');
    await kvs
      .transact()
      .delete('dan', {
        ...employee,
        conditions: where().or('age', FilterConditions.lessThan(10)).or('team', FilterConditions.equalTo('red')),
      })
      .execute();
    expect(await kvs.entity('employee').get('dan')).toBeUndefined();
  });

  it('refuses an empty transaction and invalid values inside one, writing nothing', async () => {
    expect((await failure(kvs.transact().execute())).code).toBe('EMPTY_OPERATIONS');
    const refused = await failure(
      kvs.transact().set('counter', 7).set('eve', { surname: 'E', age: 'old', team: 'red' }, employee).execute(),
    );
    expect(refused.code).toBe('INVALID_ENTITY_VALUE');
    expect(await kvs.get('counter')).toBe(1);
  });
});

describe('batch operations', () => {
  it('sets, gets and deletes across plain keys and entities, reporting per-key failures', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { surname: 'Two', age: 2, team: 'red' }, entityName: 'employee' },
      { key: 'bad/key', value: 3 },
      { key: 'b4', value: { surname: 'Four', age: 'x', team: 'red' }, entityName: 'employee' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2', entityName: 'employee' }]);
    expect(set.failedKeys.map((f) => [f.key, f.error.code])).toEqual([
      ['bad/key', 'INVALID_KEY'],
      ['b4', 'INVALID_ENTITY_VALUE'],
    ]);

    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'b2', entityName: 'employee' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { surname: 'Two', age: 2, team: 'red' }, entityName: 'employee' },
    ]);
    expect(got.failedKeys).toEqual([
      { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } },
    ]);

    const deleted = await kvs.batchDelete([{ key: 'b1' }, { key: 'b2', entityName: 'employee' }, { key: 'missing' }]);
    expect(deleted.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2', entityName: 'employee' }]);
    expect(deleted.failedKeys.map((f) => f.error.code)).toEqual(['KEY_NOT_FOUND']);
    expect(await kvs.get('b1')).toBeUndefined();
  });
});
