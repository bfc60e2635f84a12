import { z } from 'zod';
import { KvsError } from './errors';

/**
 * Forge's per-installation storage quotas ("KVS and Custom Entity Store limits",
 * https://developer.atlassian.com/platform/forge/limits-kvs-ce, Dec 2025) and how the local host
 * counts against them. Where the pages are silent the host takes the harsher reading; each such
 * choice is listed in docs/forge-fidelity.md.
 */
export interface KvsQuotas {
  /** "Request rate (RPS) 1000": requests of any kind in any rolling second. */
  requestsPerSecond: number;
  /** "Read (10KB request per min) 4000": read units in any rolling minute. */
  readUnitsPerMinute: number;
  /** "Write (10KB request per min) 4000": write units in any rolling minute. */
  writeUnitsPerMinute: number;
  /** Bytes in a unit: "10KB", read as 10,000 bytes (the harsher of 10,000 and 10,240). */
  unitBytes: number;
  /** "Writes 1 MB/s per key" (1,000,000 bytes). */
  keyWriteBytesPerSecond: number;
  /** "Reads 12 MB/s per key". */
  keyReadBytesPerSecond: number;
  /**
   * "You can send a maximum of 45 batch operations per minute"
   * (https://developer.atlassian.com/platform/forge/storage-reference/batchops, Feb 2026). The
   * pages that state it are about batch *set* ("You can batch multiple set requests ... using
   * kvs.batchSet"); the page on batch get, set and delete for entities (entities-batch) states no
   * such limit, and the limits page calls per-operation limits the old way. So batch set counts;
   * batch get and delete count only as requests and units. `null`: not enforced.
   */
  batchRequestsPerMinute: number | null;
}

export const FORGE_KVS_QUOTAS: KvsQuotas = {
  requestsPerSecond: 1000,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
  unitBytes: 10_000,
  keyWriteBytesPerSecond: 1_000_000,
  keyReadBytesPerSecond: 12_000_000,
  batchRequestsPerMinute: 45,
};

export type RequestKind = 'read' | 'write';

const WRITE_PATHS: ReadonlySet<string> = new Set([
  '/api/v1/set',
  '/api/v1/delete',
  '/api/v1/secret/set',
  '/api/v1/secret/delete',
  '/api/v1/entity/set',
  '/api/v1/entity/delete',
  '/api/v1/batch/set',
  '/api/v1/batch/delete',
  '/api/v1/transaction',
]);

/** The requests the 45-a-minute limit counts: batch set (see `batchRequestsPerMinute`). */
const BATCH_PATHS: ReadonlySet<string> = new Set(['/api/v1/batch/set']);

/** Writes: set, delete (plain, secret, entity), batch set and delete, transactions. Everything else reads. */
export function requestKind(path: string): RequestKind {
  return WRITE_PATHS.has(path) ? 'write' : 'read';
}

