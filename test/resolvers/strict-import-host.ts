/**
 * The app on a local host in strict mode (docs/forge-fidelity.md) for the objectives-file import and
 * the app's jobs: the shared resolver and the queue consumer `on-reconcile` from src/index, queued
 * events delivered at least once, unordered, 8 at a time; and the admin page's `invoke` as the
 * browser sends it, through the bridge endpoint that refuses more than 500 KB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createHost, type HostOptions } from '../../local/host/create-host';
import { answerBridgeCommand } from '../../local/server/bridge/bridge-endpoint';
import type { BridgeReply } from '../../local/server/bridge/bridge-schemas';
import { serverHostFor } from '../../local/server/host-adapter';
import { replyFor, type ApiKey, type DataOf, type PayloadIn } from '../../src/contract/api';
import type { Reply } from '../../src/contract';
import { REPO_ROOT, testManifest, type AppHost, type Persona } from '../support/app-host';

type Manifest = { modules: Record<string, Array<Record<string, unknown>>> };

export function startStrictImportHost(
  options: Partial<Pick<HostOptions, 'kvs' | 'randomSeed' | 'appModule'>> = {},
): AppHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-strict-import-'));
  const manifest = testManifest('resolvers/index.resolver') as Manifest;
  manifest.modules['function'] = [
    { key: 'resolver', handler: options.appModule === undefined ? 'resolvers/index.resolver' : 'index.resolver' },
    {
      key: 'on-reconcile',
      handler: options.appModule === undefined ? 'triggers/reconcile.onReconcile' : 'index.onReconcile',
      timeoutSeconds: 900,
    },
  ];
  writeFileSync(join(dir, 'manifest.yml'), stringify(manifest));
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    forge: 'strict',
    delays: 'none',
    syncWrites: false,
    ...options,
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ADMIN_PAGE = {
  moduleKey: 'tether-admin-page',
  localId: 'ari:cloud:ecosystem::extension/00000000-0000-0000-0000-000000000000/local/static/tether-admin-page',
  extension: { type: 'jira:adminPage' },
};

/**
 * `invoke(key, payload)` from the admin page as `persona`, through the local server's bridge endpoint
 * as the browser's @forge/bridge sends it: the reply parsed with the key's contract, or the bridge's
 * own refusal (PAYLOAD_TOO_LARGE over 500 KB in strict mode).
 */
export async function invokeFromPage<K extends ApiKey>(
  app: AppHost,
  persona: Persona,
  key: K,
  payload: PayloadIn<K>,
): Promise<{ bridge: 'ok'; reply: Reply<DataOf<K>> } | { bridge: 'refused'; code: string; message: string }> {
  const answer: BridgeReply = await answerBridgeCommand(
    serverHostFor(app.host),
    { command: 'invoke', payload: { functionKey: key, payload }, context: { ...ADMIN_PAGE, persona } },
    'http://127.0.0.1:8080',
  );
  if (!answer.ok) return { bridge: 'refused', code: answer.error.code, message: answer.error.message };
  return { bridge: 'ok', reply: replyFor(key).parse(answer.value) };
}

/** As invokeFromPage, for a call that must pass the bridge and succeed: its data. */
export async function fromPage<K extends ApiKey>(
  app: AppHost,
  persona: Persona,
  key: K,
  payload: PayloadIn<K>,
): Promise<DataOf<K>> {
  const result = await invokeFromPage(app, persona, key, payload);
  if (result.bridge === 'refused') throw new Error(`${key}: the bridge refused it: ${result.code} ${result.message}`);
  if (!result.reply.ok) throw new Error(`${key}: ${result.reply.error.code} ${result.reply.error.message}`);
  return result.reply.data;
}
