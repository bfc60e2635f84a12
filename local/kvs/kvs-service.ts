import { join, resolve } from 'node:path';
import { DEFAULT_FORGE_MODE, type ForgeMode } from '../runtime/forge-mode';
import { batchDelete, batchGet, batchSet } from './batch-operations';
import { DurableLog } from './durable-log';
import { KvsError, kvsErrors } from './errors';
import { parseJsonText } from './json';
import { deleteKey, getKey, setKey, type KvsReply } from './key-operations';
import { LIMITS } from './limits';
import { loadEntityDefinitions, type EntityDefinitions } from './manifest';
import { queryEntities, queryKeys } from './query-operations';
import {
  FORGE_KVS_QUOTAS,
  KvsMeter,
  keyReadsOf,
  keyWritesOf,
  requestKind,
  unitsFor,
  utf8Bytes,
  type KvsQuotas,
  type RequestCost,
} from './quotas';
import { RecordStore, type Mutation } from './record-store';
import type { StoreContext } from './store-context';
import { transact } from './transaction-operations';

export type { KvsReply } from './key-operations';
export type { ForgeMode } from '../runtime/forge-mode';
export type { KvsQuotas } from './quotas';

/** How long a write takes to reach queries in strict mode unless `queryLagMs` says otherwise. */
export const DEFAULT_QUERY_LAG_MS = 1000;

export interface KvsServiceOptions {
  /** The data folder; the KVS keeps its files in `<dataDir>/kvs`. Default: `dataDirectory()`. */
  dataDir?: string;
  /** The custom entities: from a manifest file, or already read. None by default. */
  manifestPath?: string;
  entities?: EntityDefinitions;
  /**
   * Epoch milliseconds; by default `Date.now()` read at each call, so it follows the process clock
   * (local/runtime/process-clock.ts) even when that is set after the service opens. Used for
   * timestamps, TTL, the quotas' windows and the query lag.
   */
  clock?: () => number;
  /** Items per query page at most (default 20, the project's rule; Forge itself accepts up to 100). */
  maxPageSize?: number;
  /** fsync every commit (default true). */
  syncWrites?: boolean;
  /** Write a snapshot and empty the log after this many log entries (default 10,000). */
  compactAfterEntries?: number;
  /**
   * `strict`: Forge's per-installation quotas (429 `RATE_LIMIT_EXCEEDED`) and queries that lag
   * writes by `queryLagMs`. `lenient` (the default, for now): neither. See docs/forge-fidelity.md.
   */
  forge?: ForgeMode;
  /** Strict mode's quotas, in part or whole (default Forge's, `FORGE_KVS_QUOTAS`); `false`: none. */
  quotas?: Partial<KvsQuotas> | false;
  /**
   * Milliseconds on the host's clock before a write (set, update, delete) is seen by queries;
   * until then they see the old value. Default 1,000 in strict mode, 0 in lenient mode.
   */
  queryLagMs?: number;
}

/** What a request cost and how it was answered, beside the reply itself. */
export interface KvsAnswer extends KvsReply {
  /** The body as JSON text (null: no body), as sent back to the SDK. */
  text: string | null;
  /** Read and write units (10 KB each, rounded up) the request counted against the quotas; 0 when refused with 429. */
  readUnits: number;
  writeUnits: number;
  /** Refused with 429 RATE_LIMIT_EXCEEDED (strict mode). */
  rateLimited: boolean;
}

/** A committed change on its way to the query view. */
interface PendingChange {
  committedAt: number;
  visibleAt: number;
  mutations: readonly Mutation[];
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
  /** `strict` or `lenient` (docs/forge-fidelity.md). */
  readonly forge: ForgeMode;
  /** The quotas enforced (strict mode), or null. */
  readonly quotas: KvsQuotas | null;
  /** How long writes take to reach queries, in milliseconds of the host's clock. */
  readonly queryLagMs: number;
  private readonly records: RecordStore;
  /** What queries see when they lag (queryLagMs > 0): the records as of `queryLagMs` ago. */
  private readonly queryView: RecordStore | undefined;
  private pending: PendingChange[] = [];
  private pendingHead = 0;
  private readonly meter: KvsMeter | undefined;
  private readonly unitBytes: number;
  private readonly log: DurableLog;
  private readonly ctx: StoreContext;
  private readonly compactAfterEntries: number;
  private closed = false;

