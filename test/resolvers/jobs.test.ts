/**
 * jobs/list and jobs/retry on the local host in strict mode (events delivered at least once, in
 * any order, 8 at a time): an import job whose run died shows as stalled and a retry finishes it;
 * one that failed three runs in a row on a passing error is failed with that error, and a retry
 * finishes it; one that failed on a change made after the preview cannot be retried and says to
 * apply the file again; the daily refresh's place is listed; refusals say what to do; admins only.
 */
import { kvs } from '@forge/kvs';
import { resumeStalledImports } from '../../src/app/jobs/jobs';
import { forgeImportJobQueue } from '../../src/forge/queue/job-queue';
import { ForgeImportJobStore } from '../../src/forge/store/import-job-store';
import { ForgeRecentImportJobs } from '../../src/forge/store/recent-jobs-store';
import { buildResolver } from '../../src/resolvers';
import { queueConsumer } from '../../src/triggers/reconcile';
import type { ImportJobStore } from '../../src/ports';
import { asPersona, queriesCaughtUp, type AppHost } from '../support/app-host';
import { PINNED_NOW, pinClock } from '../support/clock';
import { buildObjectivesFile } from '../support/objectives-file-builder';
import { failed, ok } from './resolver-kit';
import { startStrictImportHost } from './strict-import-host';

pinClock(PINNED_NOW);
// each test waits out strict mode's query lag (a second) at least once; a loaded machine is slower still
jest.setTimeout(60_000);

/** A file of 30 objectives: more steps than are written inline, so it becomes a job. */
const FILE = buildObjectivesFile({ objectives: 30, issues: [] });

interface Options {
  /** The import-job store of each consumer run. */
  store?: () => ImportJobStore;
}

/** The app with its queue consumer held at a gate until the test opens it. */
function startGated(options: Options = {}) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const consumer = queueConsumer(options.store === undefined ? {} : { importStore: options.store });
  const app = startStrictImportHost({
    appModule: {
      resolver: buildResolver().getDefinitions(),
      onReconcile: async (event: unknown) => {
        await gate;
        return consumer(event);
      },
    },
  });
  return { app, open };
}

async function queueImport(app: AppHost): Promise<string> {
  const job = (await ok(app, 'admin', 'objectives-file/import', { text: FILE, apply: true })).job;
  if (job === null) throw new Error('no job');
  return job.jobId;
}

/** jobs/list as the admin, once strict mode's query lag has passed (the clock moved on): the list of jobs is a query. */
const jobsOf = async (app: AppHost) => {
  await queriesCaughtUp(app);
  return (await ok(app, 'admin', 'jobs/list')).jobs;
};
const stored = (app: AppHost, jobId: string) => asPersona(app.host, null, () => new ForgeImportJobStore().get(jobId));

