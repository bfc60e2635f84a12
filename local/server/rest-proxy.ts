/**
 * `/rest/…`: the local Jira's REST API for scripts and tests, acting as the persona named by
 * `?as=` (default admin). `as` is taken out of the query before Jira sees it.
 */
import type { ServerHost } from './host-port';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http/exchange';
import { personaForRest } from './persona';

/** The raw query without `name=…` (other parameters keep their exact encoding). */
export function withoutParam(search: string, name: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const raw = part.split('=')[0] ?? '';
      try {
        return decodeURIComponent(raw.replace(/\+/g, ' ')) !== name;
      } catch {
        return true;
      }
    });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

const FORWARDED_HEADERS = ['content-type', 'accept', 'x-atlassian-token'];

export async function restProxy(host: ServerHost, request: HttpRequest, url: URL): Promise<HttpResponse> {
  const persona = personaForRest(host, url.searchParams);
  if (!persona.ok) return jsonResponse(400, { errorMessages: [persona.message], errors: {} });
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const res = await host.jira.request({
    method: request.method,
    path: url.pathname + withoutParam(url.search, 'as'),
    headers,
    body: request.body,
    asUser: persona.account.accountId,
  });
  return { status: res.status, headers: { ...res.headers, 'cache-control': 'no-store' }, body: res.body };
}
