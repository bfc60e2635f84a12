/**
 * What an invocation (or the whole host) cost in platform calls. One KVS round trip is one
 * request to the KVS service: a get, a query page, a batch or a transaction each count once.
 * Read and write units are what Forge's storage quotas count: 10 KB of request, rounded up, per
 * request (local/kvs/quotas.ts, docs/local-host.md "Counting").
 */
export interface CallCounts {
  kvsRoundTrips: number;
  /**
   * KVS round trips on the critical path: the longest chain of requests in which each started
   * after the one before it had been answered (requests sent together count once). Meaningful
   * with an injected latency (`latency.kvsMs`): without one the host answers a request before
   * the next one is sent, so every round trip is a wave of its own.
   */
  kvsWaves: number;
  /** Read units the KVS requests counted (gets, batch gets, query pages; a set that returns a value). */
  kvsReadUnits: number;
  /** Write units the KVS requests counted (sets, deletes, batch sets and deletes, transactions). */
  kvsWriteUnits: number;
  /** KVS requests refused with 429 RATE_LIMIT_EXCEEDED (strict mode); they count as round trips, not units. */
  kvsRateLimited: number;
  productCalls: number;
  /** KVS round trips per endpoint, e.g. `/api/v1/entity/query`. */
  kvsByEndpoint: Record<string, number>;
  /** Product calls per route, e.g. `jira GET /rest/api/3/search/jql` (query string left out). */
  productByRoute: Record<string, number>;
}

/** What one KVS request cost, as the KVS service answered it. */
export interface KvsRequestCost {
  readUnits: number;
  writeUnits: number;
  rateLimited: boolean;
}

export function emptyCounts(): CallCounts {
  return {
    kvsRoundTrips: 0,
    kvsWaves: 0,
    kvsReadUnits: 0,
    kvsWriteUnits: 0,
    kvsRateLimited: 0,
    productCalls: 0,
    kvsByEndpoint: {},
    productByRoute: {},
  };
}

export function copyCounts(c: CallCounts): CallCounts {
  return { ...c, kvsByEndpoint: { ...c.kvsByEndpoint }, productByRoute: { ...c.productByRoute } };
}

export function countKvs(c: CallCounts, endpoint: string, cost: KvsRequestCost): void {
  c.kvsRoundTrips += 1;
  c.kvsReadUnits += cost.readUnits;
  c.kvsWriteUnits += cost.writeUnits;
  if (cost.rateLimited) c.kvsRateLimited += 1;
  c.kvsByEndpoint[endpoint] = (c.kvsByEndpoint[endpoint] ?? 0) + 1;
}

export function countProduct(c: CallCounts, product: string, method: string, path: string): void {
  c.productCalls += 1;
  const route = `${product} ${method} ${path.split('?')[0] ?? path}`;
  c.productByRoute[route] = (c.productByRoute[route] ?? 0) + 1;
}

/**
 * Counts waves: a request's wave is one more than the highest wave among the requests answered
 * before it was sent, so the highest wave is the longest chain of requests each sent after the
 * one before was answered.
 */
export class WaveMeter {
  /** The highest wave among the requests answered so far. */
  private answered = 0;

  /** The wave of a request sent now. */
  sent(): number {
    return this.answered + 1;
  }

  /** A request of wave `wave` was answered: notes it and puts it into `counts`. */
  answer(wave: number, counts: CallCounts): void {
    if (wave > this.answered) this.answered = wave;
    if (wave > counts.kvsWaves) counts.kvsWaves = wave;
  }
}
