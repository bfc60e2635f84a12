import { kvsErrors } from './errors';
import type { JsonValue } from './json';
import {
  checkTargetKey,
  checkWrite,
  KVS_TARGET,
  liveRecord,
  newRecord,
  parseBody,
  SECRET_TARGET,
  targetOf,
  wireItem,
  type StoreContext,
  type Target,
} from './store-context';
import {
  deleteRequest,
  entityDeleteRequest,
  entityGetRequest,
  entitySetRequest,
  getRequest,
  setRequest,
  type SetOptions,
} from './wire-schemas';

/** A service answer: status and JSON body (undefined: no body). */
export interface KvsReply {
  status: number;
  body?: unknown;
  /**
   * Bytes of items the service read but left out of the answer: a filtered query page looks at
   * `limit` items and answers those the filters keep. Counted as read (local/kvs/quotas.ts).
   */
  scannedBytes?: number;
}

const NO_CONTENT: KvsReply = { status: 204 };

/** Which store a get/set/delete addresses: from the path (/api/v1/..., /secret/..., /entity/...). */
export type Store = 'kvs' | 'secret' | 'entity';

const plainTarget = (store: Store): Target => (store === 'secret' ? SECRET_TARGET : KVS_TARGET);

export function getKey(ctx: StoreContext, store: Store, body: unknown): KvsReply {
  if (store === 'entity') {
    const request = parseBody(entityGetRequest, body);
    return readOne(ctx, targetOf(ctx, request.entityName), request.key, request.options?.metadataFields);
  }
  const request = parseBody(getRequest, body);
  return readOne(ctx, plainTarget(store), request.key, request.options?.metadataFields);
}

function readOne(ctx: StoreContext, target: Target, key: string, fields: Parameters<typeof wireItem>[1]): KvsReply {
  checkTargetKey(target, key);
  const record = liveRecord(ctx, target, key);
  if (record === undefined) throw kvsErrors.keyNotFound();
  return { status: 200, body: wireItem(record, fields) };
}

export function setKey(ctx: StoreContext, store: Store, body: unknown): KvsReply {
  if (store === 'entity') {
    const request = parseBody(entitySetRequest, body);
    return writeOne(ctx, targetOf(ctx, request.entityName), request.key, request.value, request.options);
  }
  const request = parseBody(setRequest, body);
  return writeOne(ctx, plainTarget(store), request.key, request.value, request.options);
}

function writeOne(
  ctx: StoreContext,
  target: Target,
  key: string,
  value: JsonValue,
  options: SetOptions | undefined,
): KvsReply {
  checkWrite(target, key, value);
  const previous = liveRecord(ctx, target, key);
  if (options?.keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) throw kvsErrors.keyAlreadyExists(key);
  const record = newRecord(ctx, target, key, value, options);
  ctx.commit([{ t: 'put', record }]);
  if (options?.returnValue === 'LATEST') return { status: 200, body: wireItem(record, options.returnMetadataFields) };
  if (options?.returnValue === 'PREVIOUS' && previous !== undefined) {
    return { status: 200, body: wireItem(previous, options.returnMetadataFields) };
  }
  return NO_CONTENT;
}

export function deleteKey(ctx: StoreContext, store: Store, body: unknown): KvsReply {
  if (store === 'entity') {
    const request = parseBody(entityDeleteRequest, body);
    return deleteOne(ctx, targetOf(ctx, request.entityName), request.key);
  }
  return deleteOne(ctx, plainTarget(store), parseBody(deleteRequest, body).key);
}

function deleteOne(ctx: StoreContext, target: Target, key: string): KvsReply {
  checkTargetKey(target, key);
  if (liveRecord(ctx, target, key) === undefined) throw kvsErrors.keyNotFound();
  ctx.commit([{ t: 'del', ns: target.ns, key }]);
  return NO_CONTENT;
}
