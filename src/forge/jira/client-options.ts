/** What `createJiraClient` can be told, and the defaults for what it is not told. */
import { getAppContext } from '@forge/api';
import type { RetryPolicy } from './retry';
import type { FieldMemo } from './story-points-fields';

export interface JiraClientOptions {
  /** The site's story-points field (e.g. from Tether's settings); without it the field is found by name. */
  storyPointsFieldId?: string | null;
  /** Where the fields found by name are remembered across invocations (the triggers pass one). */
  storyPointsMemo?: FieldMemo;
  /** Issue type ids that count as bugs, besides types named "Bug". */
  bugIssueTypeIds?: readonly string[];
  /** Milliseconds left in the invocation; default: Forge's `invocationRemainingTimeInMillis()`. */
  deadline?: () => number;
  /** Waits between retries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  retry?: Partial<Pick<RetryPolicy, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'reserveMs'>>;
}

export const RETRY_DEFAULTS = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000, reserveMs: 1000 } as const;

/** Forge's remaining time for this invocation; unknown (no runtime, or a tunnel without it) is unbounded. */
export function forgeRemainingMs(): number {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function retryPolicy(options: JiraClientOptions): RetryPolicy {
  return {
    ...RETRY_DEFAULTS,
    ...options.retry,
    deadline: options.deadline ?? forgeRemainingMs,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

/** The invocation a cache belongs to, so a client kept across invocations does not reuse stale answers. */
export function currentInvocationId(): string {
  try {
    return getAppContext().invocationId;
  } catch {
    return 'no-invocation';
  }
}
