/**
 * The thin adapter from the local host core (`createHost`, local/host) to the port the server
 * needs (`ServerHost`): UI modules (with their plain-text titles) and resources from the parsed
 * manifest, resolvers through `invokeResolver`, the local Jira through `jiraRequest` (so changes
 * fire triggers and are saved), personas from the Jira, the manifest's CSP permissions, and the
 * site moved to the server's origin once it listens.
 */
import { dirname, resolve } from 'node:path';
import { ResolverCall, type Host } from '../host/create-host';
import type { PersonaAccount, ServerHost, UiModule, UiResource } from './host-port';

export interface AdapterOptions {
  /** The command that builds a resource folder, shown when it has no build (default `npm run build`). */
  buildCommand?: (resourceKey: string) => string | undefined;
}

export function serverHostFor(host: Host, options: AdapterOptions = {}): ServerHost {
  const manifest = host.manifest;
  const modules: UiModule[] = [];
  for (const m of manifest.uiModules.values()) {
    if (m.resource === null) continue;
    modules.push({
      key: m.key,
      type: m.type,
      title: manifest.uiModuleTitles.get(m.key) ?? m.key,
      resource: m.resource,
      hasResolver: m.resolverFunction !== null,
    });
  }
  const resources: UiResource[] = [...manifest.resources.values()].map((r) => {
    const buildCommand = options.buildCommand?.(r.key);
    return {
      key: r.key,
      path: resolve(dirname(manifest.path), r.path),
      ...(buildCommand === undefined ? {} : { buildCommand }),
    };
  });
  return {
    forge: host.forge,
    modules: () => modules,
    resources: () => resources,
    personas: () => {
      const out: PersonaAccount[] = [];
      for (const u of host.jira.store.users())
        if (u.persona !== null && u.active)
          out.push({ persona: u.persona, accountId: u.accountId, displayName: u.displayName });
      return out;
    },
    invokeResolver: async (call) => {
      const result = await host.invokeResolver(ResolverCall.parse(call));
      if (!result.ok) throw result.error;
      return result.value;
    },
    jira: {
      request: (request) =>
        host.jiraRequest({
          method: request.method,
          path: request.path,
          body: request.body,
          asUser: request.asUser,
          viaApp: request.viaApp ?? false,
        }),
      projectKeys: () => host.jira.store.projects().map((p) => p.key),
    },
    notifications: { list: () => host.jira.notifications.list() },
    issuePanels: {
      added: (issueId) => host.jira.store.addedPanels(issueId),
      add: (issueId, moduleKey) => {
        const added = host.jira.store.addPanel(issueId, moduleKey);
        if (added) host.jira.changed();
        return added;
      },
    },
    dashboards: {
      of: (accountId) => {
        const dashboard = host.jira.store.dashboardOf(accountId);
        host.jira.changed();
        return dashboard;
      },
      add: (dashboardId, moduleKey) => changedIf(host, host.jira.store.addGadget(dashboardId, moduleKey)),
      configure: (dashboardId, gadgetId, configuration) =>
        changedIf(host, host.jira.store.configureGadget(dashboardId, gadgetId, configuration)),
      remove: (dashboardId, gadgetId) => changedIf(host, host.jira.store.removeGadget(dashboardId, gadgetId)),
    },
    app: { id: `ari:cloud:ecosystem::app/${manifest.appId}`, environmentId: host.site.environmentId },
    site: { cloudId: host.site.cloudId },
    uiPermissions: manifest.uiPermissions,
    serveSiteAt: (origin) => host.useSiteUrl(origin),
  };
}

/** `result`, having told the local Jira to save when it changed something (a value other than null or false). */
function changedIf<T>(host: Host, result: T): T {
  if (result !== null && result !== false) host.jira.changed();
  return result;
}
