import type { z } from 'zod';
import { checkEntityValue } from './entity-values';
import { kvsErrors } from './errors';
import type { JsonValue } from './json';
import { checkEntityName, checkKey, checkValue, LIMITS } from './limits';
import type { EntityDefinition } from './manifest';
import { entityNamespace, type Mutation, type Namespace, type RecordStore, type StoredRecord } from './record-store';
import type { MetadataField, SetOptions, Ttl } from './wire-schemas';

/** What every operation needs from the service: the records, the clock, and a way to commit. */
export interface StoreContext {
  /** The records as written: what get, batch get, conditions and writes see (strongly consistent). */
  readonly records: RecordStore;
  /**
   * The records as queries see them: in strict mode they lag the writes (eventual consistency), so a
   * write, update or delete reaches queries only after the query lag; otherwise `records` itself.
   */
  queryRecords(): RecordStore;
  readonly maxPageSize: number;
  now(): number;
  /** Logs the changes durably as one entry, then applies them. */
  commit(mutations: readonly Mutation[]): void;
}

/** Where an operation reads or writes: the key-value store, secrets, or one declared entity. */
export interface Target {
  ns: Namespace;
  entity: EntityDefinition | undefined;
}

export const KVS_TARGET: Target = { ns: 'kvs', entity: undefined };
export const SECRET_TARGET: Target = { ns: 'secret', entity: undefined };

export function targetOf(ctx: StoreContext, entityName: string | undefined): Target {
  if (entityName === undefined) return KVS_TARGET;
  checkEntityName(entityName);
  const entity = ctx.records.definitions.get(entityName);
  if (entity === undefined) {
    const declared = [...ctx.records.definitions.keys()].join(', ') || 'none';
    throw kvsErrors.invalidEntityType(
      entityName,
      `no such entity is declared in the manifest's app.storage.entities (declared: ${declared})`,
    );
  }
  return { ns: entityNamespace(entityName), entity };
}

export function checkTargetKey(target: Target, key: string): void {
  checkKey(key, target.entity === undefined ? 'kvs' : 'entity');
}

export function checkWrite(target: Target, key: string, value: JsonValue): void {
  checkTargetKey(target, key);
  checkValue(value, target.ns === 'secret' ? LIMITS.secretValueMaxBytes : LIMITS.valueMaxBytes);
  if (target.entity !== undefined) checkEntityValue(target.entity, value);
}

/** The record under a key unless it has expired (in `records`, or in the query view when given). */
export function liveRecord(
  ctx: StoreContext,
  target: Target,
  key: string,
  records: RecordStore = ctx.records,
): StoredRecord | undefined {
  const record = records.get(target.ns, key);
  if (record === undefined) return undefined;
  return record.expireAt !== null && record.expireAt <= ctx.now() ? undefined : record;
}

const TTL_MS: Record<Ttl['unit'], number> = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

export function newRecord(
  ctx: StoreContext,
  target: Target,
  key: string,
  value: JsonValue,
  options: SetOptions | undefined,
): StoredRecord {
  const now = ctx.now();
  const previous = liveRecord(ctx, target, key);
  return {
    ns: target.ns,
    key,
    value,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    expireAt: options?.ttl === undefined ? null : now + options.ttl.value * TTL_MS[options.ttl.unit],
  };
}

export interface WireItem {
  key: string;
  value: JsonValue;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}

/** A record as the service answers it: key and value, plus the metadata fields asked for. */
export function wireItem(record: StoredRecord, fields: readonly MetadataField[] | undefined): WireItem {
  const item: WireItem = { key: record.key, value: record.value };
  if (fields?.includes('CREATED_AT')) item.createdAt = Math.floor(record.createdAt / 1000);
  if (fields?.includes('UPDATED_AT')) item.updatedAt = Math.floor(record.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') && record.expireAt !== null)
    item.expireTime = new Date(record.expireAt).toISOString();
  return item;
}

/** Parses a request body with its schema; a mismatch is a 400 naming each problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw kvsErrors.badRequest(problems.join('; '));
}
