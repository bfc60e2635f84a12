/**
 * Product events: the local Jira reports each issue change (`onEvent`); every manifest trigger
 * listening to that event runs in its own invocation, in the background, as on Forge. A trigger
 * with `filter.ignoreSelf` does not hear changes the app made itself (`asApp()`). A trigger
 * that returns an InvocationError is retried with `retryContext` in the event, at most four times;
 * one that throws is not retried (the error is recorded).
 */
import type { EventOrigin, IssueEvent } from '../jira';
import { retryRequested, type RetryContext } from './invocation-error';
import type { TriggerEntry } from './manifest';
import type { InvocationResult } from './run-function';

export interface ProductEventDeps {
  triggers: readonly TriggerEntry[];
  /** Runs a trigger's function once with this payload. */
  invoke: (trigger: TriggerEntry, payload: Record<string, unknown>, attempt: number) => Promise<InvocationResult>;
  /** Starts background work (tracked for drain()). */
  background: (work: Promise<unknown>) => void;
  wait: (seconds: number) => Promise<void>;
  maxRetries: number;
}

/** The triggers that hear this event (filters applied). */
export function listeningTriggers(triggers: readonly TriggerEntry[], eventType: string, origin: EventOrigin): TriggerEntry[] {
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
      deps.background(deliver(deps, trigger, payload));
    }
  };
}

async function deliver(deps: ProductEventDeps, trigger: TriggerEntry, payload: Record<string, unknown>): Promise<void> {
  // Start after the change's request has answered, as Forge delivers events asynchronously.
  await new Promise((resolve) => setImmediate(resolve));
  let retryContext: RetryContext | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const result = await deps.invoke(trigger, retryContext === undefined ? payload : { ...payload, retryContext }, attempt);
    const retry = result.ok ? retryRequested(result.value) : null;
    if (retry === null || attempt >= deps.maxRetries) return;
    await deps.wait(retry.retryAfter);
    retryContext = { retryCount: attempt + 1, retryReason: retry.retryReason, retryData: retry.retryData };
  }
}
