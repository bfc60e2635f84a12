/**
 * Puts the local queue behind `__forge_fetch__`. @forge/events posts through @forge/api's
 * `__requestAtlassianAsApp` (events/out/queue.js:12,29), i.e. `__forge_fetch__({type: 'fpp',
 * provider: 'app', remote: 'stargate'}, path, {method: 'POST', body: JSON, headers})` (api/out/api/
 * fetch.js:21-29, 210-216), to `/webhook/queue/{publish,stats,cancel}/{contextAri}/{environmentId}/
 * {appId}/{appVersion}` (events/out/queries.js:4-6). It expects 201 for a push, 200 with
 * `{success, inProgress, failed}` for stats and 204 for a cancel (validators.js:81-122).
 *
 * The runtime (local/runtime) refuses `stargate` targets; this wraps its `__forge_fetch__` and
 * answers the three queue paths, passing everything else on unchanged.
 */
import { z } from 'zod';
import { isAppFunction } from './app-handlers';
import { JobRequest, PushRequest, type LocalQueues, type QueueReply } from './async-queue';

const QUEUE_PATH = /^\/webhook\/queue\/(publish|stats|cancel)\//;

const StargateTarget = z.object({ type: z.literal('fpp'), remote: z.literal('stargate') });
const PostInit = z.object({ method: z.string().optional(), body: z.string().optional() });

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

function reply(r: QueueReply): Response {
  const body = r.status === 204 || r.body === undefined ? null : JSON.stringify(r.body);
  const headers: Record<string, string> = body === null ? {} : { 'content-type': 'application/json' };
  return new Response(body, { status: r.status, statusText: STATUS_TEXT[r.status] ?? '', headers });
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** Wraps the installed `__forge_fetch__`; returns a function that puts the unwrapped one back. */
export function routeQueueRequests(queues: LocalQueues, currentAccountId: () => string | null): () => void {
  const inner: unknown = Reflect.get(globalThis, '__forge_fetch__');
  if (!isAppFunction(inner)) throw new Error('The local host must install the Forge runtime before the queue route');
  const wrapped = async (target: unknown, path: unknown, init?: unknown): Promise<unknown> => {
    const match = typeof path === 'string' ? QUEUE_PATH.exec(path) : null;
    if (match === null || !StargateTarget.safeParse(target).success) return inner(target, path, init);
    const options = PostInit.safeParse(init ?? {});
    const json = parseJson(options.success ? options.data.body : undefined);
    if (match[1] === 'publish') {
      const request = PushRequest.safeParse(json);
      if (!request.success)
        return reply({ status: 400, body: { message: `Not a queue push: ${request.error.message}` } });
      return reply(queues.push(request.data, currentAccountId()));
    }
    const request = JobRequest.safeParse(json);
    if (!request.success)
      return reply({ status: 400, body: { message: `Not a job request: ${request.error.message}` } });
    return reply(match[1] === 'stats' ? queues.stats(request.data) : queues.cancel(request.data));
  };
  Reflect.set(globalThis, '__forge_fetch__', wrapped);
  return () => {
    if (Reflect.get(globalThis, '__forge_fetch__') === wrapped) Reflect.set(globalThis, '__forge_fetch__', inner);
  };
}
