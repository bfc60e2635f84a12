/**
 * Forge storage (`kvs` of @forge/kvs) as every store of the app uses it: a request refused for the
 * installation's quota (429 RATE_LIMIT_EXCEEDED: 1,000 requests a second, 4,000 read or write
 * units a minute, 45 batch sets a minute; docs/forge-fidelity.md) is sent again after an
 * exponential backoff with jitter, as long as the wait fits in what is left of the invocation.
 * When it does not, the request fails with UNAVAILABLE and a sentence a user can act on; a queue
 * consumer or trigger that fails is delivered again by Forge later.
 *
 * Every call of the real `kvs` goes through here: the wrapper follows the builders (`entity()`,
 * `query().where()…`, `transact().set()…`) and retries the call that returns a promise
 * (`get`, `getMany`, `execute`, …), which on a 429 wrote nothing.
 */
import { ForgeKvsAPIError, kvs as forgeKvs } from '@forge/kvs';
import { AppFailure } from '../../app/app-failure';
import { forgeRemainingMs } from '../jira/client-options';
import { backoffMs } from '../jira/retry-after';

export interface StorageRetryPolicy {
  /** Milliseconds left in the invocation. */
  deadline: () => number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter. */
  random: () => number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time kept after a wait for the request itself and what the invocation still has to do. */
  reserveMs: number;
}

export const STORAGE_RETRY_DEFAULTS: StorageRetryPolicy = {
  deadline: forgeRemainingMs,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  // the quotas are per rolling minute: the waits add up to more than a minute (250 ms doubling to
  // 16 s: about 95 s over 12 tries) when the invocation has the time (a queue consumer's 900 s)
  maxAttempts: 12,
  baseDelayMs: 250,
  maxDelayMs: 16_000,
  reserveMs: 2_000,
};

let policy: StorageRetryPolicy = STORAGE_RETRY_DEFAULTS;

/** Changes how storage retries (tests: a sleep that moves the host clock); returns the undo. */
export function setStorageRetry(change: Partial<StorageRetryPolicy>): () => void {
  const before = policy;
  policy = { ...policy, ...change };
  return () => {
    policy = before;
  };
}

export function isRateLimited(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && error.code === 'RATE_LIMIT_EXCEEDED';
}

/** Storage stayed over its quota for longer than this invocation can wait. */
export function storageBusy(attempts: number, why: string): AppFailure {
  return new AppFailure(
    'UNAVAILABLE',
    `Forge storage is busy for this site: it refused ${attempts} requests in a row for its per-minute quota (${why}). ` +
      'The refused change was not made; try again in a minute.',
    undefined,
    { service: 'storage', waitMs: null },
  );
}

async function withRetries<T>(call: () => Promise<T>, first: Promise<T>): Promise<T> {
  let pending = first;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await pending;
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      if (attempt >= policy.maxAttempts) throw storageBusy(attempt, 'no attempts left');
      const wait = backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs, policy.random());
      const left = policy.deadline();
      if (wait + policy.reserveMs > left)
        throw storageBusy(attempt, `the next try is due in ${Math.ceil(wait / 1000)} s, past this invocation's time`);
      await policy.sleep(wait);
      pending = call();
    }
  }
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** `target` with every method wrapped: promises retried on 429, builders wrapped in turn. */
function retrying<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const invoke = () => (value as (...a: unknown[]) => unknown).apply(object, args);
        const result = invoke();
        if (isThenable(result)) return withRetries(invoke as () => Promise<unknown>, result);
        if (typeof result === 'object' && result !== null) return retrying(result);
        return result;
      };
    },
  });
}

/** The app's `kvs`: @forge/kvs with quota refusals retried. */
export const kvs: typeof forgeKvs = retrying(forgeKvs);
