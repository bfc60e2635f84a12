/**
 * The server listens on the loopback interface, but any web page the developer opens could still
 * send requests to it. Two checks keep those out: the Host header must name this server (against
 * DNS rebinding), and a request that changes something must not come from another origin.
 */
import type { HttpRequest } from './http/exchange';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function allowedHosts(origin: URL): Set<string> {
  const port = origin.port;
  return new Set([origin.host, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
}

function originHost(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/** Why the request is refused, or null when it may go on. */
export function refusal(request: HttpRequest, origin: URL): string | null {
  const hosts = allowedHosts(origin);
  const host = request.headers.host;
  if (host !== undefined && !hosts.has(host.toLowerCase()))
    return `This local server answers only for ${origin.host}, not for '${host}'.`;
  const from = request.headers.origin;
  if (!SAFE_METHODS.has(request.method) && from !== undefined) {
    const fromHost = originHost(from);
    if (fromHost === null || !hosts.has(fromHost))
      return `Requests that change data must come from ${origin.origin}, not from ${from}.`;
  }
  return null;
}
