import { checkFilterGroup, meetsGroup } from './conditions';
import { kvsErrors } from './errors';
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
  type StoreContext,
  type Target,
} from './store-context';
import { transactionRequest, type FilterGroup } from './wire-schemas';

interface PlannedOperation {
  kind: 'set' | 'delete' | 'check';
  key: string;
  entityName: string | undefined;
  target: Target;
  conditions: FilterGroup | undefined;
  mutation: Mutation | undefined;
}

/**
 * `kvs.transact()`: up to 25 set/delete/check operations, each key at most once, all applied
 * or none. Conditions (custom entities only) are checked against the current values; if one is
 * not met the transaction is refused and nothing changes. A delete of a missing key succeeds.
 */
export function transact(ctx: StoreContext, body: unknown): KvsReply {
  const request = parseBody(transactionRequest, body);
  const count = (request.set?.length ?? 0) + (request.delete?.length ?? 0) + (request.check?.length ?? 0);
  if (count === 0) throw kvsErrors.emptyOperations('transaction');
  if (count > LIMITS.transactionMaxOperations)
    throw kvsErrors.tooManyOperations('transaction', count, LIMITS.transactionMaxOperations);

  const plan: PlannedOperation[] = [];
  const seen = new Set<string>();
  const add = (
    kind: PlannedOperation['kind'],
    key: string,
    entityName: string | undefined,
    conditions: FilterGroup | undefined,
    mutation: (t: Target) => Mutation | undefined,
  ) => {
    const id = JSON.stringify([entityName ?? null, key]);
    if (seen.has(id)) throw kvsErrors.duplicateKey('transaction', key, entityName);
    seen.add(id);
    const target = targetOf(ctx, entityName);
    if (conditions !== undefined) {
      if (target.entity === undefined)
        throw kvsErrors.badRequest(`conditions apply to custom entities only (${kind} of key ${JSON.stringify(key)})`);
      checkFilterGroup(conditions);
    }
    plan.push({ kind, key, entityName, target, conditions, mutation: mutation(target) });
  };

  for (const op of request.set ?? []) {
    add('set', op.key, op.entityName, op.conditions, (target) => {
      checkWrite(target, op.key, op.value);
      if (op.options?.keyPolicy === 'FAIL_IF_EXISTS' && liveRecord(ctx, target, op.key) !== undefined)
        throw kvsErrors.keyAlreadyExists(op.key);
      return { t: 'put', record: newRecord(ctx, target, op.key, op.value, op.options) };
    });
  }
  for (const op of request.delete ?? []) {
    add('delete', op.key, op.entityName, op.conditions, (target) => {
      checkTargetKey(target, op.key);
      return liveRecord(ctx, target, op.key) === undefined ? undefined : { t: 'del', ns: target.ns, key: op.key };
    });
  }
  for (const op of request.check ?? []) {
    if (op.entityName === undefined)
      throw kvsErrors.badRequest(`check of key ${JSON.stringify(op.key)} needs an entityName`);
    add('check', op.key, op.entityName, op.conditions, (target) => {
      checkTargetKey(target, op.key);
      return undefined;
    });
  }

  for (const op of plan) {
    if (op.conditions === undefined) continue;
    const current = liveRecord(ctx, op.target, op.key);
    if (!meetsGroup(current?.value, op.conditions)) throw kvsErrors.conditionFailed(op.kind, op.key, op.entityName);
  }
  ctx.commit(plan.flatMap((op) => (op.mutation === undefined ? [] : [op.mutation])));
  return { status: 200 };
}
