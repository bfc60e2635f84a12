import { randomUUID } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS, invocationStorage, type InvocationState, type SiteDefaults } from './invocation-context';

/** The app identity the runtime reports (getAppContext() in @forge/api). */
export interface AppIdentity {
  appId: string;
  appVersion: string;
  environmentId: string;
  environmentType: string;
}

export const DEFAULT_APP: AppIdentity = {
  appId: '00000000-0000-0000-0000-000000000000',
  appVersion: '0.0.0-local',
  environmentId: 'local',
  environmentType: 'DEVELOPMENT',
};

const noopCounter = { incr: () => {}, incrBy: () => {}, decr: () => {}, decrBy: () => {} };
const noopMetrics = {
  counter: () => noopCounter,
  timing: () => ({ measure: () => ({ stop: () => {} }) }),
  gauge: () => ({ set: () => {} }),
};

/**
 * `global.__forge_runtime__`, shaped like the ForgeRuntime type of @forge/api
 * (node_modules/@forge/api/out/api/runtime.d.ts). Per-invocation fields are getters that read
 * the current invocation, so one object serves concurrent invocations correctly.
 */
export function forgeRuntimeObject(app: AppIdentity, site: SiteDefaults): object {
  const current = (): InvocationState | undefined => invocationStorage.getStore();
  const cloudId = () => current()?.context.cloudId ?? site.cloudId;
  const installationId = () => current()?.context.installationId ?? site.installationId;
  const contextAri = () => `ari:cloud:jira::site/${cloudId()}`;
  const idleInvocationId = randomUUID();
  return {
    proxy: { token: 'local-forge-host', url: 'http://forge-proxy.local' },
    // With `kvs` present, @forge/kvs loaded after installation uses target {type: 'kvs'} and
    // adds auth and tracing headers (kvs/out/index.js, getFetchClient); both forms are served.
    kvs: { url: 'http://kvs.local', host: 'kvs.local' },
    container: {
      region: 'local',
      runtime: `nodejs${process.versions.node}`,
      handler: 'index.handler',
      appCodeDir: process.cwd(),
    },
    get contextAri() {
      return contextAri();
    },
    get aaid() {
      return current()?.context.accountId ?? undefined;
    },
    get appContext() {
      const state = current();
      return {
        ...app,
        invocationId: state?.context.invocationId ?? idleInvocationId,
        installationId: installationId(),
        functionKey: state?.context.functionKey ?? '',
        moduleType: '',
        moduleKey: state?.context.moduleKey ?? '',
        installation: {
          ari: {
            installationId: installationId(),
            toString: () => `ari:cloud:ecosystem::installation/${installationId()}`,
          },
          contexts: [{ cloudId: cloudId(), toString: contextAri }],
        },
      };
    },
    get lambdaContext() {
      const state = current();
      const deadline = (state?.startedAt ?? Date.now()) + (state?.context.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return {
        awsRequestId: state?.context.invocationId ?? idleInvocationId,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
    },
    get tracing() {
      const traceId = current()?.traceId ?? '0000000000000000';
      return { traceId, spanId: traceId };
    },
    realtime: {},
    metrics: noopMetrics,
    externalAuth: [],
    featureFlags: () => false,
  };
}
