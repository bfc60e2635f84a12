/**
 * Sends one Jira request, retrying while Jira says "later" (429, 5xx) or does not answer at all (a
 * network error: no HTTP answer): after `Retry-After` when Jira gives one, else after an
 * exponential backoff with jitter. It never sleeps past the
 * invocation's remaining time: when the next wait (plus time kept for the request itself) does
 * not fit, or the attempts are used up, it gives up with UNAVAILABLE naming the endpoint and
 * the last status. Other answers (2xx and final 4xx) are returned to the caller as they are.
 */
import type { APIResponse } from '@forge/api';
import { unavailable } from './jira-errors';
import { backoffMs, retryAfterMs } from './retry-after';

export interface RetryPolicy {
  /** Milliseconds left in the invocation (Forge: 25 s for resolvers and triggers, up to 900 s for jobs). */
  deadline: () => number;
  sleep: (ms: number) => Promise<void>;
  /** For `Retry-After` given as an HTTP date. */
  now: () => number;
  /** In [0, 1): the jitter. */
  random: () => number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time kept after a wait for the request to be sent and answered. */
  reserveMs: number;
  /** Sees the headers of every answer Jira gives (the client reads its rate-limit headers). */
  onAnswer?: (headers: { get(name: string): string | null }) => void;
}

/** What Jira answered, read once. */
export interface JiraAnswer {
  endpoint: string;
  status: number;
  body: string;
}

export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

export async function sendWithRetries(
  endpoint: string,
  send: () => Promise<APIResponse>,
  policy: RetryPolicy,
): Promise<JiraAnswer> {
  for (let attempt = 1; ; attempt += 1) {
    let response: APIResponse;
    let body: string;
    try {
      response = await send();
      body = await response.text();
      policy.onAnswer?.(response.headers);
    } catch (error) {
      // no HTTP answer (the connection failed or was cut): as retryable as a 503
      const why = `no answer (${error instanceof Error ? error.message : String(error)})`;
      if (attempt >= policy.maxAttempts) throw unavailable(endpoint, null, `${why} after ${attempt} attempts`);
      const wait = backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs, policy.random());
      const left = policy.deadline();
      if (wait + policy.reserveMs > left)
        throw unavailable(
          endpoint,
          null,
          `${why}; the next retry is due in ${seconds(wait)} but only ${seconds(Math.max(0, left))} remain in this invocation`,
        );
      await policy.sleep(wait);
      continue;
    }
    if (!isRetryable(response.status)) return { endpoint, status: response.status, body };
    if (attempt >= policy.maxAttempts)
      throw unavailable(endpoint, response.status, `gave up after ${attempt} attempts`);
    const asked = retryAfterMs(response.headers.get('retry-after'), policy.now());
    const wait = asked ?? backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs, policy.random());
    const left = policy.deadline();
    if (wait + policy.reserveMs > left) {
      const waitText =
        asked === null ? `the next retry is due in ${seconds(wait)}` : `Jira asked to wait ${seconds(wait)}`;
      throw unavailable(
        endpoint,
        response.status,
        `${waitText} but only ${seconds(Math.max(0, left))} remain in this invocation`,
        asked,
      );
    }
    await policy.sleep(wait);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
