/** Calls the server's routing directly (no socket) the way a browser or script would. */
import { createServerApp, type ServerApp } from '../../../local/server/server-app';
import type { ServerHost } from '../../../local/server/host-port';
import type { HttpResponse } from '../../../local/server/http/exchange';

export { at } from '../../support/at';

export const ORIGIN = 'http://127.0.0.1:4567';

export function appFor(host: ServerHost): ServerApp {
  return createServerApp({
    host,
    bundles: { frameBridge: '/* frame */', pageBridge: '/* page */' },
    themeCss: '/* theme */',
    origin: () => ORIGIN,
  });
}

export interface Sent {
  status: number;
  headers: HttpResponse['headers'];
  text: string;
  json(): unknown;
  cookies: string[];
}

export async function send(
  app: ServerApp,
  method: string,
  url: string,
  options: { body?: string; headers?: Record<string, string>; cookie?: string } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { host: '127.0.0.1:4567', ...options.headers };
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  const res = await app.handle({ method, url, headers, body: options.body ?? '' });
  const text = typeof res.body === 'string' ? res.body : res.body.toString('utf8');
  const setCookie = res.headers['set-cookie'];
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => {
      const parsed: unknown = JSON.parse(text);
      return parsed;
    },
    cookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
  };
}

export function form(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
  };
}
