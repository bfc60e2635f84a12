import { join, resolve } from 'node:path';
import { batchDelete, batchGet, batchSet } from './batch-operations';
import { DurableLog } from './durable-log';
import { KvsError, kvsErrors } from './errors';
import { parseJsonText } from './json';
import { deleteKey, getKey, setKey, type KvsReply } from './key-operations';
import { LIMITS } from './limits';
import { loadEntityDefinitions, type EntityDefinitions } from './manifest';
import { queryEntities, queryKeys } from './query-operations';
import { RecordStore, type Mutation } from './record-store';
import type { StoreContext } from './store-context';
import { transact } from './transaction-operations';

export type { KvsReply } from './key-operations';

export interface KvsServiceOptions {
  /** The data folder; the KVS keeps its files in `<dataDir>/kvs`. Default: `dataDirectory()`. */
  dataDir?: string;
  /** The custom entities: from a manifest file, or already read. None by default. */
  manifestPath?: string;
  entities?: EntityDefinitions;
  /** Epoch milliseconds; `Date.now` by default. Used for timestamps and TTL. */
  clock?: () => number;
  /** Items per query page at most (default 20, the project's rule; Forge itself accepts up to 100). */
  maxPageSize?: number;
  /** fsync every commit (default true). */
  syncWrites?: boolean;
  /** Write a snapshot and empty the log after this many log entries (default 10,000). */
  compactAfterEntries?: number;
}

/** `TETHER_DATA` if set, else `.tether/` in the current working directory. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TETHER_DATA;
  return resolve(configured !== undefined && configured !== '' ? configured : join(process.cwd(), '.tether'));
}

type Handler = (ctx: StoreContext, body: unknown) => KvsReply;

/** The endpoints @forge/kvs 1.6 calls (storage-api.js), all POST with a JSON body. */
const ROUTES: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['/api/v1/get', (ctx, body) => getKey(ctx, 'kvs', body)],
  ['/api/v1/set', (ctx, body) => setKey(ctx, 'kvs', body)],
  ['/api/v1/delete', (ctx, body) => deleteKey(ctx, 'kvs', body)],
  ['/api/v1/query', queryKeys],
  ['/api/v1/secret/get', (ctx, body) => getKey(ctx, 'secret', body)],
  ['/api/v1/secret/set', (ctx, body) => setKey(ctx, 'secret', body)],
  ['/api/v1/secret/delete', (ctx, body) => deleteKey(ctx, 'secret', body)],
  ['/api/v1/entity/get', (ctx, body) => getKey(ctx, 'entity', body)],
  ['/api/v1/entity/set', (ctx, body) => setKey(ctx, 'entity', body)],
  ['/api/v1/entity/delete', (ctx, body) => deleteKey(ctx, 'entity', body)],
  ['/api/v1/entity/query', queryEntities],
  ['/api/v1/batch/set', batchSet],
  ['/api/v1/batch/get', batchGet],
  ['/api/v1/batch/delete', batchDelete],
  ['/api/v1/transaction', transact],
]);

/**
 * The embedded KVS: an in-process stand-in for Forge's KVS and Custom Entity Store that speaks
 * its wire protocol (`handle(path, body)`), keeps everything in memory for reads, and makes each
 * write durable in the data folder before answering. One process per data folder.
 */
export class KvsService {
  private readonly records: RecordStore;
  private readonly log: DurableLog;
  private readonly ctx: StoreContext;
  private readonly compactAfterEntries: number;
  private closed = false;

  private constructor(options: KvsServiceOptions, readonly directory: string) {
    const entities = options.entities ?? (options.manifestPath === undefined ? new Map() : loadEntityDefinitions(options.manifestPath));
    this.records = new RecordStore(entities);
    const clock = options.clock ?? Date.now;
    this.compactAfterEntries = options.compactAfterEntries ?? 10_000;
    let log: DurableLog | undefined;
    this.records.load((apply) => {
      log = DurableLog.open({ dir: directory, syncWrites: options.syncWrites ?? true }, apply);
    });
    if (log === undefined) throw new Error('The local KVS log did not open');
    this.log = log;
    this.ctx = {
      records: this.records,
      maxPageSize: options.maxPageSize ?? LIMITS.maxPageSize,
      now: clock,
      commit: (mutations) => this.commit(mutations),
    };
  }

  static open(options: KvsServiceOptions = {}): KvsService {
    return new KvsService(options, join(options.dataDir ?? dataDirectory(), 'kvs'));
  }

  /** Number of records held (expired ones included until the next compaction). */
  get size(): number {
    return this.records.size;
  }

  /** Answers one request as the real service would: a status and a JSON body or none. */
  handle(path: string, bodyText: string): KvsReply {
    try {
      if (this.closed) throw kvsErrors.internal('The local KVS service is closed');
      const route = ROUTES.get(path);
      if (route === undefined) throw kvsErrors.unknownEndpoint(path);
      const bytes = Buffer.byteLength(bodyText, 'utf8');
      if (bytes > LIMITS.requestMaxBytes) throw kvsErrors.payloadTooLarge(bytes, LIMITS.requestMaxBytes);
      const json = parseJsonText(bodyText);
      if (!json.ok) throw kvsErrors.badRequest('the body is not JSON');
      return route(this.ctx, json.value);
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
      const message = e instanceof Error ? e.message : String(e);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `The local KVS failed: ${message}` } };
    }
  }

  /** Writes a snapshot of every live record and empties the log. */
  compact(): void {
    const now = this.ctx.now();
    this.log.compact([...this.records.values()].filter((r) => r.expireAt === null || r.expireAt > now));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.log.close();
  }

  private commit(mutations: readonly Mutation[]): void {
    if (mutations.length === 0) return;
    this.log.append(mutations);
    for (const m of mutations) this.records.apply(m);
    if (this.log.pendingEntries >= this.compactAfterEntries) this.compact();
  }
}
