/**
 * One HTTP exchange as plain data, so that routing and handlers are tested without sockets:
 * `start-server.ts` turns node's request into an `HttpRequest` and writes the `HttpResponse`.
 */
export interface HttpRequest {
  method: string;
  /** Path and query as sent, e.g. `/browse/WEB-1?as=member`. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

export function htmlResponse(
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body,
  };
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string | string[]> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

export function textResponse(status: number, text: string, contentType = 'text/plain; charset=utf-8'): HttpResponse {
  return { status, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body: text };
}

export function redirect(location: string, headers: Record<string, string | string[]> = {}): HttpResponse {
  return { status: 303, headers: { location, 'cache-control': 'no-store', ...headers }, body: '' };
}

/** Adds Set-Cookie lines to a response. */
export function withCookies(response: HttpResponse, cookies: readonly string[]): HttpResponse {
  if (cookies.length === 0) return response;
  const existing = response.headers['set-cookie'];
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...response, headers: { ...response.headers, 'set-cookie': [...before, ...cookies] } };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}
