import { KvsError, kvsErrors } from './errors';
import type { KvsReply } from './key-operations';
import { LIMITS } from './limits';
import type { Mutation } from './record-store';
import {
  checkTargetKey,
  checkWrite,
  liveRecord,
  newRecord,
  parseBody,
  targetOf,
  wireItem,
  type StoreContext,
} from './store-context';
import { batchDeleteRequest, batchGetRequest, batchSetRequest } from './wire-schemas';

interface ItemKey {
  key: string;
  entityName?: string;
}

interface FailedKey extends ItemKey {
  error: { code: string; message: string };
}

/** The whole batch is refused when empty, too long, or naming a key twice (Forge documents all three). */
function checkBatch(items: readonly ItemKey[]): void {
  if (items.length === 0) throw kvsErrors.emptyOperations('batch');
  if (items.length > LIMITS.batchMaxItems)
    throw kvsErrors.tooManyOperations('batch', items.length, LIMITS.batchMaxItems);
  const seen = new Set<string>();
  for (const item of items) {
    const id = JSON.stringify([item.entityName ?? null, item.key]);
    if (seen.has(id)) throw kvsErrors.duplicateKey('batch', item.key, item.entityName);
    seen.add(id);
  }
}

const itemKey = (item: ItemKey): ItemKey =>
  item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };

/** Runs `attempt` for one item; a KvsError makes that item fail without failing the batch. */
function perItem<T>(item: ItemKey, failed: FailedKey[], attempt: () => T): T | undefined {
  try {
    return attempt();
  } catch (e) {
    if (!(e instanceof KvsError)) throw e;
    failed.push({ ...itemKey(item), error: { code: e.code, message: e.message } });
    return undefined;
  }
}

export function batchSet(ctx: StoreContext, body: unknown): KvsReply {
  const items = parseBody(batchSetRequest, body);
  checkBatch(items);
  const failedKeys: FailedKey[] = [];
  const successfulKeys: ItemKey[] = [];
  const mutations: Mutation[] = [];
  for (const item of items) {
    const mutation = perItem(item, failedKeys, (): Mutation => {
      const target = targetOf(ctx, item.entityName);
      checkWrite(target, item.key, item.value);
      if (item.options?.keyPolicy === 'FAIL_IF_EXISTS' && liveRecord(ctx, target, item.key) !== undefined)
        throw kvsErrors.keyAlreadyExists(item.key);
      return { t: 'put', record: newRecord(ctx, target, item.key, item.value, item.options) };
    });
    if (mutation === undefined) continue;
    mutations.push(mutation);
    successfulKeys.push(itemKey(item));
  }
  ctx.commit(mutations);
  return { status: 200, body: { successfulKeys, failedKeys } };
}

export function batchGet(ctx: StoreContext, body: unknown): KvsReply {
  const items = parseBody(batchGetRequest, body);
  checkBatch(items);
  const failedKeys: FailedKey[] = [];
  const successfulKeys: unknown[] = [];
  for (const item of items) {
    const found = perItem(item, failedKeys, () => {
      const target = targetOf(ctx, item.entityName);
      checkTargetKey(target, item.key);
      const record = liveRecord(ctx, target, item.key);
      if (record === undefined) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
      return { ...wireItem(record, item.options?.metadataFields), ...itemKey(item) };
    });
    if (found !== undefined) successfulKeys.push(found);
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

export function batchDelete(ctx: StoreContext, body: unknown): KvsReply {
  const items = parseBody(batchDeleteRequest, body);
  checkBatch(items);
  const failedKeys: FailedKey[] = [];
  const successfulKeys: ItemKey[] = [];
  const mutations: Mutation[] = [];
  for (const item of items) {
    const mutation = perItem(item, failedKeys, (): Mutation => {
      const target = targetOf(ctx, item.entityName);
      checkTargetKey(target, item.key);
      if (liveRecord(ctx, target, item.key) === undefined)
        throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
      return { t: 'del', ns: target.ns, key: item.key };
    });
    if (mutation === undefined) continue;
    mutations.push(mutation);
    successfulKeys.push(itemKey(item));
  }
  ctx.commit(mutations);
  return { status: 200, body: { successfulKeys, failedKeys } };
}
