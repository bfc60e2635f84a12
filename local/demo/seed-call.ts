/** How the demo seeding calls the app: its resolvers as a persona, and its stores as the app. */
import type { ApiKey, DataOf, PayloadIn } from '../../src/contract/api';
import { callResolver, MODULES } from '../app-calls/resolver-caller';
import type { Host } from '../host/create-host';
import { DEMO_ACCOUNTS } from '../jira/seed';
import { setProcessClock } from '../runtime/process-clock';

export type Who = 'admin' | 'lead' | 'member';

export const PROJECTS = {
  WEB: { id: '10000', key: 'WEB', type: 'software' },
  MOB: { id: '10001', key: 'MOB', type: 'software' },
} as const;
export type ProjectKey = keyof typeof PROJECTS;

/** A new key result as the contract takes it (`key-results/create`). */
export type KeyResultDraftIn = PayloadIn<'key-results/create'>['keyResult'];

/**
 * The demo is people's clicks over weeks, not a burst: each call comes after what came before has
 * reached storage's queries (strict mode makes them lag writes by host.kvs.queryLagMs;
 * docs/forge-fidelity.md). Moves the host clock past that lag; nothing in lenient mode.
 */
export function momentLater(host: Host): void {
  if (host.kvs.queryLagMs > 0) setProcessClock(Date.now() + host.kvs.queryLagMs);
}

/**
 * Calls one resolver key as `who` — from the admin page, or from a project's page when `project`
 * is given — with a payload typed by the contract, and returns the reply's data parsed with it.
 * A refusal stops the seeding with the app's message (a ResolverRefusal). Each call comes a
 * moment after the one before (`momentLater`).
 */
export function call<K extends ApiKey>(
  host: Host,
  who: Who,
  key: K,
  payload: PayloadIn<K>,
  project?: ProjectKey,
): Promise<DataOf<K>> {
  momentLater(host);
  return callResolver(
    host,
    {
      name: who,
      accountId: DEMO_ACCOUNTS[who],
      moduleKey: project === undefined ? MODULES.adminPage : MODULES.projectPage,
      ...(project === undefined ? {} : { extension: { project: PROJECTS[project] } }),
    },
    key,
    payload,
  );
}

/** As the app, in one invocation (the KVS and the entity stores need one). */
export function asApp<T>(host: Host, fn: () => Promise<T>): Promise<T> {
  return host.runtime.runInvocation({ accountId: null, moduleKey: 'tether-cli' }, fn);
}
