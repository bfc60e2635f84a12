/**
 * What an invocation (or the whole host) cost in platform calls. One KVS round trip is one
 * request to the KVS service: a get, a query page, a batch or a transaction each count once.
 */
export interface CallCounts {
  kvsRoundTrips: number;
  productCalls: number;
  /** KVS round trips per endpoint, e.g. `/api/v1/entity/query`. */
  kvsByEndpoint: Record<string, number>;
  /** Product calls per route, e.g. `jira GET /rest/api/3/search/jql` (query string left out). */
  productByRoute: Record<string, number>;
}

export function emptyCounts(): CallCounts {
  return { kvsRoundTrips: 0, productCalls: 0, kvsByEndpoint: {}, productByRoute: {} };
}

export function copyCounts(c: CallCounts): CallCounts {
  return { ...c, kvsByEndpoint: { ...c.kvsByEndpoint }, productByRoute: { ...c.productByRoute } };
}

export function countKvs(c: CallCounts, endpoint: string): void {
  c.kvsRoundTrips += 1;
  c.kvsByEndpoint[endpoint] = (c.kvsByEndpoint[endpoint] ?? 0) + 1;
}

export function countProduct(c: CallCounts, product: string, method: string, path: string): void {
  c.productCalls += 1;
  const route = `${product} ${method} ${path.split('?')[0] ?? path}`;
  c.productByRoute[route] = (c.productByRoute[route] ?? 0) + 1;
}
