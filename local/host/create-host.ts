/**
 * The local Forge host's core: one data folder, one manifest, one app, run unmodified.
 *
 *   const host = createHost({ dataDir, manifestPath, appModulePath });
 *   const reply = await host.invokeResolver({ moduleKey, functionKey, payload, accountId, extension });
 *   await host.close();
 *
 * It opens the embedded KVS on `<dataDir>/kvs` with the manifest's custom entities, loads (or
 * seeds) the local Jira from `<dataDir>/jira.json` with the manifest's issue-property indexes,
 * installs the Forge runtime globals so the app's real @forge/* SDKs reach both, and runs the
 * manifest's functions: resolvers on demand, product-event triggers when the local Jira changes,
 * scheduled triggers on demand (and on their interval once `startScheduledTriggers()` is called,
 * in strict mode), and queue consumers when the app pushes async events.
 *
 * `forge: 'strict' | 'lenient'` (or TETHER_FORGE) chooses how harsh the host is: see
 * local/runtime/forge-mode.ts and docs/forge-fidelity.md.
 */
import { join, resolve, dirname } from 'node:path';
import { z } from 'zod';
import {
  createLocalJira,
  demoSite,
  handleJiraRequest,
  type IssueEventListener,
  type JiraResponse,
  type JiraSnapshotInput,
  type LocalJira,
} from '../jira';
import { DEFAULT_APP_POINTS_PER_HOUR } from '../jira/rate-limit';
import { KvsService, type KvsServiceOptions } from '../kvs/kvs-service';
import { forgeModeFromEnvironment, type ForgeMode } from '../runtime/forge-mode';
import {
  installForgeRuntime,
  type FetchLatency,
  type ForgeHost,
  type ProductRequest,
  type ProductResponse,
} from '../runtime/install-forge-runtime';
import { DEFAULT_APP } from '../runtime/forge-runtime-object';
import { Rng } from '../prng';
import { AppHandlers } from './app-handlers';
import { LocalQueues, type AsyncEventPayload, type StrictQueueSettings } from './async-queue';
import { HostClock } from './host-clock';
import { functionContext, resolverCallContext, type SiteIdentity } from './forge-context';
import { MAX_RETRIES } from './invocation-error';
import { DebouncedWrite, readJsonFile, writeJsonAtomically } from './jira-file';
import { loadManifest, type AppManifest, type ConsumerEntry, type TriggerEntry } from './manifest';
import { productEventListener, type StrictProductEventSettings } from './product-events';
import { routeQueueRequests } from './queue-route';
import { QueueStore } from './queue-store';
import { startScheduledRuns } from './scheduled-runs';
import {
  DEFAULT_LONG_TIMEOUT_MS,
  RESOLVER_TIMEOUT_MS,
  runFunction,
  type InvocationKind,
  type InvocationRecord,
  type InvocationResult,
} from './run-function';
import { WorkTracker } from './work-tracker';

export type { InvocationRecord, InvocationResult } from './run-function';

