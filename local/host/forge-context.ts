/**
 * The arguments Forge gives a function, shaped as documented ("Function Arguments": every
 * function gets `(payload, context)` with `context = {installContext, principal?, license?,
 * installation?}`) and as @forge/resolver reads them (node_modules/@forge/resolver/out/index.js:30-48:
 * `getDefinitions()` returns `({call: {functionKey, payload, jobId}, context}, backendRuntimePayload)`
 * and takes `accountId`, `installContext`, `license` and `installation` from the second argument).
 */
export interface SiteIdentity {
  cloudId: string;
  installationId: string;
  appId: string;
  environmentId: string;
  environmentType: string;
  /** The local Jira's base URL. */
  siteUrl: string;
}

export function installContextOf(site: SiteIdentity): string {
  return `ari:cloud:jira::site/${site.cloudId}`;
}

/** The second argument of every Forge function. `principal` only when a user is behind the invocation. */
export function functionContext(site: SiteIdentity, accountId: string | null): Record<string, unknown> {
  const installContext = installContextOf(site);
  return {
    installContext,
    ...(accountId === null ? {} : { principal: { accountId } }),
    installation: {
      ari: {
        installationId: site.installationId,
        toString: () => `ari:cloud:ecosystem::installation/${site.installationId}`,
      },
      contexts: [{ cloudId: site.cloudId, toString: () => installContext }],
    },
  };
}

/** The Custom UI extension context: the module type plus what the page is about (project, issue). */
export interface ExtensionInput {
  project?: { id: string; key: string; type: string };
  issue?: { id: string; key: string; type: string };
  [extra: string]: unknown;
}

/** The `context` of a resolver call: what `view.getContext()` gives the frontend, less the theme and locale. */
export function resolverCallContext(
  site: SiteIdentity,
  input: { accountId: string | null; moduleKey: string; moduleType: string; extension: ExtensionInput },
): Record<string, unknown> {
  return {
    accountId: input.accountId ?? undefined,
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    moduleKey: input.moduleKey,
    localId: `ari:cloud:ecosystem::extension/${site.appId}/${site.environmentId}/static/${input.moduleKey}`,
    environmentId: site.environmentId,
    environmentType: site.environmentType,
    extension: { ...input.extension, type: input.moduleType },
  };
}
