import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { failure } from './failure';
import { startTestHost, type TestHost } from './kvs-test-host';

interface Employee {
  surname: string;
  age: number;
  team: string;
  score?: number;
  active?: boolean;
  notes?: unknown;
}

let t: TestHost;
beforeEach(() => {
  t = startTestHost();
});
afterEach(() => t.stop());

const employees = () => kvs.entity<Employee>('employee');
type Where = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;

/** 45 employees: ages 20..64, teams alternating red/blue/green, surnames S00..S44. */
async function seed45(): Promise<void> {
  const teams = ['red', 'blue', 'green'];
  for (let i = 0; i < 45; i += 1) {
    await employees().set(`e${String(i).padStart(2, '0')}`, {
      surname: `S${String(i).padStart(2, '0')}`,
      age: 20 + i,
      team: teams[i % 3] ?? 'red',
      active: i % 2 === 0,
      score: i / 4,
    });
  }
}

/** Follows cursors to the end, returning each page's keys. */
async function allPages(
  run: (cursor: string | undefined) => Promise<{ results: { key: string }[]; nextCursor?: string }>,
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await run(cursor);
    pages.push(page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

describe('custom entities: values', () => {
  it('sets, gets and deletes an entity value, apart from plain keys of the same name', async () => {
    await employees().set('e1', { surname: 'Davis', age: 30, team: 'red', notes: { anything: [1, 'two'] } });
    expect(await employees().get('e1')).toEqual({
      surname: 'Davis',
      age: 30,
      team: 'red',
      notes: { anything: [1, 'two'] },
    });
    expect(await kvs.get('e1')).toBeUndefined();
    await employees().delete('e1');
    expect(await employees().get('e1')).toBeUndefined();
    await expect(employees().delete('e1')).resolves.toBeUndefined();
  });

  it('refuses values that do not match the declared attributes', async () => {
    const bad: unknown[] = [
      'not an object',
      { surname: 'X', age: 30.5, team: 'red' },
      { surname: 'X', age: 2 ** 31, team: 'red' },
      { surname: 7, age: 30, team: 'red' },
      { surname: 'X', age: 30, team: 'red', salary: 10 },
      { surname: 'X', age: 30, team: 'red', active: 'yes' },
    ];
    for (const value of bad) {
      const refused = await failure(kvs.entity<unknown>('employee').set('bad', value));
      expect(refused.code).toBe('INVALID_ENTITY_VALUE');
    }
    expect(await employees().get('bad')).toBeUndefined();
  });

  it('refuses an entity the manifest does not declare, and an empty key', async () => {
    expect((await failure(kvs.entity('ghost').set('k', { a: 1 }))).code).toBe('INVALID_ENTITY_TYPE');
    expect((await failure(employees().set('', { surname: 'X', age: 1, team: 'red' }))).code).toBe('EMPTY_KEY');
  });
});

describe('custom entities: queries', () => {
  beforeEach(seed45);

  it('pages 45 items of a simple index in 3 pages (20, 20, 5) in range order, and backwards with DESC', async () => {
    const asc = await allPages((c) => {
      const q = employees().query().index('age').limit(20);
      return (c === undefined ? q : q.cursor(c)).getMany();
    });
    expect(asc.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(asc.flat()).toEqual(Array.from({ length: 45 }, (_, i) => `e${String(i).padStart(2, '0')}`));

    const desc = await allPages((c) => {
      const q = employees().query().index('age').sort(Sort.DESC).limit(20);
      return (c === undefined ? q : q.cursor(c)).getMany();
    });
    expect(desc.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(desc.flat()).toEqual(asc.flat().reverse());
  });

  it('applies each where condition to the range attribute', async () => {
    const ages = async (where: Where) => {
      const pages = await allPages((c) => {
        const q = employees().query().index('age').where(where).limit(20);
        return (c === undefined ? q : q.cursor(c)).getMany();
      });
      return pages.flat().map((key) => 20 + Number(key.slice(1)));
    };
    expect(await ages(WhereConditions.equalTo(33))).toEqual([33]);
    expect(await ages(WhereConditions.between(30, 33))).toEqual([30, 31, 32, 33]);
    expect(await ages(WhereConditions.greaterThan(61))).toEqual([62, 63, 64]);
    expect(await ages(WhereConditions.greaterThanEqualTo(62))).toEqual([62, 63, 64]);
    expect(await ages(WhereConditions.lessThan(22))).toEqual([20, 21]);
    expect(await ages(WhereConditions.lessThanEqualTo(22))).toEqual([20, 21, 22]);
  });

  it('queries a string range with beginsWith', async () => {
    const page = await employees()
      .query()
      .index('by-surname')
      .where(WhereConditions.beginsWith('S1'))
      .limit(20)
      .getMany();
    expect(page.results.map((r) => r.value.surname)).toEqual(Array.from({ length: 10 }, (_, i) => `S1${i}`));
    expect(page.nextCursor).toBeUndefined();
  });

  it('queries a partitioned index: only the partition asked for, ordered by its range', async () => {
    const pages = await allPages((c) => {
      const q = employees()
        .query()
        .index('by-team-age', { partition: ['blue'] })
        .where(WhereConditions.greaterThan(40))
        .limit(5);
      return (c === undefined ? q : q.cursor(c)).getMany();
    });
    const keys = pages.flat();
    const expected = Array.from({ length: 45 }, (_, i) => i).filter((i) => i % 3 === 1 && 20 + i > 40);
    expect(keys).toEqual(expected.map((i) => `e${String(i).padStart(2, '0')}`));
    expect(pages[0]).toHaveLength(5);
  });

  it('refuses a partitioned index without its partition, an unknown index and a cursor from another query', async () => {
    expect((await failure(employees().query().index('by-team-age').getMany())).code).toBe('INVALID_ENTITY_INDEX');
    expect((await failure(employees().query().index('by-nothing').getMany())).code).toBe('INVALID_ENTITY_INDEX');
    const first = await employees().query().index('age').limit(20).getMany();
    const refused = await failure(
      employees()
        .query()
        .index('by-surname')
        .cursor(first.nextCursor ?? '')
        .getMany(),
    );
    expect(refused.code).toBe('INVALID_CURSOR');
  });

  it('filters with and/or on other attributes; following cursors gives exactly the matches', async () => {
    const activeAndHighScore = new Filter<Employee>()
      .and('active', FilterConditions.equalTo(true))
      .and('score', FilterConditions.greaterThan(5));
    const pages = await allPages((c) => {
      const q = employees().query().index('age').filters(activeAndHighScore).limit(20);
      return (c === undefined ? q : q.cursor(c)).getMany();
    });
    const expected = Array.from({ length: 45 }, (_, i) => i).filter((i) => i % 2 === 0 && i / 4 > 5);
    expect(pages.flat()).toEqual(expected.map((i) => `e${String(i).padStart(2, '0')}`));
    // The limit bounds the entries a page looks at; the filter then drops some of them.
    expect(pages[0]?.length).toBeLessThan(20);
    expect(pages).toHaveLength(3);

    const redOrOld = new Filter<Employee>()
      .or('team', FilterConditions.equalTo('red'))
      .or('age', FilterConditions.greaterThanEqualTo(63));
    const all = (
      await allPages((c) => {
        const q = employees().query().index('age').filters(redOrOld).limit(20);
        return (c === undefined ? q : q.cursor(c)).getMany();
      })
    ).flat();
    expect(all).toEqual(
      Array.from({ length: 45 }, (_, i) => i)
        .filter((i) => i % 3 === 0 || 20 + i >= 63)
        .map((i) => `e${String(i).padStart(2, '0')}`),
    );
  });

  it('supports the other filter conditions', async () => {
    await employees().set('x1', { surname: 'Xavier', age: 99, team: 'red', notes: ['alpha', 'beta'] });
    const keysWith = async (filter: Filter<Employee> | ReturnType<Filter<Employee>['and']>) =>
      (
        await allPages((c) => {
          const q = employees().query().index('age').where(WhereConditions.greaterThan(60)).filters(filter).limit(20);
          return (c === undefined ? q : q.cursor(c)).getMany();
        })
      ).flat();
    const f = () => new Filter<Employee>();
    expect(await keysWith(f().and('notes', FilterConditions.exists()))).toEqual(['x1']);
    expect(await keysWith(f().and('notes', FilterConditions.notExists()))).toEqual(['e41', 'e42', 'e43', 'e44']);
    expect(await keysWith(f().and('notes', FilterConditions.contains('beta')))).toEqual(['x1']);
    expect(await keysWith(f().and('surname', FilterConditions.beginsWith('Xa')))).toEqual(['x1']);
    expect(
      await keysWith(
        f().and('surname', FilterConditions.notEqualTo('S41')).and('team', FilterConditions.notContains('ree')),
      ),
    ).toEqual(['e42', 'e43', 'x1']);
    expect(await keysWith(f().and('score', FilterConditions.between(10.25, 10.75)))).toEqual(['e41', 'e42', 'e43']);
    expect(
      await keysWith(f().and('age', FilterConditions.lessThanEqualTo(62)).and('age', FilterConditions.lessThan(62))),
    ).toEqual(['e41']);
  });

  it('reindexes a value whose range attribute changes, and forgets a deleted one', async () => {
    await employees().set('e00', { surname: 'S00', age: 100, team: 'red' });
    await employees().delete('e01');
    const last = await employees().query().index('age').sort(Sort.DESC).getOne();
    expect(last?.key).toBe('e00');
    const first = await employees().query().index('age').limit(2).getMany();
    expect(first.results.map((r) => r.key)).toEqual(['e02', 'e03']);
  });
});

describe('custom entities: larger indexes', () => {
  it('pages 1,200 items forwards and backwards, in order, through a partition and a range condition', async () => {
    for (let start = 0; start < 1200; start += 25) {
      await kvs.batchSet<Employee>(
        Array.from({ length: 25 }, (_, j) => {
          const i = start + j;
          // Ages in a scrambled order, so that inserts land all over the index.
          return {
            key: `big${String(i).padStart(4, '0')}`,
            entityName: 'employee',
            value: { surname: `B${i}`, age: (i * 7919) % 1200, team: i % 2 === 0 ? 'even' : 'odd' },
          };
        }),
      );
    }
    const read = async (sort: Sort) =>
      (
        await allPages((c) => {
          const q = employees()
            .query()
            .index('by-team-age', { partition: ['even'] })
            .where(WhereConditions.greaterThanEqualTo(100))
            .sort(sort)
            .limit(20);
          return (c === undefined ? q : q.cursor(c)).getMany();
        })
      ).flat();
    const expected = Array.from({ length: 1200 }, (_, i) => i)
      .filter((i) => i % 2 === 0 && (i * 7919) % 1200 >= 100)
      .sort((a, b) => ((a * 7919) % 1200) - ((b * 7919) % 1200) || a - b)
      .map((i) => `big${String(i).padStart(4, '0')}`);
    expect(await read(Sort.ASC)).toEqual(expected);
    expect(await read(Sort.DESC)).toEqual([...expected].reverse());
  });
});
