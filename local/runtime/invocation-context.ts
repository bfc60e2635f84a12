import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { emptyCounts, WaveMeter, type CallCounts } from './call-counters';

/** Who and where an invocation runs, as Forge gives it to the function. */
export interface InvocationContext {
  /** The user the invocation runs for (what `asUser()` acts as); null when there is none. */
  accountId: string | null;
  cloudId: string;
  installationId: string;
  moduleKey: string;
  functionKey: string;
  invocationId: string;
  /** Resolvers and product triggers get 25 s; scheduled triggers and queue consumers up to 900 s. */
  timeoutMs: number;
}

/** What a caller must say about an invocation; the rest has defaults. */
export type InvocationInput = Pick<InvocationContext, 'accountId' | 'moduleKey'> &
  Partial<Omit<InvocationContext, 'accountId' | 'moduleKey'>>;

export interface InvocationState {
  context: InvocationContext;
  startedAt: number;
  counts: CallCounts;
  /** The invocation's KVS waves (counts.kvsWaves). */
  waves: WaveMeter;
  traceId: string;
}

export interface SiteDefaults {
  cloudId: string;
  installationId: string;
}

export const DEFAULT_TIMEOUT_MS = 25_000;

export function newInvocation(input: InvocationInput, site: SiteDefaults): InvocationState {
  const invocationId = input.invocationId ?? randomUUID();
  return {
    context: {
      accountId: input.accountId,
      moduleKey: input.moduleKey,
      cloudId: input.cloudId ?? site.cloudId,
      installationId: input.installationId ?? site.installationId,
      functionKey: input.functionKey ?? input.moduleKey,
      invocationId,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
    startedAt: Date.now(),
    counts: emptyCounts(),
    waves: new WaveMeter(),
    traceId: invocationId.replace(/-/g, '').slice(0, 16),
  };
}

/** The current invocation, carried through awaits so that concurrent invocations never mix. */
export const invocationStorage = new AsyncLocalStorage<InvocationState>();
