import { checkConditionValues, checkFilterGroup, compareScalars, meets, meetsGroup, type Scalar } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import { kvsErrors } from './errors';
import type { KvsReply } from './key-operations';
import { pageSize } from './limits';
import { compareEntries, partitionKey, type IndexEntry } from './record-store';
import type { SortedList } from './sorted-list';
import {
  KVS_TARGET,
  liveRecord,
  parseBody,
  targetOf,
  wireItem,
  type StoreContext,
  type WireItem,
} from './store-context';
import { entityQueryRequest, queryRequest, type RangeClause } from './wire-schemas';

/**
 * Key-value query: keys in ascending order, optionally those beginning with a prefix; a page
 * holds at most `limit` items (10 by default, at most the page cap) and a cursor when more remain.
 */
export function queryKeys(ctx: StoreContext, body: unknown): KvsReply {
  const request = parseBody(queryRequest, body);
  const size = pageSize(request.limit, ctx.maxPageSize);
  const prefixValue = request.where?.[0]?.values[0];
  const prefix = prefixValue === undefined ? '' : String(prefixValue);
  const view = ctx.queryRecords();
  const keys = view.keyList();
  let lo = keys.firstIndexWhereNot((k) => k < prefix);
  const hi = keys.firstIndexWhereNot((k) => k < prefix || k.startsWith(prefix));
  if (request.after !== undefined) {
    const after = decodeCursor(request.after, 'kvs').k;
    lo = Math.max(
      lo,
      keys.firstIndexWhereNot((k) => k <= after),
    );
  }
  const data: WireItem[] = [];
  let consumed = 0;
  let last: string | undefined;
  for (const key of keys.walk(lo, hi, false)) {
    if (data.length === size) break;
    consumed += 1;
    const record = liveRecord(ctx, KVS_TARGET, key, view);
    if (record === undefined) continue;
    data.push(wireItem(record, request.options?.metadataFields));
    last = key;
  }
  const cursor = lo + consumed < hi && last !== undefined ? encodeCursor({ q: 'kvs', k: last }) : undefined;
  return { status: 200, body: cursor === undefined ? { data } : { data, cursor } };
}

/** The slice [lo, hi) of an index partition whose range values can meet the where clause. */
function rangeBounds(list: SortedList<IndexEntry>, range: RangeClause | undefined): [number, number] {
  const n = list.length;
  if (range === undefined) return [0, n];
  const [a, b] = range.values;
  if (a === undefined) throw kvsErrors.badRequest(`range condition ${range.condition} needs a value`);
  const below = (v: Scalar) => (e: IndexEntry) => compareScalars(e.range, v) < 0;
  const atOrBelow = (v: Scalar) => (e: IndexEntry) => compareScalars(e.range, v) <= 0;
  switch (range.condition) {
    case 'EQUAL_TO':
      return [list.firstIndexWhereNot(below(a)), list.firstIndexWhereNot(atOrBelow(a))];
    case 'BEGINS_WITH': {
      if (typeof a !== 'string') throw kvsErrors.badRequest('BEGINS_WITH takes a string');
      // Before the prefix or starting with it: true for a leading run of the list, then false.
      return [
        list.firstIndexWhereNot(below(a)),
        list.firstIndexWhereNot((e) => below(a)(e) || (typeof e.range === 'string' && e.range.startsWith(a))),
      ];
    }
    case 'BETWEEN':
      if (b === undefined) throw kvsErrors.insufficientFilterValues(range.condition);
      return [list.firstIndexWhereNot(below(a)), list.firstIndexWhereNot(atOrBelow(b))];
    case 'GREATER_THAN':
      return [list.firstIndexWhereNot(atOrBelow(a)), n];
    case 'GREATER_THAN_EQUAL_TO':
      return [list.firstIndexWhereNot(below(a)), n];
    case 'LESS_THAN':
      return [0, list.firstIndexWhereNot(below(a))];
    case 'LESS_THAN_EQUAL_TO':
      return [0, list.firstIndexWhereNot(atOrBelow(a))];
  }
}

/**
 * Custom entity query on one declared index. Like the store behind Forge's Custom Entity Store,
 * `limit` bounds the index entries a page looks at; `filters` then drop items from that page.
 * So a filtered page can hold fewer items than the limit (even none) while a cursor says more
 * remain: read until there is no cursor, never until a short page.
 */
export function queryEntities(ctx: StoreContext, body: unknown): KvsReply {
  const request = parseBody(entityQueryRequest, body);
  const target = targetOf(ctx, request.entityName);
  const entity = target.entity;
  const view = ctx.queryRecords();
  const table = view.indexTable(request.entityName, request.indexName);
  if (entity === undefined || table === undefined) {
    const declared = [...(entity?.indexes.keys() ?? [])].join(', ') || 'none';
    throw kvsErrors.invalidEntityIndex(
      `entity ${request.entityName} has no index ${JSON.stringify(request.indexName)} (declared: ${declared})`,
    );
  }
  const partition = request.partition ?? [];
  if (partition.length !== table.index.partition.length) {
    throw kvsErrors.invalidEntityIndex(
      `index ${table.index.name} is partitioned by [${table.index.partition.join(', ')}]; the query gives ${partition.length} partition value(s)`,
    );
  }
  if (request.range !== undefined) checkConditionValues(request.range);
  if (request.filters !== undefined) checkFilterGroup(request.filters);
  const size = pageSize(request.limit, ctx.maxPageSize);
  const descending = request.sort === 'DESC';
  const queryId = JSON.stringify([
    request.entityName,
    request.indexName,
    partitionKey(partition),
    descending ? 'DESC' : 'ASC',
  ]);
  const fields = request.options?.metadataFields ?? request.metadataFields;

  const list = table.partition(partition);
  if (list === undefined) return { status: 200, body: { data: [] } };
  let [lo, hi] = rangeBounds(list, request.range);
  if (request.cursor !== undefined) {
    const position = decodeCursor(request.cursor, queryId);
    if (position.r === undefined) throw kvsErrors.invalidCursor('it has no index position');
    const probe: IndexEntry = { range: position.r, key: position.k };
    if (descending)
      hi = Math.min(
        hi,
        list.firstIndexWhereNot((e) => compareEntries(e, probe) < 0),
      );
    else
      lo = Math.max(
        lo,
        list.firstIndexWhereNot((e) => compareEntries(e, probe) <= 0),
      );
  }

  const data: WireItem[] = [];
  let looked = 0;
  let consumed = 0;
  let scannedBytes = 0;
  let last: IndexEntry | undefined;
  for (const entry of list.walk(lo, hi, descending)) {
    if (looked === size) break;
    consumed += 1;
    if (request.range !== undefined && !meets(entry.range, request.range)) continue;
    const record = liveRecord(ctx, target, entry.key, view);
    if (record === undefined) continue;
    looked += 1;
    last = entry;
    const item = wireItem(record, fields);
    if (request.filters === undefined || meetsGroup(record.value, request.filters)) data.push(item);
    else scannedBytes += Buffer.byteLength(JSON.stringify(item), 'utf8');
  }
  const cursor =
    consumed < hi - lo && last !== undefined ? encodeCursor({ q: queryId, r: last.range, k: last.key }) : undefined;
  const page = cursor === undefined ? { data } : { data, cursor };
  // What the filters dropped was read too; the meter adds the answer's own size.
  return scannedBytes === 0 ? { status: 200, body: page } : { status: 200, body: page, scannedBytes };
}