/** Units for a request of `bytes`: rounded up to whole units, at least one ("65KB ... counted as 7"). */
export function unitsFor(bytes: number, unitBytes: number): number {
  return Math.max(1, Math.ceil(bytes / unitBytes));
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A rolling window: what was charged in the last `windowMs` of the host's clock. */
class RollingWindow {
  private times: number[] = [];
  private amounts: number[] = [];
  private head = 0;
  private sum = 0;

  constructor(private readonly windowMs: number) {}

  /** The total charged in (now - windowMs, now]. */
  used(now: number): number {
    this.prune(now);
    return this.sum;
  }

  /** How long until `needed` more fits under `limit` (0 when it fits now). */
  waitMs(now: number, needed: number, limit: number): number {
    let over = this.used(now) + needed - limit;
    if (over <= 0) return 0;
    for (let i = this.head; i < this.times.length; i += 1) {
      over -= this.amounts[i] ?? 0;
      if (over <= 0) return Math.max(1, (this.times[i] ?? now) + this.windowMs - now);
    }
    return this.windowMs;
  }

  charge(now: number, amount: number): void {
    if (amount <= 0) return;
    const last = this.times.length - 1;
    if (last >= this.head && this.times[last] === now) this.amounts[last] = (this.amounts[last] ?? 0) + amount;
    else {
      this.times.push(now);
      this.amounts.push(amount);
    }
    this.sum += amount;
  }

  private prune(now: number): void {
    // Entries from later than now: the clock was set back (tests do); they are forgotten.
    while (this.times.length > this.head && (this.times[this.times.length - 1] ?? now) > now) {
      this.sum -= this.amounts.pop() ?? 0;
      this.times.pop();
    }
    while (this.head < this.times.length && (this.times[this.head] ?? now) <= now - this.windowMs) {
      this.sum -= this.amounts[this.head] ?? 0;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.amounts = this.amounts.slice(this.head);
      this.head = 0;
    }
    if (this.head === this.times.length) this.sum = 0;
  }
}

/** Per-key byte rates: a bucket per key that drains at `bytesPerSecond` and holds one second of it. */
class KeyBuckets {
  private readonly levels = new Map<string, { level: number; at: number }>();
  private charges = 0;

  constructor(private readonly bytesPerSecond: number) {}

  private levelOf(id: string, now: number): number {
    const bucket = this.levels.get(id);
    if (bucket === undefined) return 0;
    if (now < bucket.at) return 0; // the clock was set back
    return Math.max(0, bucket.level - ((now - bucket.at) * this.bytesPerSecond) / 1000);
  }

  /** The first key whose bucket would overflow with these bytes, or undefined. */
  overflowing(now: number, perKey: ReadonlyMap<string, number>): string | undefined {
    for (const [id, bytes] of perKey) if (this.levelOf(id, now) + bytes > this.bytesPerSecond) return id;
    return undefined;
  }

  charge(now: number, perKey: ReadonlyMap<string, number>): void {
    for (const [id, bytes] of perKey) this.levels.set(id, { level: this.levelOf(id, now) + bytes, at: now });
    this.charges += 1;
    if (this.charges % 1000 === 0)
      for (const id of [...this.levels.keys()]) if (this.levelOf(id, now) === 0) this.levels.delete(id);
  }
}

const rateLimited = (what: string, waitMs: number) =>
  new KvsError(
    429,
    'RATE_LIMIT_EXCEEDED',
    `Rate limit exceeded for this installation's storage: ${what} (local host, TETHER_FORGE=strict; room again in about ${Math.ceil(waitMs / 100) / 10} s).`,
  );

/** What one request costs: units against the per-minute quotas and bytes per key. */
export interface RequestCost {
  readUnits: number;
  writeUnits: number;
  keyReads: ReadonlyMap<string, number>;
  keyWrites: ReadonlyMap<string, number>;
}

/**
 * Enforces the quotas of one installation on the host's clock. A request refused with 429 costs
 * nothing; any other answer, an error included, costs what it sent and read.
 */
export class KvsMeter {
  private readonly requests: RollingWindow;
  private readonly reads: RollingWindow;
  private readonly writes: RollingWindow;
  private readonly batches: RollingWindow;
  private readonly keyReads: KeyBuckets;
  private readonly keyWrites: KeyBuckets;

  constructor(readonly quotas: KvsQuotas) {
    this.requests = new RollingWindow(1000);
    this.reads = new RollingWindow(60_000);
    this.writes = new RollingWindow(60_000);
    this.batches = new RollingWindow(60_000);
    this.keyReads = new KeyBuckets(quotas.keyReadBytesPerSecond);
    this.keyWrites = new KeyBuckets(quotas.keyWriteBytesPerSecond);
  }

  /** Before a request runs: the refusal when it does not fit (a write's units are known from what it sends). */
  admit(
    now: number,
    path: string,
    kind: RequestKind,
    writeUnits: number,
    keyWrites: ReadonlyMap<string, number>,
  ): KvsError | undefined {
    const q = this.quotas;
    const rps = this.requests.waitMs(now, 1, q.requestsPerSecond);
    if (rps > 0) return rateLimited(`more than ${q.requestsPerSecond} requests in a second`, rps);
    if (q.batchRequestsPerMinute !== null && BATCH_PATHS.has(path)) {
      const wait = this.batches.waitMs(now, 1, q.batchRequestsPerMinute);
      if (wait > 0) return rateLimited(`more than ${q.batchRequestsPerMinute} batch set operations in a minute`, wait);
    }
    if (kind === 'write') {
      const wait = this.writes.waitMs(now, writeUnits, q.writeUnitsPerMinute);
      if (wait > 0) {
        return rateLimited(
          `${this.writes.used(now)} of ${q.writeUnitsPerMinute} write units used in the last minute and this request needs ${writeUnits}`,
          wait,
        );
      }
      const key = this.keyWrites.overflowing(now, keyWrites);
      if (key !== undefined)
        return rateLimited(`more than ${q.keyWriteBytesPerSecond} bytes a second written to ${key}`, 1000);
    } else {
      const wait = this.reads.waitMs(now, 1, q.readUnitsPerMinute);
      if (wait > 0) return rateLimited(`all ${q.readUnitsPerMinute} read units of the last minute are used`, wait);
    }
    return undefined;
  }

  /** After a request ran: the refusal when what it read does not fit (a read changes nothing, so it can still be refused). */
  afterRead(now: number, cost: RequestCost): KvsError | undefined {
    const q = this.quotas;
    if (cost.readUnits > 0) {
      const wait = this.reads.waitMs(now, cost.readUnits, q.readUnitsPerMinute);
      if (wait > 0) {
        return rateLimited(
          `${this.reads.used(now)} of ${q.readUnitsPerMinute} read units used in the last minute and this request read ${cost.readUnits}`,
          wait,
        );
      }
    }
    const key = this.keyReads.overflowing(now, cost.keyReads);
    if (key !== undefined)
      return rateLimited(`more than ${q.keyReadBytesPerSecond} bytes a second read from ${key}`, 1000);
    return undefined;
  }

  charge(now: number, path: string, cost: RequestCost): void {
    this.requests.charge(now, 1);
    if (BATCH_PATHS.has(path)) this.batches.charge(now, 1);
    this.reads.charge(now, cost.readUnits);
    this.writes.charge(now, cost.writeUnits);
    this.keyReads.charge(now, cost.keyReads);
    this.keyWrites.charge(now, cost.keyWrites);
  }
}

// ---- bytes per key, from a request and its answer -------------------------------------------

const keyItem = z.object({ key: z.string(), entityName: z.string().optional() });
const keyItems = z.array(z.unknown());
const transactionItems = z.object({ set: z.array(z.unknown()).optional(), delete: z.array(z.unknown()).optional() });
const batchGetReply = z.object({ successfulKeys: z.array(z.unknown()) });

/** Names a key, and tells keys apart: `key "k"`, `secret key "k"`, `key "k" of entity "e"`. */
const keyId = (store: string, item: { key: string; entityName?: string | undefined }) =>
  item.entityName !== undefined
    ? `key ${JSON.stringify(item.key)} of entity ${JSON.stringify(item.entityName)}`
    : `${store === 'secret' ? 'secret ' : ''}key ${JSON.stringify(item.key)}`;

function add(into: Map<string, number>, store: string, item: unknown): void {
  const parsed = keyItem.safeParse(item);
  if (!parsed.success) return;
  const id = keyId(store, parsed.data);
  into.set(id, (into.get(id) ?? 0) + utf8Bytes(JSON.stringify(item)));
}

const storeOf = (path: string) => (path.startsWith('/api/v1/secret/') ? 'secret' : 'kvs');

/** Bytes each key receives from a write request: the item as sent (key, value and options). */
export function keyWritesOf(path: string, body: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (path === '/api/v1/batch/set' || path === '/api/v1/batch/delete') {
    const items = keyItems.safeParse(body);
    if (items.success) for (const item of items.data) add(out, 'kvs', item);
  } else if (path === '/api/v1/transaction') {
    const tx = transactionItems.safeParse(body);
    if (tx.success) for (const item of [...(tx.data.set ?? []), ...(tx.data.delete ?? [])]) add(out, 'kvs', item);
  } else if (requestKind(path) === 'write') {
    add(out, storeOf(path), body);
  }
  return out;
}

/** Bytes each key gives to a read: the item as answered. Queries are not counted per key. */
export function keyReadsOf(path: string, request: unknown, reply: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (path === '/api/v1/batch/get') {
    const answered = batchGetReply.safeParse(reply);
    if (answered.success) for (const item of answered.data.successfulKeys) add(out, 'kvs', item);
  } else if (path.endsWith('/get') && reply !== undefined) {
    const asked = keyItem.safeParse(request);
    const id = asked.success ? keyId(storeOf(path), asked.data) : undefined;
    if (id !== undefined) out.set(id, utf8Bytes(JSON.stringify(reply)));
  }
  return out;
}