  private constructor(
    options: KvsServiceOptions,
    readonly directory: string,
  ) {
    const entities =
      options.entities ??
      (options.manifestPath === undefined ? new Map() : loadEntityDefinitions(options.manifestPath));
    this.forge = options.forge ?? DEFAULT_FORGE_MODE;
    const strict = this.forge === 'strict';
    this.quotas = strict && options.quotas !== false ? { ...FORGE_KVS_QUOTAS, ...options.quotas } : null;
    this.unitBytes = this.quotas?.unitBytes ?? FORGE_KVS_QUOTAS.unitBytes;
    this.meter = this.quotas === null ? undefined : new KvsMeter(this.quotas);
    this.queryLagMs = options.queryLagMs ?? (strict ? DEFAULT_QUERY_LAG_MS : 0);
    if (!Number.isFinite(this.queryLagMs) || this.queryLagMs < 0)
      throw new Error(`queryLagMs must be 0 or more milliseconds, not ${this.queryLagMs}`);
    this.records = new RecordStore(entities);
    const clock = options.clock ?? (() => Date.now());
    this.compactAfterEntries = options.compactAfterEntries ?? 10_000;
    let log: DurableLog | undefined;
    this.records.load((apply) => {
      log = DurableLog.open({ dir: directory, syncWrites: options.syncWrites ?? true }, apply);
    });
    if (log === undefined) throw new Error('The local KVS log did not open');
    this.log = log;
    // What was on disk was written before this process: queries see all of it from the start.
    this.queryView = this.queryLagMs > 0 ? new RecordStore(entities) : undefined;
    this.queryView?.load((apply) => {
      for (const record of this.records.values()) apply({ t: 'put', record });
    });
    this.ctx = {
      records: this.records,
      queryRecords: () => this.caughtUpQueryView(),
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

  /**
   * Answers one request as the real service would: a status and a JSON body or none, with what it
   * cost in read and write units. In strict mode a request over the installation's quotas is
   * answered 429 `RATE_LIMIT_EXCEEDED` and changes nothing.
   */
  handle(path: string, bodyText: string): KvsAnswer {
    const now = this.ctx.now();
    const kind = requestKind(path);
    const requestBytes = utf8Bytes(bodyText);
    const json = parseJsonText(bodyText);
    const request = json.ok ? json.value : undefined;
    // A write's units are known from what it sends; a read's from what it answers (below).
    const writeUnits = kind === 'write' ? unitsFor(requestBytes, this.unitBytes) : 0;
    const keyWrites = this.meter === undefined || kind === 'read' ? NO_KEYS : keyWritesOf(path, request);
    const refusal = this.meter?.admit(now, path, kind, writeUnits, keyWrites);
    if (refusal !== undefined) return refused(refusal);

    const reply = this.answer(path, requestBytes, json);
    const text = reply.body === undefined ? null : JSON.stringify(reply.body);
    const answeredBytes = text === null ? 0 : utf8Bytes(text);
    // Reads count the larger of what was asked and what was read; a write that returns a value
    // (returnValue) reads that value too.
    const returnsValue = SINGLE_SETS.has(path) && reply.status === 200 && text !== null;
    const readBytes =
      kind === 'read' ? Math.max(requestBytes, answeredBytes + (reply.scannedBytes ?? 0)) : answeredBytes;
    const readUnits = kind === 'read' || returnsValue ? unitsFor(readBytes, this.unitBytes) : 0;
    const cost: RequestCost = {
      readUnits,
      writeUnits,
      keyReads: this.meter === undefined || kind === 'write' ? NO_KEYS : keyReadsOf(path, request, reply.body),
      keyWrites,
    };
    if (this.meter !== undefined) {
      if (kind === 'read') {
        const late = this.meter.afterRead(now, cost);
        if (late !== undefined) return refused(late); // a read changed nothing: it can still be refused
      }
      this.meter.charge(now, path, cost);
    }
    return { ...reply, text, readUnits, writeUnits, rateLimited: false };
  }

  private answer(path: string, requestBytes: number, json: ReturnType<typeof parseJsonText>): KvsReply {
    try {
      if (this.closed) throw kvsErrors.internal('The local KVS service is closed');
      const route = ROUTES.get(path);
      if (route === undefined) throw kvsErrors.unknownEndpoint(path);
      if (requestBytes > LIMITS.requestMaxBytes) throw kvsErrors.payloadTooLarge(requestBytes, LIMITS.requestMaxBytes);
      if (!json.ok) throw kvsErrors.badRequest('the body is not JSON');
      return route(this.ctx, json.value);
    } catch (e) {
      return errorReply(e);
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
    if (this.queryView !== undefined) {
      const now = this.ctx.now();
      this.pending.push({ committedAt: now, visibleAt: now + this.queryLagMs, mutations });
    }
    if (this.log.pendingEntries >= this.compactAfterEntries) this.compact();
  }

  /**
   * The query view with every change whose lag has passed applied, oldest first (a change never
   * overtakes an earlier one). A clock set back before a change's commit makes it visible at once.
   */
  private caughtUpQueryView(): RecordStore {
    const view = this.queryView;
    if (view === undefined) return this.records;
    const now = this.ctx.now();
    while (this.pendingHead < this.pending.length) {
      const change = this.pending[this.pendingHead];
      if (change === undefined || (change.visibleAt > now && change.committedAt <= now)) break;
      for (const m of change.mutations) view.apply(m);
      this.pendingHead += 1;
    }
    if (this.pendingHead === this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
    } else if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    return view;
  }
}

const NO_KEYS: ReadonlyMap<string, number> = new Map();

/** The sets that can answer with a value (`returnValue: 'PREVIOUS' | 'LATEST'`). */
const SINGLE_SETS: ReadonlySet<string> = new Set(['/api/v1/set', '/api/v1/secret/set', '/api/v1/entity/set']);

function errorReply(e: unknown): KvsReply {
  if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `The local KVS failed: ${message}` } };
}

function refused(error: KvsError): KvsAnswer {
  const body = { code: error.code, message: error.message };
  return { status: error.status, body, text: JSON.stringify(body), readUnits: 0, writeUnits: 0, rateLimited: true };
}
