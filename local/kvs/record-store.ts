import { compareScalars, isScalar, type Scalar } from './conditions';
import { ownAttribute, type JsonValue } from './json';
import type { EntityDefinitions, EntityIndex } from './manifest';
import { SortedList } from './sorted-list';

/** Where a key lives: plain key-value pairs, secrets, or one custom entity. */
export type Namespace = 'kvs' | 'secret' | `entity:${string}`;
export const entityNamespace = (entityName: string): Namespace => `entity:${entityName}`;

export interface StoredRecord {
  ns: Namespace;
  key: string;
  value: JsonValue;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}

export type Mutation = { t: 'put'; record: StoredRecord } | { t: 'del'; ns: Namespace; key: string };

export interface IndexEntry {
  range: Scalar;
  key: string;
}

/** Index order: by range value, then by key. Written for speed: it runs ~20 times per write. */
export function compareEntries(a: IndexEntry, b: IndexEntry): number {
  const ra = a.range;
  const rb = b.range;
  if (typeof ra !== typeof rb) return compareScalars(ra, rb);
  if (ra < rb) return -1;
  if (ra > rb) return 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const UNPARTITIONED = '[]';

/** One declared index of one entity: a sorted list of (range value, key) per partition. */
export class IndexTable {
  private readonly partitions = new Map<string, SortedList<IndexEntry>>();

  constructor(readonly index: EntityIndex) {}

  /** The partition an entity value falls in, or undefined when it lacks a partition attribute. */
  private partitionOf(value: JsonValue): string | undefined {
    if (this.index.partition.length === 0) return UNPARTITIONED;
    const partitionValues: Scalar[] = [];
    for (const attribute of this.index.partition) {
      const v = ownAttribute(value, attribute);
      if (!isScalar(v)) return undefined;
      partitionValues.push(v);
    }
    return partitionKey(partitionValues);
  }

  /** Where the value sits in this index; undefined when it lacks the index's attributes. */
  private placeOf(key: string, value: JsonValue): { partition: string; entry: IndexEntry } | undefined {
    const range = ownAttribute(value, this.index.range);
    if (!isScalar(range)) return undefined;
    const partition = this.partitionOf(value);
    return partition === undefined ? undefined : { partition, entry: { range, key } };
  }

  add(key: string, value: JsonValue): void {
    const place = this.placeOf(key, value);
    if (place === undefined) return;
    let list = this.partitions.get(place.partition);
    if (list === undefined) this.partitions.set(place.partition, (list = new SortedList(compareEntries)));
    list.upsert(place.entry);
  }

  remove(key: string, value: JsonValue): void {
    const place = this.placeOf(key, value);
    if (place === undefined) return;
    const list = this.partitions.get(place.partition);
    list?.remove(place.entry);
    if (list !== undefined && list.length === 0) this.partitions.delete(place.partition);
  }

  /** Rebuilds the whole index from scratch: one sort per partition instead of one insert per value. */
  rebuild(records: Iterable<StoredRecord>): void {
    const byPartition = new Map<string, IndexEntry[]>();
    for (const record of records) {
      const place = this.placeOf(record.key, record.value);
      if (place === undefined) continue;
      let entries = byPartition.get(place.partition);
      if (entries === undefined) byPartition.set(place.partition, (entries = []));
      entries.push(place.entry);
    }
    this.partitions.clear();
    for (const [partition, entries] of byPartition)
      this.partitions.set(partition, SortedList.of(compareEntries, entries));
  }

  partition(values: readonly Scalar[]): SortedList<IndexEntry> | undefined {
    return this.partitions.get(partitionKey(values));
  }
}

export function partitionKey(values: readonly Scalar[]): string {
  return values.length === 0 ? UNPARTITIONED : JSON.stringify(values);
}

const recordId = (ns: Namespace, key: string) => `${ns}\u0000${key}`;

/**
 * Every record in memory, with the sorted key list that key-value queries walk and the index
 * tables of each declared entity. Changes arrive only through `apply`, after they are logged.
 */
export class RecordStore {
  private readonly records = new Map<string, StoredRecord>();
  private kvsKeys = new SortedList<string>(compareStrings);
  /** While loading from disk, indexes wait for `finishLoading` and are then built in one go. */
  private loading = false;
  private readonly indexes = new Map<string, Map<string, IndexTable>>();

  constructor(readonly definitions: EntityDefinitions) {
    for (const [name, definition] of definitions) {
      this.indexes.set(
        name,
        new Map([...definition.indexes].map(([indexName, index]) => [indexName, new IndexTable(index)])),
      );
    }
  }

  get size(): number {
    return this.records.size;
  }

  get(ns: Namespace, key: string): StoredRecord | undefined {
    return this.records.get(recordId(ns, key));
  }

  values(): IterableIterator<StoredRecord> {
    return this.records.values();
  }

  keyList(): SortedList<string> {
    return this.kvsKeys;
  }

  indexTable(entityName: string, indexName: string): IndexTable | undefined {
    return this.indexes.get(entityName)?.get(indexName);
  }

  apply(mutation: Mutation): void {
    const ns = mutation.t === 'put' ? mutation.record.ns : mutation.ns;
    const key = mutation.t === 'put' ? mutation.record.key : mutation.key;
    const id = recordId(ns, key);
    const before = this.records.get(id);
    if (before !== undefined && !this.loading) this.unindex(before);
    if (mutation.t === 'put') {
      this.records.set(id, mutation.record);
      if (!this.loading) this.index(mutation.record);
    } else {
      this.records.delete(id);
    }
  }

  /** Applies `load`'s changes without indexing each, then builds every index once. */
  load(load: (apply: (m: Mutation) => void) => void): void {
    this.loading = true;
    try {
      load((m) => this.apply(m));
    } finally {
      this.loading = false;
      const records = [...this.records.values()];
      this.kvsKeys = SortedList.of(
        compareStrings,
        records.filter((r) => r.ns === 'kvs').map((r) => r.key),
      );
      for (const [entityName, tables] of this.indexes) {
        const ns = entityNamespace(entityName);
        const ofEntity = records.filter((r) => r.ns === ns);
        for (const table of tables.values()) table.rebuild(ofEntity);
      }
    }
  }

  private tablesOf(ns: Namespace): Iterable<IndexTable> {
    if (!ns.startsWith('entity:')) return [];
    return this.indexes.get(ns.slice('entity:'.length))?.values() ?? [];
  }

  private index(record: StoredRecord): void {
    if (record.ns === 'kvs') this.kvsKeys.upsert(record.key);
    for (const table of this.tablesOf(record.ns)) table.add(record.key, record.value);
  }

  private unindex(record: StoredRecord): void {
    if (record.ns === 'kvs') this.kvsKeys.remove(record.key);
    for (const table of this.tablesOf(record.ns)) table.remove(record.key, record.value);
  }
}
