/**
 * The local host running Tether's own backend for tests: a test manifest (written to a temporary
 * folder) with the custom entities of src/forge/store/entities.yml, the three Custom UI modules
 * and one `resolver` function pointing at src/resolvers/index.ts (export `resolver`), and a fresh
 * data folder with the demo site (personas admin, lead, member, outsider).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { z } from 'zod';
import { pinClock, PINNED_NOW } from './clock';
import { createHost, type Host, type HostOptions } from '../../local/host/create-host';
import { setProcessClock } from '../../local/runtime/process-clock';
import { DEMO_ACCOUNTS, demoSite } from '../../local/jira';
import type { JiraSnapshotInput } from '../../local/jira/model';

export const REPO_ROOT = join(__dirname, '..', '..');
const ENTITIES_YML = join(REPO_ROOT, 'src', 'forge', 'store', 'entities.yml');

export type Persona = 'admin' | 'lead' | 'member' | 'outsider';
export const PERSONAS: readonly Persona[] = ['admin', 'lead', 'member', 'outsider'];
export const ACCOUNT: Record<Persona, string> = {
  admin: DEMO_ACCOUNTS.admin,
  lead: DEMO_ACCOUNTS.lead,
  member: DEMO_ACCOUNTS.member,
  outsider: DEMO_ACCOUNTS.outsider,
};

/** The `entities` list of the fragment the lead pastes into manifest.yml. */
export function declaredEntities(): unknown[] {
  return z.object({ entities: z.array(z.unknown()).min(1) }).parse(parseYaml(readFileSync(ENTITIES_YML, 'utf8')))
    .entities;
}

/** The test manifest: the entities fragment, the UI modules, the shared resolver function and the job queue's consumer. */
export function testManifest(handler: string): unknown {
  const resolver = { function: 'resolver' };
  return {
    app: {
      id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000',
      runtime: { name: 'nodejs22.x' },
      storage: { entities: declaredEntities() },
    },
    permissions: { scopes: ['storage:app', 'read:jira-work', 'write:jira-work', 'read:jira-user'] },
    modules: {
      'jira:adminPage': [{ key: 'tether-admin-page', resource: 'admin-page', resolver, title: 'Tether' }],
      'jira:projectPage': [{ key: 'tether-project-page', resource: 'project-page', resolver, title: 'Tether' }],
      'jira:issuePanel': [
        {
          key: 'tether-issue-panel',
          resource: 'issue-panel',
          resolver,
          title: 'Tether',
          icon: 'resource:issue-panel;icon.svg',
        },
      ],
      consumer: [{ key: 'reconcile-consumer', queue: 'tether-reconcile', function: 'on-reconcile' }],
      function: [
        { key: 'resolver', handler },
        { key: 'on-reconcile', handler: 'triggers/reconcile.onReconcile', timeoutSeconds: 900 },
      ],
    },
    resources: [
      { key: 'admin-page', path: 'static/admin-page/build' },
      { key: 'project-page', path: 'static/project-page/build' },
      { key: 'issue-panel', path: 'static/issue-panel/build' },
    ],
  };
}

export interface AppHost {
  host: Host;
  close(): Promise<void>;
}

export interface AppHostOptions {
  /** The resolver's exports, to run a handler built with in-test ports instead of src/resolvers. */
  resolverModule?: { resolver: unknown };
  /** The local Jira the host starts with (default: the demo site). */
  seed?: (now: number) => JiraSnapshotInput;
  /** How harsh the host is (default TETHER_FORGE) and its KVS's strict quotas and query lag. */
  forge?: HostOptions['forge'];
  kvs?: HostOptions['kvs'];
}

/** The demo site with more people in it (Jira accounts that own, lead or belong to workgroups in tests). */
export function demoSiteWith(accountIds: readonly string[]): (now: number) => JiraSnapshotInput {
  return (now) => {
    const site = demoSite(now);
    const people = accountIds.map((accountId, i) => ({
      accountId,
      displayName: `Person ${i + 1}`,
      emailAddress: `person-${i + 1}@example.com`,
    }));
    return { ...site, users: [...site.users, ...people] };
  };
}