export interface HostOptions {
  /** The data folder: `<dataDir>/kvs` and `<dataDir>/jira.json`. */
  dataDir: string;
  /** `strict` or `lenient` (docs/forge-fidelity.md); default `TETHER_FORGE`, else lenient (strict once the app copes). */
  forge?: ForgeMode;
  /** The KVS's strict-mode settings: its quotas and how long queries lag writes. */
  kvs?: Pick<KvsServiceOptions, 'quotas' | 'queryLagMs'>;
  manifestPath: string;
  /** The app's entry file; default `src/index` beside the manifest (loaded when a handler is first needed). */
  appModulePath?: string;
  /** The entry's exports, already loaded (instead of, or as well as, appModulePath). */
  appModule?: object;
  /** Milliseconds since the epoch, for the local Jira and the KVS; default `Date.now`. */
  now?: () => number;
  /**
   * `real` (default) waits `delayInSeconds`, `retryAfter`, backoffs and strict mode's delays on the
   * host clock (the process clock: move it and call `settle()` instead of sleeping); `none` runs
   * them at once (tests that need no time, the CLI).
   */
  delays?: 'real' | 'none';
  /** Retries of a failed queue event or of a trigger asking for one; default 4, as Forge. */
  maxRetries?: number;
  /** Seed of the PRNG behind strict mode's choices (delays, order, duplicates): the same seed, the same run. Default 12. */
  randomSeed?: number;
  /** Strict async events; defaults: 10 % duplicates within 5 s, 8 deliveries at once per queue, backoff 15 s × 2^attempt. */
  asyncEvents?: Partial<Omit<StrictQueueSettings, 'rng'>>;
  /** Strict product events; defaults: 1–90 s late, 10 % delivered twice, backoff 10 s × 2^attempt. */
  productEvents?: Partial<Omit<StrictProductEventSettings, 'rng'>>;
  /**
   * Strict Jira: how long `/search/jql` lags writes (default 10 s of the host clock) and the app's
   * points budget per hour (default 65,000, Atlassian's global pool; 429 with Retry-After when spent).
   */
  jiraLimits?: { searchLagMs?: number; pointsPerHour?: number };
  /** The local Jira is written this long after a change (default 200 ms), and on close. */
  jiraWriteDelayMs?: number;
  /** The Jira a new data folder starts with; default the demo site. */
  seed?: (now: number) => JiraSnapshotInput;
  /** fsync every KVS commit (default true). */
  syncWrites?: boolean;
  /**
   * Latency injected before each KVS and Jira request of the app's functions is answered (default
   * none; `runtime.setLatency` changes it while the host runs). Benchmarks use it to see an
   * invocation's critical path.
   */
  latency?: Partial<FetchLatency>;
  /** Told about every invocation when it ends. */
  onInvocation?: (record: InvocationRecord) => void;
  /** Background failures of the host itself (not of app functions, which are recorded); default console.error. */
  onError?: (error: unknown) => void;
}

/** A Custom UI `invoke(functionKey, payload)` from the module `moduleKey`, by `accountId`. */
export const ResolverCall = z.object({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.json().optional(),
  accountId: z.string().min(1).nullable(),
  extension: z
    .object({
      project: z.object({ id: z.string(), key: z.string(), type: z.string() }).optional(),
      issue: z.object({ id: z.string(), key: z.string(), type: z.string() }).optional(),
    })
    .catchall(z.unknown())
    .optional(),
});
export type ResolverCall = z.input<typeof ResolverCall>;

export interface JiraCall {
  method: string;
  path: string;
  body?: string;
  /** An account id, or null for the app itself. */
  asUser: string | null;
  /** Sent by the app (e.g. requestJira from its Custom UI): it draws on the app's points budget in strict mode. */
  viaApp?: boolean;
}

export interface Host {
  readonly dataDir: string;
  /** How harsh the host is: `strict` or `lenient`. */
  readonly forge: ForgeMode;
  readonly manifest: AppManifest;
  readonly jira: LocalJira;
  readonly kvs: KvsService;
  readonly runtime: ForgeHost;
  readonly site: SiteIdentity;
  /** Runs the module's resolver function with a Forge-shaped request; the reply carries what it cost. */
  invokeResolver(call: ResolverCall): Promise<InvocationResult>;
  /** Runs a scheduled trigger now. */
  runScheduledTrigger(key: string): Promise<InvocationResult>;
  /**
   * Runs every scheduled trigger on its interval on the host clock from now on (state in
   * `<dataDir>/host/schedule.json`) until `close()`. `tether start` calls it in strict mode.
   */
  startScheduledTriggers(): void;
  /** A REST call to the local Jira as a person (or the app); changes fire triggers and are saved. */
  jiraRequest(call: JiraCall): Promise<JiraResponse>;
  /**
   * Puts the site at `url`: the local Jira's links (`self`, avatar URLs) and the functions'
   * `context.siteUrl` use it from now on. The web server calls it with its own origin.
   */
  useSiteUrl(url: string): void;
  /** The last invocations, oldest first. */
  invocations(): readonly InvocationRecord[];
  /** Waits until no trigger, queue delivery or retry is running or waiting. */
  drain(): Promise<void>;
  /**
   * Runs what is due on the host clock, then waits until every trigger, queue delivery and retry
   * has finished or waits for a later time. Tests move the clock (setProcessClock) and settle.
   */
  settle(): Promise<void>;
  /** Writes the local Jira now if a change is not yet on disk. */
  flush(): void;
  /**
   * Stops the scheduled triggers, delivers what waits (strict: product events at once; async
   * events not yet delivered stay on disk for the next start), writes the local Jira, closes the
   * KVS and removes the runtime globals.
   */
  close(): Promise<void>;
}

