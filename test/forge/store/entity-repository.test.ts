/**
 * The entity repository on the real @forge/kvs, against the local host's KVS with the entities
 * of src/forge/store/entities.yml (through the test manifest).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { AppFailure, VersionConflict } from '../../../src/app/app-failure';
import { EntityRepository, StoredRecordInvalid, type EntitySpec } from '../../../src/forge/store/entity-repository';
import { KeyValueStore } from '../../../src/forge/store/key-value-store';
import { StoreTransaction } from '../../../src/forge/store/store-transaction';
import { asPersona, asPersonaCounted, queriesCaughtUp, useAppHost } from '../../support/app-host';

const Named = z.object({ id: z.string(), name: z.string(), note: z.string().default(''), version: z.number().int() });
type Named = z.infer<typeof Named>;

/** A test record kind over the `workgroup` entity (name index). */
const namedSpec: EntitySpec<Named> = {
  name: 'workgroup',
  describe: (key) => `the test record "${key}"`,
  schema: Named,
  key: (r) => r.id,
  attributes: (r) => ({ name: r.name.toLowerCase() }),
  indexes: { 'by-name': { partition: [], range: 'name' } },
};

const Day = z.object({ objectiveId: z.string(), day: z.string(), progress: z.number(), version: z.number().int() });
type Day = z.infer<typeof Day>;

/** A test record kind over the `snapshot` entity (partition objectiveId, range day). */
const daySpec: EntitySpec<Day> = {
  name: 'snapshot',
  describe: (key) => `the snapshot ${key}`,
  schema: Day,
  key: (r) => `${r.objectiveId}:${r.day}`,
  attributes: (r) => ({ objectiveId: r.objectiveId, day: r.day }),
  indexes: { 'by-objective': { partition: ['objectiveId'], range: 'day' } },
};

const named = new EntityRepository(namedSpec);
const days = new EntityRepository(daySpec);
const rec = (id: string, over: Partial<Named> = {}): Named => ({
  id,
  name: `Name ${id}`,
  note: '',
  version: 0,
  ...over,
});

const app = useAppHost();
const run = <T>(fn: () => Promise<T>) => asPersona(app.host, 'admin', fn);

