/**
 * objectives-file/import as a job, on the local host: a file above the inline limit is queued,
 * written by the queue consumer in several runs (a short time budget per run, steps stored in
 * several chunks) and ends equal to the same file written inline; a run killed between
 * checkpoints repeats steps without changing anything; a step that meets a concurrent change
 * fails the job with the reason; a run whose step fails while a duplicate delivery of the same job
 * has claimed it returns without throwing and leaves the job to the other run;
 * objectives-file/import-status is for admins and checks its payload.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createHost } from '../../local/host/create-host';
import { INLINE_STEP_LIMIT, type ImportJob, type RunBudget } from '../../src/app/objectives-file/import-job';
import { ForgeImportJobStore } from '../../src/forge/store/import-job-store';
import { ForgeObjectiveStore } from '../../src/forge/store/objective-store';
import { buildResolver, type PortOverrides } from '../../src/resolvers';
import { queueConsumer } from '../../src/triggers/reconcile';
import { ACCOUNT, asPersona, REPO_ROOT, testManifest, writesIn, type AppHost } from '../support/app-host';
import { buildObjectivesFile, DEMO_ISSUES } from '../support/objectives-file-builder';
import { call, failed, ok } from './resolver-kit';
import type { ImportJobStore } from '../../src/ports';

type Manifest = { modules: Record<string, Array<Record<string, unknown>>> };

interface ImportHostOptions {
  ports?: PortOverrides;
  /** A fresh budget for each run of the consumer. */
  budget?: () => RunBudget;
  /** Each consumer run waits for this first. */
  gate?: () => Promise<void>;
  /** The import-job store of each run of the consumer. */
  store?: () => ImportJobStore;
  /** Sees each event the consumer receives. */
  onEvent?: (event: unknown) => void;
}

/** The local host with the resolver and the queue consumer built here (test ports, a short budget). */
function startImportHost(options: ImportHostOptions = {}): AppHost {
  const dir = mkdtempSync(join(tmpdir(), 'tether-import-job-'));
  const manifest = testManifest('index.resolver') as Manifest;
  manifest.modules['function'] = [
    { key: 'resolver', handler: 'index.resolver' },
    { key: 'on-reconcile', handler: 'index.onReconcile', timeoutSeconds: 900 },
  ];
  writeFileSync(join(dir, 'manifest.yml'), stringify(manifest));
  const consumer = queueConsumer({
    ...(options.budget === undefined ? {} : { importBudget: options.budget }),
    ...(options.store === undefined ? {} : { importStore: options.store }),
    ...(options.ports === undefined ? {} : { ports: options.ports }),
  });
  const appModule = {
    resolver: buildResolver(options.ports).getDefinitions(),
    onReconcile: async (event: unknown) => {
      options.onEvent?.(event);
      await options.gate?.();
      return consumer(event);
    },
  };
  const host = createHost({
    dataDir: join(dir, 'data'),
    manifestPath: join(dir, 'manifest.yml'),
    appModulePath: join(REPO_ROOT, 'src', 'index'),
    appModule,
    delays: 'none',
    syncWrites: false,
  });
  return {
    host,
    close: async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A budget that lets a run take `steps` steps and then says time is up. */
const stepsPerRun = (steps: number) => (): RunBudget => {
  let checks = 0;
  return { timeLeft: () => (checks++ < steps ? 600_000 : 0), marginMs: 1 };
};

const FILE = buildObjectivesFile({ objectives: 30, issues: DEMO_ISSUES });
/** Steps are cut into chunks of this many bytes, so a job has several. */
const SMALL_CHUNKS = 12 * 1024;

/** Forge's import-job store, with `before` awaited each time a run reads a chunk of steps (after its claim). */
function storeReadingStepsAfter(before: (job: ImportJob) => Promise<void>): ImportJobStore {
  const store = new ForgeImportJobStore();
  return {
    get: (jobId) => store.get(jobId),
    create: (job, steps, summary) => store.create(job, steps, summary),
    save: (job, expectedVersion) => store.save(job, expectedVersion),
    steps: async (job, chunk) => {
      const steps = await store.steps(job, chunk);
      await before(job);
      return steps;
    },
    summary: (jobId) => store.summary(jobId),
    dropSteps: (job) => store.dropSteps(job),
  };
}

/** In strict mode, waits out the query lag (1 s), so queries (the export) see what was written. */
async function letQueriesCatchUp(app: AppHost): Promise<void> {
  if (app.host.forge === 'strict') await new Promise((resolve) => setTimeout(resolve, 1_100));
}

const consumerRuns = (app: AppHost) => app.host.invocations().filter((r) => r.kind === 'consumer');
/** Runs that wrote something: in strict mode a duplicate delivery also runs, and ends without a write. */
const workingRuns = (app: AppHost) => consumerRuns(app).filter((r) => writesIn(r.counts.kvsByEndpoint) > 0);

/** A promise and the function that settles it (a gate a test opens, a signal it waits for). */
function opener<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/**
 * Queues FILE's import while the consumer waits at `gate`, then changes the settings (a new period,
 * after the preview: the job's first step fails), opens the gate and lets the queue run. Returns the job.
 */
async function importMeetingAChange(app: AppHost, gate: { open: () => void }) {
  const job = (await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true })).job;
  if (job === null) throw new Error('no job');
  await ok(app, 'admin', 'periods/create', { version: 0, name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
  gate.open();
  await app.host.drain();
  return job;
}

/** The file written inline (no step limit), then exported. */
async function inlineReference() {
  const app = startImportHost({ ports: { importInlineSteps: Number.MAX_SAFE_INTEGER } });
  try {
    const reply = await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true });
    expect(reply).toMatchObject({ applied: true, job: null });
    await letQueriesCatchUp(app);
    const exported = await ok(app, 'admin', 'objectives-file/export');
    return { progress: reply.progress, text: exported.text };
  } finally {
    await app.close();
  }
}