export class HostError extends Error {
  override readonly name = 'HostError';
}

const MAX_RECORDS = 500;

function forgeMode(option: ForgeMode | undefined): ForgeMode {
  if (option !== undefined) return option;
  try {
    return forgeModeFromEnvironment(process.env);
  } catch (e) {
    throw new HostError(e instanceof Error ? e.message : String(e));
  }
}

/** The Forge globals are process-wide, so one host at a time. */
let openHost: Host | null = null;

export function createHost(options: HostOptions): Host {
  if (openHost !== null)
    throw new HostError(
      `A local host is already open on ${openHost.dataDir}; close it first (the Forge globals are process-wide)`,
    );
  const dataDir = resolve(options.dataDir);
  const forge = forgeMode(options.forge);
  const manifest = loadManifest(options.manifestPath);
  const now = options.now ?? Date.now;
  const delays = options.delays ?? 'real';
  const maxRetries = options.maxRetries ?? MAX_RETRIES;
  const strict = forge === 'strict';
  const seed = options.randomSeed ?? 12;
  const clock = new HostClock(now, delays);
  const onError = options.onError ?? ((e: unknown) => console.error('Local host:', e));
  const handlers = new AppHandlers(manifest, {
    appModulePath:
      options.appModulePath ??
      (options.appModule === undefined ? join(dirname(manifest.path), 'src', 'index') : undefined),
    ...(options.appModule === undefined ? {} : { appModule: options.appModule }),
  });
  const work = new WorkTracker();
  const background = (p: Promise<unknown>) => work.track(p, onError);
  const records: InvocationRecord[] = [];
  const record = (r: InvocationRecord) => {
    records.push(r);
    if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
    options.onInvocation?.(r);
  };

  // ---- the local Jira, persisted as one file -------------------------------------------
  const jiraPath = join(dataDir, 'jira.json');
  const stored = readJsonFile(jiraPath);
  let deliverEvent: IssueEventListener = () => {};
  let jira: LocalJira;
  const writer = new DebouncedWrite(
    () => writeJsonAtomically(jiraPath, jira.store.toSnapshot()),
    options.jiraWriteDelayMs ?? 200,
    onError,
  );
  try {
    jira = createLocalJira(stored ?? (options.seed ?? demoSite)(now()), {
      now,
      onEvent: (event, origin) => deliverEvent(event, origin),
      onChange: () => writer.schedule(),
      propertyIndexes: manifest.propertyIndexes,
      ...(strict
        ? {
            searchLagMs: options.jiraLimits?.searchLagMs ?? 10_000,
            appPointsPerHour: options.jiraLimits?.pointsPerHour ?? DEFAULT_APP_POINTS_PER_HOUR,
          }
        : {}),
    });
  } catch (e) {
    if (e instanceof z.ZodError)
      throw new HostError(
        `${stored === undefined ? 'The seed site' : jiraPath} is not a local Jira snapshot:\n${z.prettifyError(e)}`,
      );
    throw e;
  }
  if (stored === undefined) writeJsonAtomically(jiraPath, jira.store.toSnapshot());

  // ---- KVS and the Forge runtime ---------------------------------------------------------
  const kvs = KvsService.open({
    dataDir,
    entities: manifest.entities,
    clock: now,
    forge,
    ...options.kvs,
    ...(options.syncWrites === undefined ? {} : { syncWrites: options.syncWrites }),
  });
  const site: SiteIdentity = {
    cloudId: 'tether-local-cloud',
    installationId: 'tether-local-installation',
    appId: manifest.appId,
    environmentId: DEFAULT_APP.environmentId,
    environmentType: DEFAULT_APP.environmentType,
    siteUrl: jira.site.baseUrl,
  };
  const product = async (request: ProductRequest): Promise<ProductResponse> => {
    if (request.product !== 'jira') {
      return {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `The local host has no ${request.product}; it serves Jira only` }),
      };
    }
    // what the app's functions ask draws on its points budget (strict)
    return handleJiraRequest(jira, { ...request, viaApp: true });
  };
  let runtime: ForgeHost;
  try {
    runtime = installForgeRuntime({
      kvs,
      product,
      app: { appId: site.appId },
      site: { cloudId: site.cloudId, installationId: site.installationId },
      ...(options.latency === undefined ? {} : { latency: options.latency }),
    });
  } catch (e) {
    kvs.close();
    throw e;
  }

  const run = (
    kind: InvocationKind,
    input: { accountId: string | null; moduleKey: string; functionKey: string; timeoutMs: number; attempt?: number },
    call: (fn: (...args: unknown[]) => unknown) => unknown,
  ) =>
    runFunction(runtime, { kind, ...input }, async () => call(await handlers.forFunction(input.functionKey)), record);
  const longTimeout = (functionKey: string) =>
    (manifest.functions.get(functionKey)?.timeoutSeconds ?? DEFAULT_LONG_TIMEOUT_MS / 1000) * 1000;

  // ---- product events → triggers ---------------------------------------------------------
  deliverEvent = productEventListener({
    triggers: manifest.triggers,
    background,
    clock,
    maxRetries,
    strict: strict
      ? {
          minDelayMs: 1_000,
          maxDelayMs: 90_000,
          duplicateRate: 0.1,
          retryBaseSeconds: 10,
          ...options.productEvents,
          rng: new Rng(seed + 1),
        }
      : null,
    invoke: (trigger: TriggerEntry, payload, attempt) =>
      run(
        'trigger',
        {
          accountId: null,
          moduleKey: trigger.key,
          functionKey: trigger.function,
          timeoutMs: RESOLVER_TIMEOUT_MS,
          attempt,
        },
        (fn) => fn(payload, functionContext(site, null)),
      ),
  });

  // ---- async events → consumers ----------------------------------------------------------
  const queueStore = QueueStore.open(join(dataDir, 'host', 'queue.jsonl'), { syncWrites: options.syncWrites ?? true });
  const queues = new LocalQueues({
    consumers: manifest.consumers,
    background,
    clock,
    store: queueStore,
    maxRetries,
    timeoutSecondsOf: (consumer) => longTimeout(consumer.function) / 1000,
    strict: strict
      ? {
          duplicateRate: 0.1,
          duplicateSpreadMs: 5_000,
          maxConcurrency: 8,
          retryBaseSeconds: 15,
          ...options.asyncEvents,
          rng: new Rng(seed + 2),
        }
      : null,
    invoke: (consumer: ConsumerEntry, event: AsyncEventPayload, pushedBy, attempt) =>
      run(
        'consumer',
        {
          accountId: pushedBy,
          moduleKey: consumer.key,
          functionKey: consumer.function,
          timeoutMs: longTimeout(consumer.function),
          attempt,
        },
        (fn) => {
          if (consumer.method === null) return fn(event, functionContext(site, pushedBy));
          // @forge/events 1.x: a resolver, called with the body as payload (retryContext inside it).
          const payload =
            event.retryContext === undefined ? event.body : { ...event.body, retryContext: event.retryContext };
          return fn(
            {
              call: { functionKey: consumer.method, payload, jobId: event.jobId },
              context: { cloudId: site.cloudId, moduleKey: consumer.key },
            },
            functionContext(site, pushedBy),
          );
        },
      ),
  });
  const unrouteQueue = routeQueueRequests(queues, () => runtime.currentInvocation()?.context.accountId ?? null);
  queues.resume();

  let stopSchedule: (() => void) | null = null;
  let closed = false;
  const host: Host = {
    dataDir,
    forge,
    manifest,
    jira,
    kvs,
    runtime,
    site,

    async invokeResolver(rawCall) {
      const parsed = ResolverCall.safeParse(rawCall);
      if (!parsed.success) throw new HostError(`Not a resolver call: ${z.prettifyError(parsed.error)}`);
      const call = parsed.data;
      const module = manifest.uiModules.get(call.moduleKey);
      if (module === undefined)
        throw new HostError(
          `The manifest has no Custom UI module ${call.moduleKey} (it has ${[...manifest.uiModules.keys()].join(', ') || 'none'})`,
        );
      if (module.resolverFunction === null) throw new HostError(`The module ${call.moduleKey} has no resolver`);
      const request = {
        call: { functionKey: call.functionKey, payload: call.payload ?? {} },
        context: resolverCallContext(site, {
          accountId: call.accountId,
          moduleKey: module.key,
          moduleType: module.type,
          extension: call.extension ?? {},
        }),
      };
      const result = await run(
        'resolver',
        {
          accountId: call.accountId,
          moduleKey: module.key,
          functionKey: module.resolverFunction,
          timeoutMs: RESOLVER_TIMEOUT_MS,
        },
        (fn) => fn(request, functionContext(site, call.accountId)),
      );
      // The reply crosses the wire to the frontend as JSON.
      return result.ok && result.value !== undefined
        ? { ...result, value: JSON.parse(JSON.stringify(result.value)) }
        : result;
    },

    async runScheduledTrigger(key) {
      const trigger = manifest.scheduledTriggers.get(key);
      if (trigger === undefined)
        throw new HostError(
          `The manifest has no scheduled trigger ${key} (it has ${[...manifest.scheduledTriggers.keys()].join(', ') || 'none'})`,
        );
      return run(
        'scheduledTrigger',
        { accountId: null, moduleKey: key, functionKey: trigger.function, timeoutMs: longTimeout(trigger.function) },
        (fn) =>
          fn(
            { context: { cloudId: site.cloudId, moduleKey: key }, contextToken: 'local-context-token' },
            functionContext(site, null),
          ),
      );
    },

    startScheduledTriggers() {
      if (stopSchedule !== null || closed) return;
      stopSchedule = startScheduledRuns({
        triggers: manifest.scheduledTriggers,
        clock,
        path: join(dataDir, 'host', 'schedule.json'),
        run: (key) => background(host.runScheduledTrigger(key)),
      });
    },

    jiraRequest(call) {
      return handleJiraRequest(jira, {
        method: call.method,
        path: call.path,
        headers: { 'content-type': 'application/json' },
        body: call.body ?? '',
        asUser: call.asUser,
        viaApp: call.viaApp ?? false,
      });
    },

    useSiteUrl(url) {
      jira.useBaseUrl(url);
      site.siteUrl = jira.site.baseUrl;
    },

    invocations: () => [...records],
    drain: () => work.idle(),

    async settle() {
      // quiet: every piece of background work waits on the clock for a later time, twice running
      for (let quiet = 0; quiet < 2;) {
        clock.fire();
        quiet = work.size <= clock.parked ? quiet + 1 : 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    flush: () => writer.flush(),

    async close() {
      if (closed) return;
      closed = true;
      try {
        stopSchedule?.();
        queues.close();
        // what waits on the clock goes now (strict queues leave theirs on disk)
        while (work.size > 0) {
          clock.fireAll();
          await Promise.race([work.idle(), new Promise((resolve) => setTimeout(resolve, 10))]);
        }
        writer.flush();
      } finally {
        clock.close();
        queueStore.close();
        unrouteQueue();
        runtime.uninstall();
        kvs.close();
        if (openHost === host) openHost = null;
      }
    },
  };
  openHost = host;
  return host;
}
