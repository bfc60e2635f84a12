/**
 * A function asks Forge to retry an event by returning an `InvocationError` from @forge/events
 * (node_modules/@forge/events/out/invocationError.js:6-21): its constructor returns the plain
 * object `{_retry: true, retryOptions: {retryAfter, retryReason, retryData?}}`. Forge retries an
 * event at most four times (product events reference, "Retry product events").
 */
import { z } from 'zod';

export const MAX_RETRIES = 4;

const RetryRequest = z.object({
  _retry: z.literal(true),
  retryOptions: z
    .object({
      retryAfter: z.number().optional(),
      retryReason: z.string().optional(),
      retryData: z.unknown().optional(),
    })
    .optional(),
});

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData: unknown;
}

export interface RetryRequest {
  /** Seconds to wait before the next attempt (at least 1, as the SDK enforces). */
  retryAfter: number;
  retryReason: string;
  retryData: unknown;
}

/** The retry a function's return value asks for, or null when it asks for none. */
export function retryRequested(value: unknown): RetryRequest | null {
  const parsed = RetryRequest.safeParse(value);
  if (!parsed.success) return null;
  const options = parsed.data.retryOptions ?? {};
  return {
    retryAfter: Math.max(1, options.retryAfter ?? 1),
    retryReason: options.retryReason ?? 'FUNCTION_RETRY_REQUEST',
    retryData: options.retryData,
  };
}
