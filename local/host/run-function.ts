/**
 * Runs one app function as one Forge invocation: inside the runtime's `runCounted` (so the SDK
 * calls it makes act for its user and are counted for it), with the Forge time limit, and with
 * its failure caught and reported rather than thrown, as the platform does.
 */
import type { CallCounts, ForgeHost, InvocationContext } from '../runtime/install-forge-runtime';
import { DEFAULT_TIMEOUT_MS } from '../runtime/invocation-context';
import { retryRequested } from './invocation-error';

export type InvocationKind = 'resolver' | 'trigger' | 'scheduledTrigger' | 'consumer';

export type InvocationOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

export type InvocationResult = InvocationOutcome & {
  counts: CallCounts;
  invocation: InvocationContext;
  durationMs: number;
};

/** What the host remembers of each invocation (the last few hundred), e.g. for the CLI or a UI. */
export interface InvocationRecord {
  kind: InvocationKind;
  moduleKey: string;
  functionKey: string;
  invocationId: string;
  accountId: string | null;
  ok: boolean;
  /** The error message when it failed. */
  error?: string;
  /** 0 for the first attempt, then the retry number. */
  attempt: number;
  /** Seconds the function asked Forge to wait before delivering its event again (it returned an InvocationError). */
  retryAfter?: number;
  counts: CallCounts;
  startedAt: number;
  durationMs: number;
}

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

/** Resolvers and product-event triggers: 25 s (an invocation's default); others: the function's timeoutSeconds, else 55 s. */
export const RESOLVER_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;
export const DEFAULT_LONG_TIMEOUT_MS = 55_000;

export interface RunFunctionInput {
  kind: InvocationKind;
  accountId: string | null;
  moduleKey: string;
  functionKey: string;
  timeoutMs: number;
  attempt?: number;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(typeof e === 'string' ? e : JSON.stringify(e));
}

export async function runFunction(
  runtime: ForgeHost,
  input: RunFunctionInput,
  call: () => unknown,
  record: (r: InvocationRecord) => void,
): Promise<InvocationResult> {
  const startedAt = Date.now();
  const report = await runtime.runCounted(
    {
      accountId: input.accountId,
      moduleKey: input.moduleKey,
      functionKey: input.functionKey,
      timeoutMs: input.timeoutMs,
    },
    async (): Promise<InvocationOutcome> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new FunctionTimeoutError(
                `${input.functionKey} (${input.moduleKey}) ran longer than ${input.timeoutMs / 1000} s`,
              ),
            ),
          input.timeoutMs,
        );
        timer.unref();
      });
      try {
        const value: unknown = await Promise.race([Promise.resolve().then(call), timeout]);
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: asError(e) };
      } finally {
        clearTimeout(timer);
      }
    },
  );
  const durationMs = Date.now() - startedAt;
  const outcome = report.result;
  const retry = outcome.ok ? retryRequested(outcome.value) : null;
  record({
    kind: input.kind,
    moduleKey: input.moduleKey,
    functionKey: input.functionKey,
    invocationId: report.context.invocationId,
    accountId: input.accountId,
    ok: outcome.ok,
    ...(outcome.ok ? {} : { error: outcome.error.message }),
    attempt: input.attempt ?? 0,
    ...(retry === null ? {} : { retryAfter: retry.retryAfter }),
    counts: report.counts,
    startedAt,
    durationMs,
  });
  return { ...outcome, counts: report.counts, invocation: report.context, durationMs };
}
