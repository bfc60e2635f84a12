import { z } from 'zod';
import type { KvsService } from '../kvs/kvs-service';
import { countKvs, countProduct, WaveMeter, type CallCounts, type KvsRequestCost } from './call-counters';
import { invocationStorage } from './invocation-context';
import type { ProductHandler } from './product-handler';

/** Products whose requests go to the product handler. */
const PRODUCTS = new Set(['jira', 'confluence', 'bitbucket']);

/** The first argument of `__forge_fetch__`: {type:'kvs'} from @forge/kvs, {type:'fpp',...} from @forge/api. */
const fetchTarget = z.object({
  type: z.string(),
  provider: z.string().optional(),
  remote: z.string().optional(),
  accountId: z.string().optional(),
  contextAri: z.string().optional(),
});

const headersInit = z.union([
  z.instanceof(Headers),
  z.array(z.tuple([z.string(), z.string()])),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
]);

const fetchInit = z
  .object({
    method: z.string().optional(),
    headers: headersInit.optional(),
    body: z.unknown().optional(),
  })
  .optional();

function plainHeaders(headers: z.infer<typeof headersInit> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return out;
  }
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers))
    out[name.toLowerCase()] = String(value);
  return out;
}

function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  throw new Error(
    `Local Forge host: request bodies of this kind are not supported (${Object.prototype.toString.call(body)}); send a string`,
  );
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function response(status: number, body: string | null, headers: Record<string, string>): Response {
  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers,
  });
}

/**
 * Time the platform takes to answer, injected so that benchmarks see what an invocation costs
 * where storage and Jira are a network away (off by default: 0). Waited on real timers, so the
 * process clock moves by it too.
 */
export interface FetchLatency {
  /** Milliseconds before each KVS request is answered. */
  kvsMs: number;
  /** Milliseconds before each product (Jira) request is answered. */
  productMs: number;
}

export const NO_LATENCY: FetchLatency = { kvsMs: 0, productMs: 0 };

/** One KVS request as the host answered it, for whoever listens (e.g. a benchmark's quota window). */
export interface KvsRequestRecord extends KvsRequestCost {
  endpoint: string;
  /** Host clock (epoch ms) when the request was sent and when it was answered. */
  sentAt: number;
  answeredAt: number;
  /** The invocation it belongs to; null outside one. */
  invocationId: string | null;
}

export interface ForgeFetchDeps {
  kvs: KvsService;
  product: ProductHandler | undefined;
  /** The host-wide counts (replaced on reset, hence a function). */
  totals: () => CallCounts;
  /** The host-wide wave meter (replaced on reset with the counts). */
  totalWaves?: () => WaveMeter;
  /** The injected latency, read at each request (default none). */
  latency?: () => FetchLatency;
  /** Told about every KVS request when it is answered. */
  onKvsRequest?: (record: KvsRequestRecord) => void;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds `global.__forge_fetch__(target, path, init)`: KVS to the KVS service, products to the handler. */
export function forgeFetch(
  deps: ForgeFetchDeps,
): (target: unknown, path: unknown, init?: unknown) => Promise<Response> {
  return async (rawTarget, rawPath, rawInit) => {
    const target = fetchTarget.safeParse(rawTarget);
    if (!target.success || typeof rawPath !== 'string') {
      throw new Error(
        `Local Forge host: __forge_fetch__ needs a target object and a path, got ${JSON.stringify(rawTarget)} and ${JSON.stringify(rawPath)}`,
      );
    }
    const parsedInit = fetchInit.safeParse(rawInit);
    if (!parsedInit.success)
      throw new Error(
        `Local Forge host: the request options for ${rawPath} are not understood: ${parsedInit.error.message}`,
      );
    const init = parsedInit.data;
    const method = (init?.method ?? 'GET').toUpperCase();
    const invocation = invocationStorage.getStore();
    const { type, remote } = target.data;

    const latency = deps.latency?.() ?? NO_LATENCY;
    if (type === 'kvs') {
      const sentAt = Date.now();
      const totalWaves = deps.totalWaves?.();
      const waves = { total: totalWaves?.sent() ?? 0, invocation: invocation?.waves.sent() ?? 0 };
      if (latency.kvsMs > 0) await wait(latency.kvsMs);
      const count = (cost: KvsRequestCost) => {
        countKvs(deps.totals(), rawPath, cost);
        totalWaves?.answer(waves.total, deps.totals());
        if (invocation !== undefined) {
          countKvs(invocation.counts, rawPath, cost);
          invocation.waves.answer(waves.invocation, invocation.counts);
        }
        deps.onKvsRequest?.({
          ...cost,
          endpoint: rawPath,
          sentAt,
          answeredAt: Date.now(),
          invocationId: invocation?.context.invocationId ?? null,
        });
      };
      const json = { 'content-type': 'application/json', 'x-trace-id': invocation?.traceId ?? 'local' };
      if (method !== 'POST') {
        count({ readUnits: 0, writeUnits: 0, rateLimited: false });
        return response(
          405,
          JSON.stringify({ code: 'METHOD_NOT_ALLOWED', message: `The KVS takes POST, not ${method}` }),
          json,
        );
      }
      const answer = deps.kvs.handle(rawPath, bodyText(init?.body) ?? '');
      count(answer);
      return response(answer.status, answer.text, json);
    }

    if (type === 'fpp' && remote !== undefined && PRODUCTS.has(remote)) {
      if (deps.product === undefined)
        throw new Error(
          `Local Forge host: a ${remote} request (${method} ${rawPath}) was made but no product handler is installed`,
        );
      const asUser =
        target.data.provider === 'user' ? (target.data.accountId ?? invocation?.context.accountId ?? null) : null;
      if (target.data.provider === 'user' && asUser === null) {
        throw new Error(
          `Local Forge host: asUser() was called for ${method} ${rawPath} but this invocation has no user (accountId is null)`,
        );
      }
      countProduct(deps.totals(), remote, method, rawPath);
      if (invocation !== undefined) countProduct(invocation.counts, remote, method, rawPath);
      if (latency.productMs > 0) await wait(latency.productMs);
      const reply = await deps.product({
        product: remote,
        method,
        path: rawPath,
        headers: plainHeaders(init?.headers),
        body: bodyText(init?.body),
        asUser,
      });
      return response(reply.status, reply.body ?? null, reply.headers ?? {});
    }

    throw new Error(
      `Local Forge host: no route for target ${JSON.stringify(target.data)} (path ${rawPath}); it serves {type:'kvs'} and {type:'fpp'} for ${[...PRODUCTS].join(', ')}`,
    );
  };
}
