import { z } from 'zod';
import type { KvsService } from '../kvs/kvs-service';
import { countKvs, countProduct, type CallCounts, type KvsRequestCost } from './call-counters';
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

export interface ForgeFetchDeps {
  kvs: KvsService;
  product: ProductHandler | undefined;
  /** The host-wide counts (replaced on reset, hence a function). */
  totals: () => CallCounts;
}

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

    if (type === 'kvs') {
      const count = (cost: KvsRequestCost) => {
        countKvs(deps.totals(), rawPath, cost);
        if (invocation !== undefined) countKvs(invocation.counts, rawPath, cost);
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