describe('background jobs', () => {
  let app: AppHost;
  let gated: ReturnType<typeof startGated>;
  afterEach(async () => {
    gated.open();
    await app.close();
  });

  it('shows an import whose run died as stalled, with what to do, and a retry finishes it', async () => {
    gated = startGated();
    app = gated.app;
    const jobId = await queueImport(app);
    // a run claimed the job and died: the job stays `running` and its lease runs out
    await asPersona(app.host, null, async () => {
      const store = new ForgeImportJobStore();
      const job = await store.get(jobId);
      if (job === null) throw new Error('no job');
      await store.save(
        { ...job, state: 'running', runs: 1, leaseUntil: Date.now() - 1, updatedAt: Date.now() - 200_000 },
        job.version,
      );
    });
    const [listed] = await jobsOf(app);
    expect(listed).toMatchObject({
      kind: 'import',
      id: jobId,
      state: 'stalled',
      canRetry: true,
      done: 0,
      explanation: expect.stringMatching(
        /^Stalled: no run has saved progress since .* UTC; the run writing it stopped without finishing\. Retry to go on from step 1 of \d+; what was written stays\.$/,
      ),
    });

    const retried = await ok(app, 'admin', 'jobs/retry', { kind: 'import', id: jobId });
    expect(retried).toMatchObject({ state: 'queued', canRetry: false, failedRuns: 0 });
    gated.open();
    await app.host.drain();
    const [done] = await jobsOf(app);
    expect(done).toMatchObject({
      id: jobId,
      state: 'done',
      canRetry: false,
      explanation: expect.stringMatching(/^Finished: all \d+ steps were written\.$/),
    });
    expect((await ok(app, 'admin', 'objectives-file/import-status', { jobId })).state).toBe('done');
  });

  it('resumes a stalled import from the hourly trigger', async () => {
    gated = startGated();
    app = gated.app;
    const jobId = await queueImport(app);
    await asPersona(app.host, null, async () => {
      const store = new ForgeImportJobStore();
      const job = await store.get(jobId);
      if (job === null) throw new Error('no job');
      await store.save({ ...job, state: 'running', runs: 1, leaseUntil: Date.now() - 1 }, job.version);
    });
    expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId })).toMatchObject({
      state: 'running',
      stalled: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the list of jobs is a query: it lags a second
    const resumed = await asPersona(app.host, null, () =>
      resumeStalledImports({
        clock: { now: () => Date.now() },
        importJobs: {
          store: new ForgeImportJobStore(),
          queue: forgeImportJobQueue,
          recent: new ForgeRecentImportJobs(),
        },
      }),
    );
    expect(resumed).toEqual([jobId]);
    gated.open();
    await app.host.drain();
    expect(await ok(app, 'admin', 'objectives-file/import-status', { jobId })).toMatchObject({
      state: 'done',
      stalled: false,
    });
    expect(await stored(app, jobId)).toMatchObject({ state: 'done', failedRuns: 0, leaseUntil: null });
  });

  it('fails an import after three runs in a row stop on an error, shows the error, and a retry finishes it once the cause has passed', async () => {
    let failures = 3;
    const forge = new ForgeImportJobStore();
    const flaky: ImportJobStore = {
      get: (id) => forge.get(id),
      create: (job, steps, summary) => forge.create(job, steps, summary),
      save: (job, version) => forge.save(job, version),
      steps: async (job, chunk) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('storage answered 503');
        }
        return forge.steps(job, chunk);
      },
      summary: (id) => forge.summary(id),
      dropSteps: (job) => forge.dropSteps(job),
    };
    gated = startGated({ store: () => flaky });
    app = gated.app;
    const jobId = await queueImport(app);
    gated.open();
    await app.host.drain();
    expect(failures).toBe(0);
    const [listed] = await jobsOf(app);
    expect(listed).toMatchObject({
      id: jobId,
      state: 'failed',
      canRetry: true,
      failedRuns: 3,
      error: expect.stringMatching(
        /3 runs in a row stopped without progress; the last: step 1 of \d+: an unexpected error stopped the import: storage answered 503\./,
      ),
      explanation: expect.stringMatching(
        /^Failed at step 1 of \d+: 3 runs in a row stopped without progress\. What was written stays\. Retry/,
      ),
    });
    // no run is left delivering it: the queue's retries ended when the job did
    expect((await stored(app, jobId))?.leaseUntil).toBeNull();

    await ok(app, 'admin', 'jobs/retry', { kind: 'import', id: jobId });
    await app.host.drain();
    expect((await jobsOf(app))[0]).toMatchObject({ id: jobId, state: 'done', error: null });
  });

  it('cannot retry an import that failed on a change made after its preview, and says to apply the file again', async () => {
    gated = startGated();
    app = gated.app;
    const jobId = await queueImport(app);
    await ok(app, 'admin', 'periods/create', { version: 0, name: '2027 Q1', start: '2027-01-01', end: '2027-03-31' });
    gated.open();
    await app.host.drain();
    const [listed] = await jobsOf(app);
    expect(listed).toMatchObject({
      state: 'failed',
      canRetry: false,
      error: expect.stringMatching(/^the settings record was saved by someone else/),
      explanation: expect.stringMatching(
        /apply the file again on the Import and export tab: its preview shows what is still missing\.$/,
      ),
    });
    const { error } = await failed(app, 'admin', 'jobs/retry', { kind: 'import', id: jobId });
    expect(error).toEqual({
      code: 'CONFLICT',
      message:
        'This import stopped on a problem a retry would meet again; apply the file again on the Import and export tab: its preview shows what is still missing',
    });
  });

  it('refuses to retry a job that is done, waiting or being written, with what to do instead', async () => {
    gated = startGated();
    app = gated.app;
    const jobId = await queueImport(app);
    expect((await failed(app, 'admin', 'jobs/retry', { kind: 'import', id: jobId })).error.message).toBe(
      'This import is already waiting for its next run; it goes on by itself, nothing needs doing',
    );
    await asPersona(app.host, null, async () => {
      const store = new ForgeImportJobStore();
      const job = await store.get(jobId);
      if (job === null) throw new Error('no job');
      await store.save({ ...job, state: 'running', leaseUntil: Date.now() + 60_000 }, job.version);
    });
    expect((await failed(app, 'admin', 'jobs/retry', { kind: 'import', id: jobId })).error.message).toMatch(
      /^A run is writing this import now \(step 1 of \d+\); wait for it\. If it stops, the job shows as stalled within 2 minutes/,
    );
    expect((await jobsOf(app))[0]).toMatchObject({ state: 'running', canRetry: false });
    expect(
      (await failed(app, 'admin', 'jobs/retry', { kind: 'import', id: 'import-00000000-0000-0000-0000-000000000000' }))
        .error,
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no import job import-00000000-0000-0000-0000-000000000000; reload the list of background jobs',
    });
  });

  it('lists the daily refresh where it stands', async () => {
    gated = startGated();
    app = gated.app;
    await asPersona(app.host, null, () =>
      kvs.set('job:daily-refresh', { day: '2026-11-19', after: 140, finished: false }),
    );
    expect(await jobsOf(app)).toEqual([
      expect.objectContaining({
        kind: 'daily-refresh',
        title: 'Daily refresh of 2026-11-19',
        state: 'stalled',
        canRetry: false,
        explanation: expect.stringMatching(
          /^The refresh of 2026-11-19 did not finish \(it reached objective number 140\)\. Today's refresh starts/,
        ),
      }),
    ]);
  });

  it('is for administrators only, and checks its payload', async () => {
    gated = startGated();
    app = gated.app;
    for (const persona of ['lead', 'member', 'outsider'] as const) {
      expect((await failed(app, persona, 'jobs/list')).error).toEqual({
        code: 'FORBIDDEN',
        message: 'Only Jira administrators can see the background jobs',
      });
      const retry = await failed(app, persona, 'jobs/retry', { kind: 'import', id: 'import-1234' });
      expect(retry.error).toEqual({ code: 'FORBIDDEN', message: 'Only Jira administrators can retry background jobs' });
      expect(retry.writes).toBe(0);
    }
    for (const payload of [{ kind: 'daily-refresh', id: 'import-1234' }, { kind: 'import', id: 'O-1' }, {}]) {
      expect((await failed(app, 'admin', 'jobs/retry', payload)).error.code).toBe('VALIDATION');
    }
  });
});
