/** How the demo seeding calls the app: its resolvers as a persona, and its stores as the app. */
import type { Host, ResolverCall } from '../host/create-host';
import { DEMO_ACCOUNTS } from '../jira/seed';

export type Who = 'admin' | 'lead' | 'member';
export type Json = Record<string, unknown>;

export const PROJECTS = { WEB: { id: '10000', key: 'WEB', type: 'software' }, MOB: { id: '10001', key: 'MOB', type: 'software' } } as const;

/** Calls one resolver key and returns its data; a failure stops the seeding with the app's message. */
export async function call(host: Host, who: Who, functionKey: string, payload: Json, project?: keyof typeof PROJECTS): Promise<Json> {
  const result = await host.invokeResolver({
    moduleKey: project === undefined ? 'tether-admin-page' : 'tether-project-page',
    functionKey,
    accountId: DEMO_ACCOUNTS[who],
    payload: JSON.parse(JSON.stringify(payload)) as ResolverCall['payload'],
    ...(project === undefined ? {} : { extension: { project: PROJECTS[project] } }),
  });
  if (!result.ok) throw new Error(`${functionKey} as ${who} failed: ${result.error.message}`);
  const reply = result.value as { ok: boolean; data?: Json; error?: { code: string; message: string; details?: unknown } };
  if (!reply.ok) throw new Error(`${functionKey} as ${who} answered ${reply.error?.code ?? '?'}: ${reply.error?.message ?? ''} ${JSON.stringify(reply.error?.details ?? [])}`);
  return reply.data ?? {};
}

/** As the app, in one invocation (the KVS and the entity stores need one). */
export function asApp<T>(host: Host, fn: () => Promise<T>): Promise<T> {
  return host.runtime.runInvocation({ accountId: null, moduleKey: 'tether-cli' }, fn);
}