describe('get and put with versions', () => {
  it('reads null for a missing record, creates at version 1 and counts every write', async () => {
    await run(async () => {
      expect(await named.get('a')).toBeNull();
      const created = await named.put(rec('a'), 0);
      expect(created.version).toBe(1);
      expect(await named.get('a')).toEqual({ ...rec('a'), version: 1 });
      const updated = await named.put({ ...created, note: 'second' }, 1);
      expect(updated.version).toBe(2);
      expect(await named.get('a')).toEqual({ ...rec('a'), note: 'second', version: 2 });
      expect(await named.storedVersion('a')).toBe(2);
      expect(await named.storedVersion('nope')).toBe(0);
    });
  });

  it('stores the index attributes, the version and the record', async () => {
    await run(async () => {
      await named.put(rec('a', { name: 'Platform' }), 0);
      expect(await kvs.entity('workgroup').get('a')).toEqual({
        name: 'platform',
        version: 1,
        data: { ...rec('a', { name: 'Platform' }), version: 1 },
      });
    });
  });

  it('refuses to create what exists, and to write from a stale version, keeping the stored record', async () => {
    await run(async () => {
      await named.put(rec('a'), 0);
      await expect(named.put(rec('a', { note: 'again' }), 0)).rejects.toThrow(
        new VersionConflict('the test record "a"', 0, 1),
      );
      await named.put(rec('a', { note: 'v2' }), 1);
      const stale = named.put(rec('a', { note: 'stale' }), 1);
      await expect(stale).rejects.toBeInstanceOf(VersionConflict);
      await expect(stale).rejects.toMatchObject({
        code: 'CONFLICT',
        message:
          'the test record "a" was changed by someone else (you had version 1, it is now 2); reload and try again',
      });
      await expect(named.put(rec('b'), 3)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'the test record "b" was deleted by someone else; reload',
      });
      expect(await named.get('a')).toMatchObject({ note: 'v2', version: 2 });
      expect(await named.get('b')).toBeNull();
    });
  });

  it('lets exactly one of two concurrent writers from the same version win', async () => {
    await run(() => named.put(rec('a'), 0));
    const results = await Promise.allSettled([
      run(() => named.put(rec('a', { note: 'first' }), 1)),
      run(() => named.put(rec('a', { note: 'second' }), 1)),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(VersionConflict);
    const stored = await run(() => named.get('a'));
    expect(stored?.version).toBe(2);
    expect(won[0]?.status === 'fulfilled' && won[0].value.note).toBe(stored?.note);
  });

  it('deletes, with or without a version guard', async () => {
    await run(async () => {
      await named.put(rec('a'), 0);
      await named.put(rec('b'), 0);
      await expect(named.delete('a', 2)).rejects.toBeInstanceOf(VersionConflict);
      expect(await named.get('a')).not.toBeNull();
      await named.delete('a', 1);
      await named.delete('b');
      await named.delete('never-there');
      expect(await named.get('a')).toBeNull();
      expect(await named.get('b')).toBeNull();
    });
  });

  it('says which stored record no longer matches its schema', async () => {
    await run(async () => {
      await kvs.entity('workgroup').set('bad', { name: 'bad', version: 1, data: { id: 'bad' } });
      await kvs.entity('workgroup').set('bare', { name: 'bare' });
      await expect(named.get('bad')).rejects.toThrow(StoredRecordInvalid);
      await expect(named.get('bad')).rejects.toThrow(/Stored workgroup bad does not match its schema: name: /);
      await expect(named.get('bare')).rejects.toThrow(/Stored workgroup bare is not a versioned record/);
    });
  });
});

describe('size limit', () => {
  const noteOf = (bytes: number) => 'x'.repeat(bytes);
  const envelopeBytes = (r: Named) => Buffer.byteLength(JSON.stringify(named.encode(r, 1)), 'utf8');

  it('stores a record just under 240 KiB and refuses one just over it with a LIMIT failure, writing nothing', async () => {
    const base = envelopeBytes(rec('big'));
    const under = rec('big', { note: noteOf(240 * 1024 - base - 10) });
    const over = rec('big2', { note: noteOf(240 * 1024 - base + 10) });
    expect(envelopeBytes(under)).toBeLessThanOrEqual(240 * 1024);
    expect(envelopeBytes(over)).toBeGreaterThan(240 * 1024);
    await run(async () => {
      expect((await named.put(under, 0)).version).toBe(1);
      expect((await named.get('big'))?.note.length).toBe(under.note.length);
      const refused = named.put(over, 0);
      await expect(refused).rejects.toBeInstanceOf(AppFailure);
      await expect(refused).rejects.toMatchObject({
        code: 'LIMIT',
        message: `the test record "big2" is too large to store: ${envelopeBytes(over).toLocaleString('en-US')} bytes, and Forge storage holds at most 245,760 bytes (240 KiB) per record`,
      });
      expect(await named.get('big2')).toBeNull();
    });
  });
});

describe('getMany', () => {
  it('reads in batches of 25 and leaves out missing keys', async () => {
    await run(async () => {
      for (let i = 0; i < 55; i += 1) await named.put(rec(`r${i}`), 0);
    });
    const keys = [...Array.from({ length: 55 }, (_, i) => `r${i}`), 'missing-1', 'missing-2', 'r3'];
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () => named.getMany(keys));
    expect(result.size).toBe(55);
    expect(result.get('r54')).toMatchObject({ id: 'r54', version: 1 });
    expect(result.has('missing-1')).toBe(false);
    expect(counts.kvsByEndpoint['/api/v1/batch/get']).toBe(3);
  });

  it('reads nothing for no keys', async () => {
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () => named.getMany([]));
    expect(result.size).toBe(0);
    expect(counts.kvsRoundTrips).toBe(0);
  });
});

describe('query', () => {
  it('reads every page of an index (45 records, 20 per page)', async () => {
    await run(async () => {
      for (let i = 0; i < 45; i += 1)
        await named.put(rec(`w${String(i).padStart(2, '0')}`, { name: `Group ${String(i).padStart(2, '0')}` }), 0);
    });
    // the paging is under test, not the lag: the records were stored before the query
    await queriesCaughtUp(app);
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () => named.query('by-name'));
    expect(result.map((r) => r.id)).toEqual(Array.from({ length: 45 }, (_, i) => `w${String(i).padStart(2, '0')}`));
    expect(counts.kvsByEndpoint['/api/v1/entity/query']).toBe(3);
    const desc = await run(() => named.query('by-name', { sort: 'DESC' }));
    expect(desc[0]?.id).toBe('w44');
  });

  it('queries within a partition and a range', async () => {
    await run(async () => {
      for (const objectiveId of ['O-1', 'O-2']) {
        for (let d = 1; d <= 30; d += 1)
          await days.put(
            { objectiveId, day: `2026-10-${String(d).padStart(2, '0')}`, progress: d / 30, version: 0 },
            0,
          );
      }
      // the paging is under test, not the lag: the records were stored before the query
      await queriesCaughtUp(app);
      const all = await days.query('by-objective', { partition: ['O-1'] });
      expect(all).toHaveLength(30);
      expect(all.every((r) => r.objectiveId === 'O-1')).toBe(true);
      const some = await days.query('by-objective', {
        partition: ['O-2'],
        range: WhereConditions.between('2026-10-05', '2026-10-26'),
      });
      expect(some.map((r) => r.day)).toEqual(
        Array.from({ length: 22 }, (_, i) => `2026-10-${String(i + 5).padStart(2, '0')}`),
      );
      const latest = await days.query('by-objective', {
        partition: ['O-2'],
        range: WhereConditions.greaterThan('2026-10-28'),
        sort: 'DESC',
      });
      expect(latest.map((r) => r.day)).toEqual(['2026-10-30', '2026-10-29']);
      expect(await days.query('by-objective', { partition: ['O-3'] })).toEqual([]);
    });
  });

  it('refuses an unknown index or the wrong number of partition values', async () => {
    await run(async () => {
      await expect(days.query('by-day', { partition: ['O-1'] })).rejects.toThrow(
        'Entity snapshot has no index by-day (it has by-objective)',
      );
      await expect(days.query('by-objective')).rejects.toThrow(
        'Index by-objective of snapshot is partitioned by 1 attribute(s) (objectiveId); got 0 value(s)',
      );
    });
  });
});

