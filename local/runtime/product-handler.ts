/**
 * The seam between the runtime and a local product (the local Jira). `@forge/api` calls
 * `__forge_fetch__({type: 'fpp', provider, remote, accountId?}, path, init)` for
 * `asUser().requestJira(...)`, `asApp().requestJira(...)` and plain `requestJira(...)`
 * (node_modules/@forge/api/out/api/fetch.js, __fetchProduct and getFetchAPI); the runtime turns
 * that into one ProductRequest with the identity resolved.
 */
export interface ProductRequest {
  /** The `remote` of the target: 'jira' (or 'confluence', 'bitbucket'). */
  product: string;
  /** Upper case, e.g. 'GET'. */
  method: string;
  /** Path with query string, as the app built it with `route`, e.g. `/rest/api/3/issue/TT-1?fields=status`. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | null;
  /** The account the request acts for (`asUser()`), or null for the app itself (`asApp()`). */
  asUser: string | null;
}

export interface ProductResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | null;
}

export type ProductHandler = (request: ProductRequest) => Promise<ProductResponse>;
