/**
 * A small typed repository over one Forge custom entity (@forge/kvs).
 *
 * Each record is stored as an envelope: the index attributes the manifest declares for the
 * entity (see entities.yml), `version` (an integer attribute) and `data` (the record, type
 * `any`). `version` is an attribute so that a transaction can carry a condition on it: Forge
 * transaction conditions are filters on entity attributes (`@forge/kvs` `Filter` with
 * `FilterConditions`), and they exist for custom entities only, not for plain keys.
 *
 * Versions: a record that is not stored has version 0; the first write stores version 1 and
 * every write adds one. `put(record, expectedVersion)` succeeds only when the stored version is
 * still `expectedVersion` (0: the record must not exist), else it throws VersionConflict.
 */
import { Sort, type WhereConditions } from '@forge/kvs';
import { kvs } from './kvs';
import type { z } from 'zod';
import { Envelope, versionCondition, versionOf, type Versioned } from './entity-envelope';
import { StoreTransaction } from './store-transaction';
import { checkKey, isKeyNotFound, STORAGE_LIMITS } from './storage-limits';

export type IndexValue = string | number;
/** A range condition on an index, built with @forge/kvs `WhereConditions`. */
export type RangeCondition = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;

export type { Versioned } from './entity-envelope';

export interface IndexSpec {
  partition: readonly string[];
  range: string;
}

export interface EntitySpec<T extends Versioned> {
  /** The entity's name in the manifest (entities.yml). */
  name: string;
  /** How errors name a record: `the workgroup "platform"`. */
  describe(key: string): string;
  /** Parses a stored record (its `data`); whatever it was written with, it is read back through this. */
  schema: z.ZodType<T>;
  key(record: T): string;
  /** The index attributes kept beside the record; exactly those declared in entities.yml. */
  attributes(record: T): Record<string, IndexValue>;
  indexes: Readonly<Record<string, IndexSpec>>;
}

/** A stored record that no longer matches its schema: a bug or a migration that is missing. */
export class StoredRecordInvalid extends Error {
  override readonly name = 'StoredRecordInvalid';
}

export interface QueryOptions {
  /** One value per partition attribute of the index, in order. */
  partition?: readonly IndexValue[];
  range?: RangeCondition;
  sort?: 'ASC' | 'DESC';
  /** Stop after this many records (whole pages are read, the rest of the last one is dropped). */
  limit?: number;
}

export class EntityRepository<T extends Versioned> {
  constructor(readonly spec: EntitySpec<T>) {}

  /** The record, or null when it is not stored. */
  async get(key: string): Promise<T | null> {
    checkKey(key);
    const raw: unknown = await kvs.entity<unknown>(this.spec.name).get(key);
    return raw === undefined ? null : this.decode(key, raw);
  }

  /** The stored version of a record, 0 when it is not stored. */
  async storedVersion(key: string): Promise<number> {
    checkKey(key);
    return versionOf(await kvs.entity<unknown>(this.spec.name).get(key));
  }

  /** The stored records among `keys` (missing ones are left out), in batches of 25. */
  async getMany(keys: readonly string[]): Promise<Map<string, T>> {
    const unique = [...new Set(keys)];
    unique.forEach(checkKey);
    const found = new Map<string, T>();
    for (let i = 0; i < unique.length; i += STORAGE_LIMITS.batchMaxItems) {
      const chunk = unique.slice(i, i + STORAGE_LIMITS.batchMaxItems);
      const result = await kvs.batchGet<unknown>(chunk.map((key) => ({ key, entityName: this.spec.name })));
      const failed = result.failedKeys.filter((f) => !isKeyNotFound(f.error.code));
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(
          `Reading ${failed.length} ${this.spec.name} record(s) failed; the first, ${first?.key}: ${first?.error.code} ${first?.error.message}`,
        );
      }
      for (const item of result.successfulKeys) found.set(item.key, this.decode(item.key, item.value));
    }
    return found;
  }

  /**
   * Every record in an index (within a partition, optionally a range), reading page after page
   * until the end. Cursors live only inside this call.
   */
  async query(indexName: string, options: QueryOptions = {}): Promise<T[]> {
    const index = this.spec.indexes[indexName];
    if (index === undefined)
      throw new Error(
        `Entity ${this.spec.name} has no index ${indexName} (it has ${Object.keys(this.spec.indexes).join(', ')})`,
      );
    const partition = options.partition ?? [];
    if (partition.length !== index.partition.length) {
      throw new Error(
        `Index ${indexName} of ${this.spec.name} is partitioned by ${index.partition.length} attribute(s) (${index.partition.join(', ')}); got ${partition.length} value(s)`,
      );
    }
    const records: T[] = [];
    let cursor: string | undefined;
    do {
      let builder = kvs
        .entity<unknown>(this.spec.name)
        .query()
        .index(indexName, partition.length > 0 ? { partition: [...partition] } : undefined)
        .limit(STORAGE_LIMITS.queryPageLimit)
        .sort(options.sort === 'DESC' ? Sort.DESC : Sort.ASC);
      if (options.range !== undefined) builder = builder.where(options.range);
      if (cursor !== undefined) builder = builder.cursor(cursor);
      const page = await builder.getMany();
      for (const item of page.results) records.push(this.decode(item.key, item.value));
      cursor = page.nextCursor;
    } while (cursor !== undefined && cursor !== '' && (options.limit === undefined || records.length < options.limit));
    if (options.limit !== undefined) records.length = Math.min(records.length, options.limit);
    return records;
  }

  /**
   * Writes the record if its stored version is still `expectedVersion` (0: it must not exist yet)
   * and returns it with its new version. Throws VersionConflict when someone else wrote first,
   * and a LIMIT failure when the record is too large for Forge storage.
   */
  async put(record: T, expectedVersion: number): Promise<T> {
    const tx = new StoreTransaction().put(this, record, expectedVersion);
    await tx.execute();
    return this.withVersion(record, expectedVersion + 1);
  }

  /** Deletes the record; with `expectedVersion`, only if it is still that version (VersionConflict otherwise). */
  async delete(key: string, expectedVersion?: number): Promise<void> {
    checkKey(key);
    if (expectedVersion === undefined) {
      await kvs.entity<unknown>(this.spec.name).delete(key);
      return;
    }
    await new StoreTransaction().remove(this, key, expectedVersion).execute();
  }

  /** A transaction for changes to several records (this entity's and others, and plain keys). */
  transaction(): StoreTransaction {
    return new StoreTransaction();
  }

  /** The envelope stored for a record at a version. */
  encode(record: T, version: number): Envelope {
    return { ...this.spec.attributes(record), version, data: this.withVersion(record, version) };
  }

  withVersion(record: T, version: number): T {
    return { ...record, version };
  }

  /** The condition that the stored version is `expectedVersion` (0: nothing is stored). */
  versionCondition(expectedVersion: number) {
    return versionCondition(expectedVersion);
  }

  private decode(key: string, raw: unknown): T {
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success)
      throw new StoredRecordInvalid(
        `Stored ${this.spec.name} ${key} is not a versioned record: ${envelope.error.message}`,
      );
    const record = this.spec.schema.safeParse(envelope.data.data);
    if (!record.success) {
      const where = record.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
      throw new StoredRecordInvalid(`Stored ${this.spec.name} ${key} does not match its schema: ${where}`);
    }
    return this.withVersion(record.data, envelope.data.version);
  }
}
