/**
 * Calls the app's resolver the way the Custom UI does (host.invokeResolver: @forge/resolver's
 * request, the user's context) through the typed caller of local/app-calls, which parses the reply
 * with the contract; reports what it cost. `ok` takes a payload typed by the key; `call` and
 * `failed` take any payload, for tests of what the contract refuses.
 */
import { ENDPOINTS, type ApiKey, type DataOf, type PayloadIn } from '../../src/contract/api';
import { MODULES, ResolverRefusal, resolverReplyUnchecked, type Caller } from '../../local/app-calls/resolver-caller';
import { ACCOUNT, writesIn, type AppHost, type Persona } from '../support/app-host';

export { queriesCaughtUp } from '../support/app-host';

export const ADMIN_ONLY: readonly ApiKey[] = [
  'settings/update',
  'levels/update',
  'periods/create',
  'periods/update',
  'periods/close',
  'workgroups/create',
  'workgroups/update',
  'workgroups/delete',
];

/** A new key result as `key-results/create` takes it. */
export type KeyResultIn = PayloadIn<'key-results/create'>['keyResult'];

function caller(persona: Persona | null, moduleKey: string = MODULES.adminPage): Caller {
  return { name: persona ?? 'nobody', accountId: persona === null ? null : ACCOUNT[persona], moduleKey };
}

/** Any payload (undefined: none); the reply parsed with the key's contract, what it cost and the KVS writes. */
export async function call<K extends ApiKey>(
  app: AppHost,
  persona: Persona | null,
  key: K,
  payload?: unknown,
  moduleKey?: string,
) {
  const { reply, counts } = await resolverReplyUnchecked(app.host, caller(persona, moduleKey), key, payload);
  return { reply, counts, writes: writesIn(counts.kvsByEndpoint) };
}

/** The payload argument of `ok`: optional where the key's contract takes an empty payload. */
type PayloadArg<K extends ApiKey> =
  Record<string, never> extends PayloadIn<K> ? [payload?: PayloadIn<K>] : [payload: PayloadIn<K>];

/** The data of a successful call with a payload typed by the contract; fails the test with the error otherwise. */
export async function ok<K extends ApiKey>(
  app: AppHost,
  persona: Persona,
  key: K,
  ...[payload]: PayloadArg<K>
): Promise<DataOf<K>> {
  const { reply } = await call(app, persona, key, payload);
  if (!reply.ok) throw new ResolverRefusal(key, persona, reply.error);
  return reply.data;
}

/** The error of a failed call (with what it cost); fails the test when the call succeeded. */
export async function failed(
  app: AppHost,
  persona: Persona | null,
  key: ApiKey,
  payload?: unknown,
  moduleKey?: string,
) {
  const { reply, counts, writes } = await call(app, persona, key, payload, moduleKey);
  if (reply.ok) throw new Error(`${key} succeeded, but a failure was expected`);
  return { error: reply.error, counts, writes };
}

/**
 * One random payload, as admin: `key` never answers INTERNAL, and a payload its contract refuses is
 * VALIDATION with nothing written (an empty payload — null, 0, false, '' — is read as {}).
 */
export async function expectContractKept(app: AppHost, key: ApiKey, payload: unknown): Promise<void> {
  const { reply, writes } = await call(app, 'admin', key, payload);
  if (!reply.ok) expect(reply.error.code).not.toBe('INTERNAL');
  const valid = ENDPOINTS[key].payload.safeParse(
    payload === null || payload === 0 || payload === false || payload === '' ? {} : payload,
  ).success;
  if (!valid) {
    expect(reply.ok ? 'ok' : reply.error.code).toBe('VALIDATION');
    expect(writes).toBe(0);
  }
}
