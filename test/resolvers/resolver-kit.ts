/**
 * Calls the app's resolver the way the Custom UI does (host.invokeResolver: @forge/resolver's
 * request, the user's context), parses the reply with the contract and reports what it cost.
 */
import { ENDPOINTS, replyFor, type ApiKey, type DataOf } from '../../src/contract/api';
import { ACCOUNT, writesIn, type AppHost, type Persona } from '../support/app-host';

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

export async function call<K extends ApiKey>(app: AppHost, persona: Persona | null, key: K, payload?: unknown, moduleKey = 'tether-admin-page') {
  const result = await app.host.invokeResolver({
    moduleKey,
    functionKey: key,
    accountId: persona === null ? null : ACCOUNT[persona],
    ...(payload === undefined ? {} : { payload: JSON.parse(JSON.stringify(payload)) }),
  });
  if (!result.ok) throw new Error(`The invocation of ${key} failed: ${result.error.message}`);
  return { reply: replyFor(key).parse(result.value), counts: result.counts, writes: writesIn(result.counts.kvsByEndpoint) };
}

/** The data of a successful call; fails the test with the error otherwise. */
export async function ok<K extends ApiKey>(app: AppHost, persona: Persona, key: K, payload?: unknown): Promise<DataOf<K>> {
  const { reply } = await call(app, persona, key, payload);
  if (!reply.ok) throw new Error(`${key} as ${persona} answered ${reply.error.code}: ${reply.error.message} ${JSON.stringify(reply.error.details ?? [])}`);
  return reply.data;
}

/** The error of a failed call (with what it cost); fails the test when the call succeeded. */
export async function failed(app: AppHost, persona: Persona | null, key: ApiKey, payload?: unknown, moduleKey?: string) {
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
  const valid = ENDPOINTS[key].payload.safeParse(payload === null || payload === 0 || payload === false || payload === '' ? {} : payload).success;
  if (!valid) {
    expect(reply.ok ? 'ok' : reply.error.code).toBe('VALIDATION');
    expect(writes).toBe(0);
  }
}