describe('objectives-file/import as a job', () => {
  let reference: Awaited<ReturnType<typeof inlineReference>>;
  beforeAll(async () => {
    reference = await inlineReference();
  });

  it('writes at its pace: at most so many steps a run, the next run queued after a pause, and the same result', async () => {
    const delays: Array<number | null> = [];
    const app = startImportHost({
      budget: () => ({ timeLeft: () => 600_000, marginMs: 1, pace: { stepsPerRun: 10, pauseSeconds: 61 } }),
      onEvent: (event) => {
        const delay = (event as { delayInSeconds?: unknown }).delayInSeconds;
        delays.push(typeof delay === 'number' ? delay : null);
      },
    });
    try {
      const job = (await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true })).job;
      if (job === null) throw new Error('no job');
      await app.host.drain();
      expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId })).toMatchObject({
        state: 'done',
        done: job.total,
        errors: [],
      });
      const runs = Math.ceil(job.total / 10);
      expect(workingRuns(app)).toHaveLength(runs);
      // the first run at once, each later one after the pause
      expect(delays).toEqual([null, ...Array.from({ length: runs - 1 }, () => 61)]);
      await letQueriesCatchUp(app);
      expect((await ok(app, 'admin', 'objectives-file/export')).text).toBe(reference.text);
    } finally {
      await app.close();
    }
  });

  it('queues a file above the inline limit and writes it in several runs, equal to the inline import', async () => {
    const app = startImportHost({ ports: { importChunkBytes: SMALL_CHUNKS }, budget: stepsPerRun(12) });
    try {
      const preview = await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: false });
      const { reply, writes } = await call(app, 'admin', 'objectives-file/import', { text: FILE, apply: true });
      if (!reply.ok) throw new Error(reply.error.message);
      expect(reply.data).toMatchObject({ applied: false, progress: null, errors: [], summary: preview.summary });
      const job = reply.data.job;
      if (job === null) throw new Error('no job');
      expect(job.state).toBe('queued');
      expect(job.total).toBeGreaterThan(INLINE_STEP_LIMIT);
      // the resolver wrote only the job: its chunks of steps, its summary, its record and its note in the list of jobs
      const stored = await asPersona(app.host, null, () => new ForgeImportJobStore().get(job.jobId));
      if (stored === null) throw new Error('the job is not stored');
      expect(stored.chunkStarts.length).toBeGreaterThan(1);
      expect(writes).toBe(stored.chunkStarts.length + 3);

      await app.host.drain();
      const status = await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId });
      expect(status).toMatchObject({
        jobId: job.jobId,
        state: 'done',
        done: job.total,
        total: job.total,
        phase: 'issues',
        errors: [],
        summary: preview.summary,
      });
      expect(status.finishedAt).not.toBeNull();
      expect(status.progress).toEqual(reference.progress);
      expect(workingRuns(app).length).toBe(Math.ceil(job.total / 12));
      expect(consumerRuns(app).every((r) => r.ok)).toBe(true);
      await letQueriesCatchUp(app);
      expect((await ok(app, 'admin', 'objectives-file/export')).text).toBe(reference.text);
      // the steps are gone once the job is done; the job and its summary stay for the status
      expect(await asPersona(app.host, null, () => new ForgeImportJobStore().steps(stored, 0))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('repeats the steps of a run that failed between checkpoints without changing anything, and ignores a finished job', async () => {
    let run = 0;
    const killedFirst = (): RunBudget => {
      run += 1;
      let checks = 0;
      return {
        timeLeft: () => {
          // the first run fails after 20 steps, before its first checkpoint (every 50 steps)
          if (run === 1 && checks++ >= 20) throw new Error('killed');
          return 600_000;
        },
        marginMs: 1,
      };
    };
    const app = startImportHost({ budget: killedFirst });
    try {
      const job = (await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true })).job;
      if (job === null) throw new Error('no job');
      await app.host.drain();
      // the first run recorded its failure and asked the queue to deliver the job again
      expect(consumerRuns(app).every((r) => r.ok)).toBe(true);
      expect(workingRuns(app)).toHaveLength(2);
      const status = await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId });
      expect(status).toMatchObject({ state: 'done', done: job.total });
      // the second run applied the first 20 steps again: the objectives they wrote were not written twice
      expect(status.progress).toEqual(reference.progress);
      const versions = await asPersona(app.host, null, async () =>
        [...(await new ForgeObjectiveStore().getMany(Array.from({ length: 30 }, (_, i) => `O-${i + 1}`))).values()].map(
          (o) => o.version,
        ),
      );
      expect(versions).toEqual(Array.from({ length: 30 }, () => 1));
      await letQueriesCatchUp(app);
      expect((await ok(app, 'admin', 'objectives-file/export')).text).toBe(reference.text);

      // the same job delivered again (a duplicate delivery): read, nothing written
      const replay = await app.host.runtime.runCounted(
        { accountId: ACCOUNT.admin, moduleKey: 'reconcile-consumer' },
        () => queueConsumer()({ body: { importJob: job.jobId } }),
      );
      expect(writesIn(replay.counts.kvsByEndpoint)).toBe(0);
      expect(replay.counts.productCalls).toBe(0);
      expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId })).toEqual(status);
    } finally {
      await app.close();
    }
  });

  it('fails the job with the reason when a write meets a change made after the preview, and keeps what was written', async () => {
    const gate = opener();
    const app = startImportHost({ gate: () => gate.promise });
    try {
      const job = (await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true })).job;
      if (job === null) throw new Error('no job');
      expect((await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId })).state).toBe('queued');
      // someone changes the settings (a new period) before the job's first run
      await ok(app, 'admin', 'periods/create', { version: 0, name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
      gate.open();
      await app.host.drain();
      const status = await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId });
      expect(status).toMatchObject({ state: 'failed', done: 0, phase: 'settings' });
      expect(status.finishedAt).not.toBeNull();
      expect(status.errors).toEqual([
        {
          path: `step 1 of ${job.total} (settings)`,
          message: expect.stringMatching(
            /^the settings record was saved by someone else .*apply the file again to finish the import\.$/,
          ),
        },
      ]);
      expect((await ok(app, 'admin', 'objectives-file/export')).objectives).toBe(0);
      // failed is final: a later delivery does nothing
      const again = await app.host.runtime.runCounted({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
        queueConsumer()({ body: { importJob: job.jobId } }),
      );
      expect(writesIn(again.counts.kvsByEndpoint)).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('ends a duplicate delivery quietly while a run holds the job, writing nothing; the holder goes on and fails the job', async () => {
    const gate = opener();
    let duplicate: Awaited<ReturnType<AppHost['host']['runtime']['runCounted']>> | null = null;
    // once the queued run has claimed the job and read its steps, the same event is delivered again
    const queuedStore = storeReadingStepsAfter(async (job) => {
      if (duplicate !== null) return;
      duplicate = await app.host.runtime.runCounted({ accountId: null, moduleKey: 'reconcile-consumer' }, () =>
        queueConsumer({ importBudget: () => ({ timeLeft: () => 600_000, marginMs: 1 }) })({
          body: { importJob: job.id },
        }),
      );
    });
    const app = startImportHost({ gate: () => gate.promise, store: () => queuedStore });
    try {
      // a change after the preview: the first step (the settings) fails
      const job = await importMeetingAChange(app, gate);
      if (duplicate === null) throw new Error('the duplicate was not delivered');
      const dup: { counts: { kvsByEndpoint: Record<string, number> }; value?: unknown } = duplicate;
      expect(writesIn(dup.counts.kvsByEndpoint)).toBe(0);
      expect(consumerRuns(app).map((r) => r.ok)).toEqual([true]);
      const status = await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId });
      expect(status).toMatchObject({ state: 'failed', done: 0, phase: 'settings' });
      expect(status.errors).toEqual([
        {
          path: `step 1 of ${job.total} (settings)`,
          message: expect.stringMatching(/^the settings record was saved by someone else /),
        },
      ]);
      const stored = await asPersona(app.host, null, () => new ForgeImportJobStore().get(job.jobId));
      expect(stored).toMatchObject({ runs: 1, leaseUntil: null });
    } finally {
      await app.close();
    }
  });

  it('records a failure again over the fresh version when the job was written meanwhile without a new claim', async () => {
    let moved = false;
    const forge = new ForgeImportJobStore();
    // just before the run records its failure, something else writes the job (a new version, the same claim)
    const store: ImportJobStore = {
      ...storeReadingStepsAfter(() => Promise.resolve()),
      save: async (job, expectedVersion) => {
        if (job.state === 'failed' && !moved) {
          moved = true;
          const current = await forge.get(job.id);
          if (current !== null) await forge.save({ ...current, updatedAt: current.updatedAt + 1 }, current.version);
        }
        return forge.save(job, expectedVersion);
      },
    };
    const gate = opener();
    const app = startImportHost({ gate: () => gate.promise, store: () => store });
    try {
      const job = await importMeetingAChange(app, gate);
      expect(moved).toBe(true);
      expect(consumerRuns(app).map((r) => r.ok)).toEqual([true]);
      expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId: job.jobId })).toMatchObject({
        state: 'failed',
        done: 0,
        phase: 'settings',
      });
      const stored = await asPersona(app.host, null, () => forge.get(job.jobId));
      if (stored === null) throw new Error('the job is not stored');
      expect(stored.runs).toBe(1);
      expect(await asPersona(app.host, null, () => forge.steps(stored, 0))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('objectives-file/import-status', () => {
  let app: AppHost;
  let jobId: string;
  beforeAll(async () => {
    app = startImportHost({ ports: { importInlineSteps: 1 } });
    const job = (
      await ok(app, 'admin', 'objectives-file/import', {
        text: buildObjectivesFile({ objectives: 2, issues: [] }),
        apply: true,
      })
    ).job;
    if (job === null) throw new Error('no job');
    jobId = job.jobId;
    await app.host.drain();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers an admin where the job stands', async () => {
    expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId })).toMatchObject({
      state: 'done',
      done: 6,
      total: 6,
      errors: [],
    });
  });

  it.each(['lead', 'member', 'outsider'] as const)('is refused to %s, reading nothing', async (persona) => {
    const { error, counts } = await failed(app, persona, 'objectives-file/import-status', { jobId });
    expect(error).toEqual({
      code: 'FORBIDDEN',
      message: 'Only Jira administrators can follow an objectives-file import',
    });
    expect(counts.kvsRoundTrips).toBe(0);
  });

  it.each([
    [{}, 'jobId'],
    [{ jobId: 'O-1' }, 'jobId'],
    [{ jobId: 'import-../../x' }, 'jobId'],
    [{ jobId: 'import-00000000-0000-0000-0000-000000000000', extra: true }, ''],
  ])('refuses the payload %j with VALIDATION at %j, reading nothing', async (payload, path) => {
    const { error, counts } = await failed(app, 'admin', 'objectives-file/import-status', payload);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.map((d) => d.path)).toEqual([path]);
    expect(counts.kvsRoundTrips).toBe(0);
  });

  it('answers NOT_FOUND for a job that does not exist', async () => {
    const { error } = await failed(app, 'admin', 'objectives-file/import-status', {
      jobId: 'import-00000000-0000-0000-0000-000000000000',
    });
    expect(error).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no import job import-00000000-0000-0000-0000-000000000000',
    });
  });
});
