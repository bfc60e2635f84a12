/**
 * What an invocation (or the whole host) cost in platform calls. One KVS round trip is one
 * request to the KVS service: a get, a query page, a batch or a transaction each count once.
 * Read and write units are what Forge's storage quotas count: 10 KB of request, rounded up, per
 * request (local/kvs/quotas.ts, docs/local-host.md "Counting").
 */
export interface CallCounts {
  kvsRoundTrips: number;
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
