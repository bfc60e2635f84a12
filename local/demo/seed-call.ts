/** How the demo seeding calls the app: its resolvers as a persona, and its stores as the app. */
import type { ApiKey, DataOf, PayloadIn } from '../../src/contract/api';
import { callResolver, MODULES } from '../app-calls/resolver-caller';
import type { Host } from '../host/create-host';
import { DEMO_ACCOUNTS } from '../jira/seed';

export type Who = 'admin' | 'lead' | 'member';

export const PROJECTS = {
  WEB: { id: '10000', key: 'WEB', type: 'software' },
  MOB: { id: '10001', key: 'MOB', type: 'software' },
} as const;
export type ProjectKey = keyof typeof PROJECTS;

/** A new key result as the contract takes it (`key-results/create`). */
export type KeyResultDraftIn = PayloadIn<'key-results/create'>['keyResult'];

/**
 * Calls one resolver key as `who` — from the admin page, or from a project's page when `project`
 * is given — with a payload typed by the contract, and returns the reply's data parsed with it.
 * A refusal stops the seeding with the app's message (a ResolverRefusal).
 */
export function call<K extends ApiKey>(
  host: Host,
  who: Who,
  key: K,
  payload: PayloadIn<K>,
  project?: ProjectKey,
): Promise<DataOf<K>> {
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
