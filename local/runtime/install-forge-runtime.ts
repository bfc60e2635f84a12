import type { KvsService } from '../kvs/kvs-service';
import { copyCounts, emptyCounts, WaveMeter, type CallCounts } from './call-counters';
import { forgeFetch, NO_LATENCY, type FetchLatency, type KvsRequestRecord } from './forge-fetch';
import { DEFAULT_APP, forgeRuntimeObject, type AppIdentity } from './forge-runtime-object';
import {
  invocationStorage,
  newInvocation,
  type InvocationContext,
  type InvocationInput,
  type SiteDefaults,
} from './invocation-context';
import type { ProductHandler } from './product-handler';

export type { CallCounts } from './call-counters';
export type { FetchLatency, KvsRequestRecord } from './forge-fetch';
export type { InvocationContext, InvocationInput } from './invocation-context';
export type { ProductHandler, ProductRequest, ProductResponse } from './product-handler';

export interface InstallForgeRuntimeOptions {
  /** Where `@forge/kvs` requests go. */
  kvs: KvsService;
  /** Where product requests (`requestJira`, as user or app) go; without one they fail clearly. */
  product?: ProductHandler;
  app?: Partial<AppIdentity>;
  /** The site invocations run on unless they say otherwise. */
  site?: Partial<SiteDefaults>;
  /** Latency injected before each KVS and product request is answered (default none). */
  latency?: Partial<FetchLatency>;
}

export interface InvocationReport<T> {
  result: T;
  counts: CallCounts;
  context: InvocationContext;
}

export interface ForgeHost {
  /** Runs `fn` as one invocation: SDK calls inside it act for `context` and are counted for it. */
  runInvocation<T>(context: InvocationInput, fn: () => T | Promise<T>): Promise<T>;
  /** As runInvocation, also returning what the invocation cost. */
  runCounted<T>(context: InvocationInput, fn: () => T | Promise<T>): Promise<InvocationReport<T>>;
  /** The invocation the caller is inside, with its counts so far. */
  currentInvocation(): { context: InvocationContext; counts: CallCounts } | undefined;
  /** Every call since installation (or the last reset), inside invocations or not. */
  counters(): CallCounts;
  resetCounters(): void;
  /** The latency injected from now on (a part given keeps the rest as it was); `{kvsMs: 0, productMs: 0}` turns it off. */
  setLatency(latency: Partial<FetchLatency>): void;
  latency(): FetchLatency;
  /** Calls `listener` with every KVS request when it is answered; returns the function that stops it. */
  onKvsRequest(listener: (record: KvsRequestRecord) => void): () => void;
  /** Puts back whatever the globals were before installation. */
  uninstall(): void;
}

const GLOBALS = ['__forge_runtime__', '__forge_fetch__'] as const;

/**
 * Installs `global.__forge_runtime__` and `global.__forge_fetch__`, the two globals through which
 * the real `@forge/kvs` and `@forge/api` reach the platform, so that they run against the local
 * KVS service and a local product. The SDKs may be imported before or after this.
 */
export function installForgeRuntime(options: InstallForgeRuntimeOptions): ForgeHost {
  const app: AppIdentity = { ...DEFAULT_APP, ...options.app };
  const site: SiteDefaults = {
    cloudId: 'tether-local-cloud',
    installationId: 'tether-local-installation',
    ...options.site,
  };
  let totals = emptyCounts();
  let totalWaves = new WaveMeter();
  let latency: FetchLatency = checkedLatency({ ...NO_LATENCY, ...options.latency });
  const listeners = new Set<(record: KvsRequestRecord) => void>();
  const previous = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);

  Reflect.set(globalThis, '__forge_runtime__', forgeRuntimeObject(app, site));
  Reflect.set(
    globalThis,
    '__forge_fetch__',
    forgeFetch({
      kvs: options.kvs,
      product: options.product,
      totals: () => totals,
      totalWaves: () => totalWaves,
      latency: () => latency,
      onKvsRequest: (record) => {
        for (const listener of listeners) listener(record);
      },
    }),
  );

  const runCounted = async <T>(input: InvocationInput, fn: () => T | Promise<T>): Promise<InvocationReport<T>> => {
    const state = newInvocation(input, site);
    const result = await invocationStorage.run(state, fn);
    return { result, counts: copyCounts(state.counts), context: state.context };
  };

  return {
    runCounted,
    runInvocation: async (input, fn) => (await runCounted(input, fn)).result,
    currentInvocation: () => {
      const state = invocationStorage.getStore();
      return state === undefined ? undefined : { context: state.context, counts: copyCounts(state.counts) };
    },
    counters: () => copyCounts(totals),
    resetCounters: () => {
      totals = emptyCounts();
      totalWaves = new WaveMeter();
    },
    setLatency: (next) => {
      latency = checkedLatency({ ...latency, ...next });
    },
    latency: () => ({ ...latency }),
    onKvsRequest: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    uninstall: () => {
      for (const [name, descriptor] of previous) {
        if (descriptor === undefined) Reflect.deleteProperty(globalThis, name);
        else Object.defineProperty(globalThis, name, descriptor);
      }
    },
  };
}

function checkedLatency(latency: FetchLatency): FetchLatency {
  for (const [name, ms] of Object.entries(latency))
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`Local Forge host: latency ${name} must be ≥ 0 ms, got ${ms}`);
  return latency;
}
