/**
 * startServer({host, port, hostname}) → {url, close()}: the HTTP side of the local Forge host
 * (node:http, no framework). Listens on 127.0.0.1 by default, prints where each app surface is,
 * and answers every request through `createServerApp`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildBrowserBundles } from './browser-bundles';
import type { ServerHost } from './host-port';
import type { HttpRequest, HttpResponse } from './http/exchange';
import { createServerApp } from './server-app';
import { startupLines } from './surfaces';
import { loadThemeCss } from './theme-css';

export interface StartServerOptions {
  host: ServerHost;
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the server is for this machine only. */
  hostname?: string;
  /** Where the startup lines go; default console.log. Pass `() => undefined` to stay quiet. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:4000` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Request bodies larger than this are refused (the REST API takes JSON, the forms a few fields). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, response: HttpResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(response.body);
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const themeCss = loadThemeCss();
  const bundles = await buildBrowserBundles();
  let origin = '';
  const app = createServerApp({ host: options.host, bundles, themeCss, origin: () => origin });

  const server = createServer((req, res) => {
    void (async () => {
      let body: string;
      try {
        body = await readBody(req);
      } catch (e) {
        send(res, {
          status: e instanceof BodyTooLarge ? 413 : 400,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body:
            e instanceof BodyTooLarge
              ? `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`
              : 'The request body could not be read.',
        });
        return;
      }
      const request: HttpRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url: req.url ?? '/',
        headers: headersOf(req),
        body,
      };
      send(res, await app.handle(request));
    })().catch((e: unknown) => {
      if (!res.headersSent)
        send(res, { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(e) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server is not listening on a TCP port.');
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${shownHost}:${address.port}`;
  // The site lives here now: Jira's links (avatars, self) must be ones a browser can load.
  options.host.serveSiteAt?.(origin);

  for (const line of await startupLines(options.host, origin)) log(line);

  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