describe('transactions', () => {
  it('changes several records and plain keys together, or nothing when one guard fails', async () => {
    const store = new KeyValueStore();
    await run(async () => {
      await named.put(rec('a'), 0);
      await new StoreTransaction()
        .put(named, rec('a', { note: 'together' }), 1)
        .put(named, rec('b'), 0)
        .setKey('project:WEB:a', 'a')
        .execute();
      expect(await named.get('a')).toMatchObject({ note: 'together', version: 2 });
      expect(await named.get('b')).toMatchObject({ version: 1 });
      expect(await store.get('project:WEB:a', z.string())).toBe('a');

      const failing = new StoreTransaction()
        .put(named, rec('b', { note: 'lost?' }), 1)
        .check(named, 'a', 1)
        .deleteKey('project:WEB:a')
        .setKey('project:MOB:b', 'b');
      await expect(failing.execute()).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('the test record "a" was changed by someone else'),
      });
      expect(await named.get('b')).toMatchObject({ note: '', version: 1 });
      expect(await store.get('project:WEB:a', z.string())).toBe('a');
      expect(await store.get('project:MOB:b', z.string())).toBeNull();

      await new StoreTransaction().remove(named, 'a', 2).remove(named, 'b').deleteKey('project:WEB:a').execute();
      expect(await named.get('a')).toBeNull();
      expect(await named.get('b')).toBeNull();
    });
  });

  it('refuses more than 25 operations before sending anything', async () => {
    const tx = new StoreTransaction();
    for (let i = 0; i < 26; i += 1) tx.put(named, rec(`t${i}`), 0);
    const { counts } = await asPersonaCounted(app.host, 'admin', async () => {
      await expect(tx.execute()).rejects.toMatchObject({
        code: 'LIMIT',
        message:
          'This change needs 26 storage operations, and Forge allows at most 25 in one transaction; make it in smaller steps',
      });
    });
    expect(counts.kvsRoundTrips).toBe(0);
    const tx25 = new StoreTransaction();
    for (let i = 0; i < 25; i += 1) tx25.put(named, rec(`t${i}`), 0);
    await run(() => tx25.execute());
    expect((await run(() => named.getMany(Array.from({ length: 25 }, (_, i) => `t${i}`)))).size).toBe(25);
  });

  it('refuses to touch one record twice', () => {
    expect(() => new StoreTransaction().put(named, rec('a'), 0).remove(named, 'a')).toThrow(
      'A transaction touches workgroup a twice',
    );
  });
});

describe('plain keys', () => {
  it('reads, writes, deletes and lists by prefix to the end', async () => {
    const store = new KeyValueStore();
    await run(async () => {
      for (let i = 0; i < 45; i += 1) await store.set(`project:WEB:wg-${String(i).padStart(2, '0')}`, `wg-${i}`);
      await store.set('project:WEBX:other', 'other');
      await store.set('settings-note', { text: 'hello' });
      expect(await store.get('settings-note', z.object({ text: z.string() }))).toEqual({ text: 'hello' });
      expect(await store.get('nothing', z.string())).toBeNull();
      await expect(store.get('settings-note', z.string())).rejects.toThrow(StoredRecordInvalid);
    });
    // the paging is under test, not the lag: the records were stored before the query
    await queriesCaughtUp(app);
    const { result, counts } = await asPersonaCounted(app.host, 'admin', () =>
      store.listByPrefix('project:WEB:', z.string()),
    );
    expect(result).toHaveLength(45);
    expect(result[0]).toEqual({ key: 'project:WEB:wg-00', value: 'wg-0' });
    expect(counts.kvsByEndpoint['/api/v1/query']).toBe(3);
    await run(async () => {
      await store.delete('project:WEBX:other');
      await queriesCaughtUp(app);
      expect(await store.listByPrefix('project:WEBX:', z.string())).toEqual([]);
      await expect(store.set('huge', 'x'.repeat(241 * 1024))).rejects.toMatchObject({ code: 'LIMIT' });
    });
  });
});
