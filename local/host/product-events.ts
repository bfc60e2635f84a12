/**
 * Product events: the local Jira reports each issue change (`onEvent`); every manifest trigger
 * listening to that event runs in its own invocation, in the background, as on Forge. A trigger
 * with `filter.ignoreSelf` does not hear changes the app made itself (`asApp()`).
 *
 * Strict (Forge's product events page: asynchronous, retried; docs/forge-fidelity.md): each
 * delivery waits a random delay on the host clock (so events arrive late and in no order), some
 * events are delivered twice (each copy with its own delay), and a trigger that throws, times out
 * or returns an InvocationError gets the event again with `retryContext` after a backoff
 * (`retryAfter` when given, at most 900 s), at most four times.
 *
 * Lenient (the host before issue 12): delivered at once, once; only an InvocationError is retried
 * (after its `retryAfter`), at most four times; a trigger that throws is recorded, not retried.
 */
import type { EventOrigin, IssueEvent } from '../jira';
import type { Rng } from '../prng';
import type { HostClock } from './host-clock';
import { retryRequested, type RetryContext } from './invocation-error';
import type { TriggerEntry } from './manifest';
import type { InvocationResult } from './run-function';

/** `retryAfter` above this is lowered to it (product events page, "retryAfter limitation"). */
export const MAX_RETRY_AFTER_SECONDS = 900;

export interface StrictProductEventSettings {
  /** Each delivery waits a uniform random time in [minDelayMs, maxDelayMs] on the host clock. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Share of events delivered twice (0–1). */
  duplicateRate: number;
  /** Backoff after a failure without `retryAfter`: base × 2^attempt seconds plus up to 50 % jitter. */
  retryBaseSeconds: number;
  rng: Rng;
}

export interface ProductEventDeps {
  triggers: readonly TriggerEntry[];
  /** Runs a trigger's function once with this payload. */
  invoke: (trigger: TriggerEntry, payload: Record<string, unknown>, attempt: number) => Promise<InvocationResult>;
  /** Starts background work (tracked for drain()). */
  background: (work: Promise<unknown>) => void;
  clock: HostClock;
  maxRetries: number;
  /** Strict delivery; null for lenient. */
  strict: StrictProductEventSettings | null;
}

/** The triggers that hear this event (filters applied). */
export function listeningTriggers(
  triggers: readonly TriggerEntry[],
  eventType: string,
  origin: EventOrigin,
): TriggerEntry[] {
  return triggers.filter((t) => {
    const filter = t.events.get(eventType);
    if (filter === undefined) return false;
    return !(filter.ignoreSelf === true && origin.causedByApp);
  });
}

export function productEventListener(deps: ProductEventDeps): (event: IssueEvent, origin: EventOrigin) => void {
  return (event, origin) => {
    // Copied now: the trigger runs later and must see the event as it was (and cannot change ours).
    const payload: Record<string, unknown> = { ...structuredClone(event) };
    for (const trigger of listeningTriggers(deps.triggers, event.eventType, origin)) {
      const strict = deps.strict;
      if (strict === null) {
        deps.background(deliverLeniently(deps, trigger, payload));
        continue;
      }
      const copies = strict.rng.chance(strict.duplicateRate) ? 2 : 1;
      for (let i = 0; i < copies; i += 1) {
        // late from the moment of the change
        const at =
          deps.clock.now() +
          strict.rng.int(Math.max(0, strict.minDelayMs), Math.max(strict.minDelayMs, strict.maxDelayMs));
        deps.background(deliverStrictly(deps, strict, trigger, payload, at));
      }
    }
  };
}

const started = () => new Promise((resolve) => setImmediate(resolve));

async function deliverLeniently(
  deps: ProductEventDeps,
  trigger: TriggerEntry,
  payload: Record<string, unknown>,
): Promise<void> {
  // Start after the change's request has answered, as Forge delivers events asynchronously.
  await started();
  let retryContext: RetryContext | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const result = await deps.invoke(
      trigger,
      retryContext === undefined ? payload : { ...payload, retryContext },
      attempt,
    );
    const retry = result.ok ? retryRequested(result.value) : null;
    if (retry === null || attempt >= deps.maxRetries) return;
    await deps.clock.wait(retry.retryAfter * 1000);
    retryContext = { retryCount: attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
  }
}

async function deliverStrictly(
  deps: ProductEventDeps,
  strict: StrictProductEventSettings,
  trigger: TriggerEntry,
  payload: Record<string, unknown>,
  at: number,
): Promise<void> {
  await started();
  await deps.clock.until(at);
  let retryContext: RetryContext | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const result = await deps.invoke(
      trigger,
      retryContext === undefined ? payload : { ...payload, retryContext },
      attempt,
    );
    const retry = result.ok
      ? retryRequested(result.value)
      : {
          retryAfter: null,
          retryReason:
            result.error.name === 'FunctionTimeoutError' ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR',
          retryData: undefined,
        };
    if (retry === null || attempt >= deps.maxRetries) return;
    const backoff = retry.retryAfter ?? strict.retryBaseSeconds * 2 ** attempt * (1 + strict.rng.float() / 2);
    await deps.clock.wait(Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, backoff)) * 1000);
    retryContext = { retryCount: attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
  }
}
