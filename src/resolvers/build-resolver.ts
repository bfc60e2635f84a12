/**
 * The one resolver function of the app (@forge/resolver), shared by the admin page, the project
 * page and the issue panel: one `define` per key of the contract (src/contract/api).
 */
import Resolver from '@forge/resolver';
import { getMe } from '../app/me/get-me';
import { closePeriod } from '../app/periods/close-period';
import { createPeriod } from '../app/periods/create-period';
import { updatePeriod } from '../app/periods/update-period';
import { getSettings } from '../app/settings/get-settings';
import { updateSettings } from '../app/settings/update-settings';
import { updateLevels } from '../app/levels/update-levels';
import { createWorkgroup } from '../app/workgroups/create-workgroup';
import { deleteWorkgroup } from '../app/workgroups/delete-workgroup';
import { listWorkgroups } from '../app/workgroups/list-workgroups';
import { updateWorkgroup } from '../app/workgroups/update-workgroup';
import type { ApiKey } from '../contract/api';
import { endpointHandler, type Access, type Run } from './endpoint-handler';
import { portsFor, type PortOverrides } from './invocation-ports';

export function buildResolver(overrides: PortOverrides = {}): Resolver {
  const resolver = new Resolver();
  const ports = (accountId: string | null) => portsFor(accountId, overrides);
  const on = <K extends ApiKey>(key: K, access: Access, run: Run<K>) => {
    resolver.define(key, endpointHandler(key, access, run, ports));
  };

  on('settings/get', 'signed-in', (_payload, p) => getSettings(p));
  on('settings/update', 'site-admin', (payload, p) => updateSettings(p, payload));
  on('levels/update', 'site-admin', (payload, p) => updateLevels(p, payload));
  on('periods/create', 'site-admin', (payload, p) => createPeriod(p, payload));
  on('periods/update', 'site-admin', (payload, p) => updatePeriod(p, payload));
  on('periods/close', 'site-admin', (payload, p) => closePeriod(p, payload));
  on('workgroups/list', 'signed-in', (payload, p) => listWorkgroups(p, payload));
  on('workgroups/create', 'site-admin', (payload, p) => createWorkgroup(p, payload));
  on('workgroups/update', 'site-admin', (payload, p) => updateWorkgroup(p, payload));
  on('workgroups/delete', 'site-admin', (payload, p) => deleteWorkgroup(p, payload));
  on('me/get', 'signed-in', (_payload, p) => getMe(p));
  return resolver;
}
