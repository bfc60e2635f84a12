/**
 * When a busy service stops a trigger or a queue consumer: Forge storage over its per-minute quota
 * (still 429 after the in-invocation backoff) or Jira over the app's points budget (429 with a
 * `Retry-After` past the invocation's end). Instead of failing, the function answers an
 * `InvocationError` with a `retryAfter`, and Forge delivers the event again then, with
 * `retryContext` (docs/forge-fidelity.md, "Product events are retried …": at most four retries,
 * `retryAfter` at most 900 s).
 *
 * Storage names no time (its 429 has no `Retry-After`): the retry is spread at random over
 * 60–900 s, so the events a bulk change refused come back over a quarter of an hour, which the
 * read quota can take, instead of together. Jira names one: its `Retry-After`, plus up to 30 s so
 * the events waiting for the same hour do not all arrive in its first second; a wait past 900 s is
 * cut to 900, and four retries of 900 s reach past any hourly reset.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { serviceBusy } from '../app/app-failure';

/** Forge lowers a larger `retryAfter` to this (seconds). */
export const MAX_RETRY_AFTER_S = 900;
/** Forge retries an event at most this many times. */
export const MAX_RETRIES = 4;
/** The spread of a retry after storage's quota refused the work (seconds). */
export const STORAGE_RETRY_SPREAD_S = { min: 60, max: MAX_RETRY_AFTER_S } as const;
/** At most this much is added to Jira's `Retry-After` (seconds). */
export const JIRA_RETRY_JITTER_S = 30;

/** Forge's note on a retried delivery (`retryContext` of a product event or an AsyncEvent). */
const Retried = z.object({ retryContext: z.object({ retryCount: z.number().int().nonnegative() }).optional() });

/** Which retry this delivery is (0: the first delivery). */
export function retryCountOf(event: unknown): number {
  const parsed = Retried.safeParse(event);
  return parsed.success ? (parsed.data.retryContext?.retryCount ?? 0) : 0;
}

/** Seconds until the next delivery, for a failure a busy service caused; null for any other failure. */
export function retryAfterFor(error: unknown, random: () => number = Math.random): number | null {
  const busy = serviceBusy(error);
  if (busy === null) return null;
  const seconds =
    busy.waitMs !== null
      ? Math.ceil(busy.waitMs / 1000) + Math.floor(random() * (JIRA_RETRY_JITTER_S + 1))
      : STORAGE_RETRY_SPREAD_S.min +
        Math.floor(random() * (STORAGE_RETRY_SPREAD_S.max - STORAGE_RETRY_SPREAD_S.min + 1));
  return Math.min(MAX_RETRY_AFTER_S, Math.max(1, seconds));
}

/** The InvocationError that asks Forge for the event again in `retryAfter` seconds. */
export function retryLater(retryAfter: number): InvocationError {
  return new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED });
}
