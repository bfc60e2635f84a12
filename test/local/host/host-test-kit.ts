import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kvs } from '@forge/kvs';
import { createHost, type Host, type HostOptions } from '../../../local/host/create-host';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'host-app');
export const FIXTURE_MANIFEST = join(FIXTURE_DIR, 'manifest.yml');
export const FIXTURE_APP = join(FIXTURE_DIR, 'index.ts');

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'tether-host-'));
}

/** A host running the fixture app on `dataDir`, with delays off and no fsync (throwaway data). */
export function fixtureHost(dataDir: string, options: Partial<HostOptions> = {}): Host {
  return createHost({
    dataDir,
    manifestPath: FIXTURE_MANIFEST,
    appModulePath: FIXTURE_APP,
    delays: 'none',
    syncWrites: false,
    // the platform's mechanics, shown on a kind host (events at once, in order); each strict
    // behaviour has a test of its own that asks for `forge: 'strict'` (…-strict.test.ts)
    forge: 'lenient',
    ...options,
  });
}

/**
 * A fresh data folder and a fixture host on it for each test, closed and removed after it. Read the
 * fields in hooks and tests; a test that replaces the host sets `host` (the new one is closed).
 */
export function useFixtureHost(): { dataDir: string; host: Host } {
  const current = {} as { dataDir: string; host: Host };
  beforeEach(() => {
    current.dataDir = tempDataDir();
    current.host = fixtureHost(current.dataDir);
  });
  afterEach(async () => {
    await current.host.close();
    removeDataDir(current.dataDir);
  });
  return current;
}

/** Reads a KVS key through the real SDK, as the app would (outside any user's invocation). */
export function readKvs(host: Host, key: string): Promise<unknown> {
  return host.runtime.runInvocation({ accountId: null, moduleKey: 'test-reader' }, () => kvs.get(key));
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** A local Jira REST call that must succeed; returns the parsed body (or null for 204). */
export async function jiraOk(
  host: Host,
  method: string,
  path: string,
  asUser: string | null,
  body?: unknown,
): Promise<unknown> {
  const res = await host.jiraRequest({
    method,
    path,
    asUser,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.body}`);
  return res.body === '' ? null : JSON.parse(res.body);
}