export function startAppHost(options: AppHostOptions = {}): AppHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-app-'));
  const manifestPath = join(dir, 'manifest.yml');
  const injected = options.resolverModule !== undefined;
  writeFileSync(manifestPath, stringify(testManifest(injected ? 'index.resolver' : 'resolvers/index.resolver')));
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath,
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    ...(options.resolverModule === undefined ? {} : { appModule: options.resolverModule }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.forge === undefined ? {} : { forge: options.forge }),
    ...(options.kvs === undefined ? {} : { kvs: options.kvs }),
    delays: 'none',
    syncWrites: false,
    // read at each call: a file that does not pin the clock installs the process clock at its first
    // queriesCaughtUp, after the host was made, and the host's clock must follow it
    now: () => Date.now(),
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh app host for each test (or, with `{ each: false }`, one for the file's tests), prepared by
 * `setup` when given, and closed after. The file's clock is pinned to PINNED_NOW (2026-11-20, inside
 * the fixtures' 2026 Q4), so what the app does with "today" is the same on any day. Read it in hooks and tests (pass it to `ok`, `call`, ...).
 */
export function useAppHost(
  setup?: (app: AppHost) => Promise<unknown>,
  { each = true, seed }: { each?: boolean; seed?: AppHostOptions['seed'] } = {},
): AppHost {
  // the fixtures' period is 2026 Q4 (test/resolvers/objective-kit.ts): the app runs on a day inside it
  pinClock(PINNED_NOW);
  let started: AppHost | undefined;
  const app: AppHost = {
    get host() {
      if (!started) throw new Error('The app host is not started: read it in a hook or a test');
      return started.host;
    },
    close: async () => {
      await started?.close();
      started = undefined;
    },
  };
  (each ? beforeEach : beforeAll)(async () => {
    started = startAppHost(seed === undefined ? {} : { seed });
    await setup?.(app);
  });
  (each ? afterEach : afterAll)(() => app.close());
  return app;
}

/**
 * Lets time pass until Forge storage queries show every write made so far: in strict mode
 * (`TETHER_FORGE=strict`) the KVS's queries lag writes by `queryLagMs` of the host clock, so this
 * moves the process clock on by that much; in lenient mode queries never lag and nothing moves.
 *
 * Call it only between seeding and a later, separate user action that a real user would not make
 * in the same second (an admin set things up, then someone opens a page): never between a write
 * and what the same user sees of it at once — that must be right without waiting
 * (docs/testing.md, "Queries lag writes").
 */
export async function queriesCaughtUp(app: AppHost | Host): Promise<void> {
  const host = 'kvs' in app ? app : app.host;
  const lag = host.kvs.queryLagMs;
  if (lag > 0) setProcessClock(Date.now() + lag);
  return Promise.resolve();
}

/** Runs `fn` as `persona`: it must be refused as `refusal` says, without a KVS write on the way. */
export async function expectRefusedWithoutWrites(
  host: Host,
  persona: Persona,
  fn: () => Promise<unknown>,
  refusal: object,
): Promise<void> {
  const { counts } = await asPersonaCounted(host, persona, async () => {
    await expect(fn()).rejects.toMatchObject(refusal);
  });
  expect(writesIn(counts.kvsByEndpoint)).toBe(0);
}

/** Runs `fn` as one invocation of `persona` (or of no user), so the SDKs act for them. */
export function asPersona<T>(host: Host, persona: Persona | null, fn: () => Promise<T>): Promise<T> {
  return host.runtime.runInvocation(
    { accountId: persona === null ? null : ACCOUNT[persona], moduleKey: 'tether-admin-page' },
    fn,
  );
}

/** As asPersona, also returning what the invocation cost. */
export function asPersonaCounted<T>(host: Host, persona: Persona | null, fn: () => Promise<T>) {
  return host.runtime.runCounted(
    { accountId: persona === null ? null : ACCOUNT[persona], moduleKey: 'tether-admin-page' },
    fn,
  );
}

/** The KVS endpoints that change something. */
const WRITE_ENDPOINTS = [
  '/api/v1/set',
  '/api/v1/delete',
  '/api/v1/entity/set',
  '/api/v1/entity/delete',
  '/api/v1/batch/set',
  '/api/v1/batch/delete',
  '/api/v1/transaction',
];

export function writesIn(kvsByEndpoint: Readonly<Record<string, number>>): number {
  return WRITE_ENDPOINTS.reduce((sum, endpoint) => sum + (kvsByEndpoint[endpoint] ?? 0), 0);
}
