/**
 * The one typed way Tether's own tools call the app's resolvers on a local host: the demo seeding
 * (local/demo), the `tether` command (local/cli), the tests' kits and the benchmarks. Built from
 * src/contract like the frontend's client (static/shared/src/client.ts):
 *
 * - the payload is typed by the resolver key (`PayloadIn<K>`), so a contract change breaks every
 *   caller at compile time;
 * - the reply is parsed with that key's reply schema (`replyFor(key)`), never cast;
 * - `callResolver` returns the data of `{ok: true}` and throws a `ResolverRefusal` (the key, the
 *   caller and the app's code, message and details) on `{ok: false}`;
 * - `resolverReply` returns the parsed reply itself, with what the call cost, for callers that show
 *   or test refusals (the CLI, the tests' kit);
 * - `resolverReplyUnchecked` takes any payload: only for tests that send what the contract refuses.
 *
 * It goes through `host.invokeResolver`, as the Custom UI's `invoke` does: the payload crosses as
 * JSON, @forge/resolver's request and a Forge-shaped context reach the module's resolver function.
 * The emulator (local/host) knows nothing of this file; only the Tether-specific parts of local/,
 * test/ and bench/ import it.
 */
import { z } from 'zod';
import { replyFor, type ApiKey, type DataOf, type PayloadIn } from '../../src/contract/api';
import type { AppError, Reply } from '../../src/contract/errors';
import type { Host, InvocationResult, ResolverCall } from '../host/create-host';

/** Tether's Custom UI modules in manifest.yml: where a call comes from decides its context. */
export const MODULES = {
  adminPage: 'tether-admin-page',
  projectPage: 'tether-project-page',
  issuePanel: 'tether-issue-panel',
} as const;

/** Who calls, from which module, with which extension context (`project`, `issue`). */
export interface Caller {
  /** The invoking user; `null` for a call without one. */
  accountId: string | null;
  moduleKey: string;
  extension?: ResolverCall['extension'];
  /** How messages name the caller (`admin`, `lead`); default the account id. */
  name?: string;
}

/** A key's reply, parsed with its contract, and what the invocation cost. */
export interface ParsedReply<K extends ApiKey> {
  reply: Reply<DataOf<K>>;
  counts: InvocationResult['counts'];
  durationMs: number;
}

function callerName(caller: Caller): string {
  return caller.name ?? caller.accountId ?? 'nobody';
}

/** The resolver did not answer: it threw, ran out of time, or its reply broke the contract. */
export class ResolverCallFailure extends Error {
  override readonly name = 'ResolverCallFailure';

  constructor(
    readonly key: ApiKey,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The resolver answered `{ok: false}`. */
export class ResolverRefusal extends Error {
  override readonly name = 'ResolverRefusal';

  constructor(
    readonly key: ApiKey,
    readonly caller: string,
    readonly error: AppError,
  ) {
    const details = (error.details ?? []).map((d) => `${d.path || '(payload)'}: ${d.message}`);
    super(
      `${key} as ${caller} answered ${error.code}: ${error.message}${details.length > 0 ? ` [${details.join('; ')}]` : ''}`,
    );
  }
}

/** The payload as it crosses to the resolver: JSON (`undefined`, a function, … send no payload). */
function wirePayload(payload: unknown): ResolverCall['payload'] {
  const text = JSON.stringify(payload);
  return text === undefined ? undefined : z.json().parse(JSON.parse(text));
}

/**
 * Invokes `key` as `caller` with any payload (tests of what the contract refuses) and parses the
 * reply with the key's reply schema. Throws a ResolverCallFailure when the invocation fails or the
 * reply breaks the contract; an `{ok: false}` reply is returned, not thrown.
 */
export async function resolverReplyUnchecked<K extends ApiKey>(
  host: Host,
  caller: Caller,
  key: K,
  payload: unknown,
): Promise<ParsedReply<K>> {
  const wire = wirePayload(payload);
  const result = await host.invokeResolver({
    moduleKey: caller.moduleKey,
    functionKey: key,
    accountId: caller.accountId,
    ...(wire === undefined ? {} : { payload: wire }),
    ...(caller.extension === undefined ? {} : { extension: caller.extension }),
  });
  if (!result.ok)
    throw new ResolverCallFailure(key, `${key} as ${callerName(caller)} did not answer: ${result.error.message}`, {
      cause: result.error,
    });
  const parsed = replyFor(key).safeParse(result.value);
  if (!parsed.success)
    throw new ResolverCallFailure(
      key,
      `${key} as ${callerName(caller)} replied in a shape its contract does not allow: ${z.prettifyError(parsed.error)}`,
    );
  return { reply: parsed.data, counts: result.counts, durationMs: result.durationMs };
}

/** Calls `key` as `caller` with a payload typed by the contract; its parsed reply, `{ok: false}` included. */
export function resolverReply<K extends ApiKey>(
  host: Host,
  caller: Caller,
  key: K,
  payload: PayloadIn<K>,
): Promise<ParsedReply<K>> {
  return resolverReplyUnchecked(host, caller, key, payload);
}

/** Calls `key` as `caller` with a payload typed by the contract; the data of `{ok: true}`, else a ResolverRefusal. */
export async function callResolver<K extends ApiKey>(
  host: Host,
  caller: Caller,
  key: K,
  payload: PayloadIn<K>,
): Promise<DataOf<K>> {
  const { reply } = await resolverReply(host, caller, key, payload);
  if (!reply.ok) throw new ResolverRefusal(key, callerName(caller), reply.error);
  return reply.data;
}
