/**
 * Plain Forge keys (not custom entities): typed reads, writes and prefix listings. Plain keys
 * cannot carry transaction conditions, so they hold only what needs no optimistic concurrency,
 * e.g. one key per (project, workgroup) pair rather than one shared list that two writers
 * could overwrite.
 */
import { WhereConditions } from '@forge/kvs';
import { kvs } from './kvs';
import type { z } from 'zod';
import { StoredRecordInvalid } from './entity-repository';
import { checkKey, checkValueSize, STORAGE_LIMITS, translateStorageError } from './storage-limits';

export interface KeyValue<T> {
  key: string;
  value: T;
}

export class KeyValueStore {
  /** The value parsed with `schema`, or null when the key is not stored. */
  async get<T>(key: string, schema: z.ZodType<T>): Promise<T | null> {
    checkKey(key);
    const raw: unknown = await kvs.get<unknown>(key);
    return raw === undefined ? null : parse(key, raw, schema);
  }

  async set(key: string, value: unknown): Promise<void> {
    checkKey(key);
    checkValueSize(`the value of ${key}`, value);
    try {
      await kvs.set(key, value);
    } catch (error) {
      throw translateStorageError(error);
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await kvs.delete(key);
  }

  /** Every key beginning with `prefix`, in key order, reading page after page to the end. */
  async listByPrefix<T>(prefix: string, schema: z.ZodType<T>): Promise<Array<KeyValue<T>>> {
    checkKey(prefix);
    const found: Array<KeyValue<T>> = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(STORAGE_LIMITS.queryPageLimit);
      if (cursor !== undefined) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      for (const item of page.results) found.push({ key: item.key, value: parse(item.key, item.value, schema) });
      cursor = page.nextCursor;
    } while (cursor !== undefined && cursor !== '');
    return found;
  }
}

function parse<T>(key: string, raw: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new StoredRecordInvalid(`Stored key ${key} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
