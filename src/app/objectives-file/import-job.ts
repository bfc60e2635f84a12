/**
 * The import job: an objectives-file import too large to write inside one resolver invocation
 * (25 s on Forge) is stored as a job — its record plus its steps (import-steps.ts) — and written by
 * the queue consumer (up to 900 s a run). Forge delivers a queued event at least once, in no
 * order, several at a time, so a run first **claims** the job: a versioned write that sets a
 * lease (LEASE_MS), renewed at every checkpoint. While the lease is live another delivery of the
 * job ends quietly (a duplicate), or, when it is the platform's retry of a run that died, asks to
 * come back once the lease has run out. A run applies the steps from its checkpoint, saves the
 * checkpoint every few steps, and stops with a safety margin before its time runs out, queueing
 * itself to go on. A step applied twice changes nothing, so a run killed between two checkpoints
 * only repeats a few steps.
 *
 * How a job ends: a step refused for a reason that will not change (CONFLICT: something changed
 * after the preview) fails the job at once, naming the step. Anything else that stops a run — an
 * unexpected error, or a run that died and left its lease to expire — counts as a failed run; the
 * job is retried (by the queue, with backoff) until MAX_FAILED_RUNS runs in a row made no
 * progress, then it is `failed` with the last error. A job no run works on — `running` with its
 * lease expired, or `queued` for longer than QUEUED_STALL_MS — is **stalled** (jobStateAt), and an
 * administrator can resume it (retryImportJob, jobs/retry).
 */
import { retryOnConflict } from '../retry-on-conflict';
import { z } from 'zod';
import { ErrorDetail } from '../../contract';
import {
  ImportJobState,
  ImportPhase,
  ImportProgress,
  ImportSummaryView,
  type ImportJobStatus,
  type ImportStatusPayload,
  type Settings,
} from '../../contract/api';
import { AppFailure, notFound, VersionConflict } from '../app-failure';
import type { ObjectivePorts } from '../objectives/objective-ports';
import { applyStep, emptyProgress, phaseOf, type ImportStep } from './import-steps';
import type { ImportJobStore, ImportJobQueue, RecentImportJobs } from '../../ports';

export const ImportJob = z.object({
  id: z.string().min(1),
  state: ImportJobState,
  createdBy: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When the import was planned: new records are stamped with it. */
  plannedAt: z.number(),
  total: z.number().int().positive(),
  /** Steps applied (the checkpoint): the next run starts at this index. */
  done: z.number().int().nonnegative(),
  phase: ImportPhase,
  /** Where each stored chunk of steps starts, ascending from 0 (set by the store). */
  chunkStarts: z.array(z.number().int().nonnegative()),
  runs: z.number().int().nonnegative(),
  errors: z.array(ErrorDetail),
  finishedAt: z.number().nullable(),
  progress: ImportProgress,
  /** Until when the run that claimed the job holds it (renewed at every checkpoint); null when no run holds it. */
  leaseUntil: z.number().nullable().default(null),
  /** Runs in a row that ended without progress (an error, or a run that died); reset by progress. */
  failedRuns: z.number().int().nonnegative().default(0),
  /** Why the last failed run stopped, while the job is retried; null otherwise. */
  lastError: z.string().nullable().default(null),
  /** A failed job that a retry may finish (it failed on errors that can pass, and its steps are kept). */
  retryable: z.boolean().default(false),
  version: z.number().int().nonnegative(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export type NewImportJob = Omit<ImportJob, 'chunkStarts' | 'version'>;

export interface ImportJobPorts {
  store: ImportJobStore;
  queue: ImportJobQueue;
  /** Where new jobs are noted for the admin page's list of background jobs. */
  recent: RecentImportJobs;
  /** Imports of at most this many steps are written in the resolver invocation; larger ones become a job. */
  inlineStepLimit: number;
}

/**
 * At most this many steps are written inline: about 8 s on Forge at the measured cost of a step
 * (~8 KVS round trips and ~1 Jira call, docs/objectives-file.md "Applying"), a third of the
 * resolver's 25 s, leaving the rest for reading and checking the file.
 */
export const INLINE_STEP_LIMIT = 25;

/** A run stops when less than this is left, so a step in flight (Jira retries included) still finishes. */
export const RUN_SAFETY_MARGIN_MS = 60_000;

/** How long a claim holds the job without a checkpoint: a run that saves none for this long is taken for dead. */
export const LEASE_MS = 120_000;

/** Runs in a row without progress after which the job is failed with the last error. */
export const MAX_FAILED_RUNS = 3;

/** A failed run asks the queue to deliver the job again after this many seconds. */
export const RETRY_AFTER_FAILED_RUN_S = 60;

/** A job queued for this long without a run taking it (its event lost or given up) is stalled. */
export const QUEUED_STALL_MS = 30 * 60_000;

/** The checkpoint is saved after this many steps, or this long after the last one, whichever comes first. */
export const CHECKPOINT_STEPS = 50;
export const CHECKPOINT_MS = 2_000;

/** Queues the import's steps as a job; the reply the admin page polls with objectives-file/import-status. */
export async function queueImport(
  jobs: ImportJobPorts,
  ports: ObjectivePorts,
  actor: string,
  plannedAt: number,
  steps: readonly ImportStep[],
  summary: ImportSummaryView,
): Promise<ImportJob> {
  const first = steps[0];
  if (first === undefined) throw new Error('An import job needs at least one step');
  const job = await jobs.store.create(
    {
      id: ports.ids.newId('import'),
      state: 'queued',
      createdBy: actor,
      createdAt: ports.clock.now(),
      updatedAt: ports.clock.now(),
      plannedAt,
      total: steps.length,
      done: 0,
      phase: phaseOf(first),
      runs: 0,
      errors: [],
      finishedAt: null,
      progress: emptyProgress(),
      leaseUntil: null,
      failedRuns: 0,
      lastError: null,
      retryable: false,
    },
    steps,
    summary,
  );
  await jobs.recent.note(job.id, job.createdAt);
  await jobs.queue.push(job.id);
  return job;
}

export interface RunBudget {
  /** Milliseconds left in this invocation. */
  timeLeft: () => number;
  /** Stop when less than this is left (RUN_SAFETY_MARGIN_MS on Forge). */
  marginMs: number;
  /** How fast a job may write (IMPORT_PACE unless given). */
  pace?: ImportPace;
}

/** At most `stepsPerRun` steps a run, then the next run after `pauseSeconds`. */
export interface ImportPace {
  stepsPerRun: number;
  pauseSeconds: number;
}

/**
 * Room for everyone else: Forge storage allows 4,000 write units a minute per installation
 * (docs/forge-fidelity.md), and a job that wrote as fast as it can would take all of them (a
 * 2,000-objective file writes about 7,700 units in well under a minute on the local host), so
 * people's own saves and the issue events would be refused meanwhile. A run stops after 800 steps
 * — about 1,650 write units at the 2.03 units a step measured (`npm run bench -- import`: 1,933
 * units for 954 steps), 0.4 of the quota — and the next run comes more than a minute later, so no
 * minute holds the writes of two runs.
 */
export const IMPORT_PACE: ImportPace = { stepsPerRun: 800, pauseSeconds: 61 };

/**
 * How a run ended: `skipped` (nothing to do: the job ended, or another run holds it — a duplicate
 * delivery), `busy` (another run held the job and this delivery is a retry: come back after
 * `retryAfterMs`), `retry` (this run failed and the job is to be tried again: the queue's backoff).
 */
export type RunOutcome = 'done' | 'failed' | 'continued' | 'skipped' | 'busy' | 'retry';

/** Where a job stands for a person: `stalled` when no run works on it (jobStateAt). */
export type JobStateNow = ImportJobState | 'stalled';

/** The job's state at `now`: a running job whose lease ran out, or a job queued too long, is stalled. */
export function jobStateAt(job: ImportJob, now: number): JobStateNow {
  if (job.state === 'running' && (job.leaseUntil === null || job.leaseUntil <= now)) return 'stalled';
  if (job.state === 'queued' && job.updatedAt < now - QUEUED_STALL_MS) return 'stalled';
  return job.state;
}

/** What the queue told the run about its delivery: a retry of an earlier attempt (Forge's `retryContext`). */
export interface Delivery {
  retryCount: number;
}

/** An error a later run can get past (the platform, a rate limit, a network failure), unlike a refusal of the step. */
function isTransient(error: unknown): boolean {
  return !(error instanceof AppFailure) || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL';
}

/**
 * One run of an import job (a queue delivery): claims the job, then from the checkpoint until done,
 * failed or out of time. `lastOutcome.retryAfterMs` is set when the outcome is `busy`.
 */
export async function runImportJob(
  ports: ObjectivePorts,
  jobs: Pick<ImportJobPorts, 'store' | 'queue'>,
  jobId: string,
  budget: RunBudget,
  delivery: Delivery = { retryCount: 0 },
): Promise<RunOutcome> {
  const claimed = await claim(ports, jobs, jobId, delivery);
  if (typeof claimed === 'string') return claimed;
  let job = claimed;
  const startedAt = job.done;
  const progress = structuredClone(job.progress);
  let index = job.done;
  let sinceCheckpoint = 0;
  let checkpointAt = ports.clock.now();
  let steps: ImportStep[] = [];
  let offset = 0;
  /** Saves the checkpoint and renews the lease; false when another run (or an administrator) has written the job since. */
  const checkpoint = async (changes: Partial<ImportJob>): Promise<boolean> => {
    const next = steps[index - offset];
    const now = ports.clock.now();
    const moved = index > startedAt;
    try {
      job = await jobs.store.save(
        {
          ...job,
          done: index,
          progress,
          updatedAt: now,
          leaseUntil: now + LEASE_MS,
          ...(moved ? { failedRuns: 0, lastError: null } : {}),
          ...(next === undefined ? {} : { phase: phaseOf(next) }),
          ...changes,
        },
        job.version,
      );
    } catch (error) {
      if (error instanceof VersionConflict) return false;
      throw error;
    }
    sinceCheckpoint = 0;
    checkpointAt = now;
    return true;
  };

  try {
    let settings: Settings = await ports.settings.get();
    let chunk = chunkOf(job, index);
    steps = chunk < 0 ? [] : await jobs.store.steps(job, chunk);
    offset = chunk < 0 ? 0 : (job.chunkStarts[chunk] ?? 0);
    const pace = budget.pace ?? IMPORT_PACE;
    while (index < job.total) {
      if (budget.timeLeft() < budget.marginMs) {
        if (!(await checkpoint({ state: 'queued', leaseUntil: null }))) return 'skipped';
        await jobs.queue.push(job.id);
        return 'continued';
      }
      // paced: the rest after a pause, leaving the storage write quota's other share to everyone else
      if (index - startedAt >= pace.stepsPerRun) {
        if (!(await checkpoint({ state: 'queued', leaseUntil: null }))) return 'skipped';
        await jobs.queue.push(job.id, pace.pauseSeconds);
        return 'continued';
      }
      if (index - offset >= steps.length) {
        chunk += 1;
        steps = await jobs.store.steps(job, chunk);
        offset = job.chunkStarts[chunk] ?? index;
      }
      const step = steps[index - offset];
      if (step === undefined)
        return fail(
          jobs,
          job,
          index,
          progress,
          ports.clock.now(),
          'storage',
          `step ${index + 1} of the import is missing from storage`,
        );
      try {
        settings = await applyStep(ports, settings, step, { actor: job.createdBy, plannedAt: job.plannedAt }, progress);
      } catch (error) {
        if (isTransient(error)) throw error;
        return fail(jobs, job, index, progress, ports.clock.now(), phaseOf(step), messageOf(error));
      }
      index += 1;
      sinceCheckpoint += 1;
      if (sinceCheckpoint >= CHECKPOINT_STEPS || ports.clock.now() - checkpointAt >= CHECKPOINT_MS) {
        if (!(await checkpoint({}))) return 'skipped';
      }
    }
  } catch (error) {
    return failedRun(ports, jobs, job, index, progress, error);
  }
  const last = steps[steps.length - 1];
  if (
    !(await checkpoint({
      state: 'done',
      finishedAt: ports.clock.now(),
      leaseUntil: null,
      ...(last === undefined ? {} : { phase: phaseOf(last) }),
    }))
  )
    return 'skipped';
  await jobs.store.dropSteps(job);
  return 'done';
}

/** The milliseconds a `busy` delivery should wait: until the lease of the run holding the job runs out. */
export async function leaseLeftMs(jobs: Pick<ImportJobPorts, 'store'>, jobId: string, now: number): Promise<number> {
  const job = await jobs.store.get(jobId);
  return job?.leaseUntil === null || job === null ? 0 : Math.max(0, job.leaseUntil - now);
}

/**
 * Takes the job for this run with a versioned write that sets the lease, or says why not. A job
 * `running` under a live lease is held by another run: a first delivery is a duplicate (skipped),
 * a retry is asked to come back after the lease. A job `running` with its lease run out was left by
 * a run that died: that counts as a failed run (and, at the bound, fails the job).
 */
async function claim(
  ports: ObjectivePorts,
  jobs: Pick<ImportJobPorts, 'store'>,
  jobId: string,
  delivery: Delivery,
): Promise<ImportJob | RunOutcome> {
  const found = await jobs.store.get(jobId);
  if (found === null || found.state === 'done' || found.state === 'failed') return 'skipped';
  const now = ports.clock.now();
  if (found.state === 'running' && found.leaseUntil !== null && found.leaseUntil > now)
    return delivery.retryCount > 0 ? 'busy' : 'skipped';
  const died = found.state === 'running';
  const failedRuns = found.failedRuns + (died ? 1 : 0);
  const lastError = died
    ? `a run stopped without finishing at step ${found.done + 1} of ${found.total} (it ran out of time or its function was stopped)`
    : found.lastError;
  try {
    if (died && failedRuns >= MAX_FAILED_RUNS) {
      await failJob(jobs, { ...found, failedRuns }, now, lastError ?? 'the import stopped', found.version);
      return 'failed';
    }
    return await jobs.store.save(
      {
        ...found,
        state: 'running',
        runs: found.runs + 1,
        updatedAt: now,
        leaseUntil: now + LEASE_MS,
        failedRuns,
        lastError,
      },
      found.version,
    );
  } catch (error) {
    if (error instanceof VersionConflict) return 'skipped'; // another delivery claimed it first
    throw error;
  }
}

/**
 * A run stopped by an error a later run may get past: the job is released (queued, no lease) with
 * the error and one more failed run, and the queue is asked to retry (`retry`); at MAX_FAILED_RUNS
 * without progress, the job is failed with the error instead. If another run or an administrator
 * wrote the job meanwhile, this run leaves it to them.
 */
async function failedRun(
  ports: ObjectivePorts,
  jobs: Pick<ImportJobPorts, 'store'>,
  job: ImportJob,
  index: number,
  progress: ImportProgress,
  error: unknown,
): Promise<RunOutcome> {
  const moved = index > job.done;
  const failedRuns = (moved ? 0 : job.failedRuns) + 1;
  const reason = `step ${index + 1} of ${job.total}: ${messageOf(error)}`;
  const now = ports.clock.now();
  ports.log.warn('a run of an import job failed', { job: job.id, step: index + 1, failedRuns }, error);
  try {
    if (failedRuns >= MAX_FAILED_RUNS) {
      await failJob(jobs, { ...job, done: index, progress, failedRuns }, now, reason, job.version);
      return 'failed';
    }
    await jobs.store.save(
      {
        ...job,
        state: 'queued',
        done: index,
        progress,
        updatedAt: now,
        leaseUntil: null,
        failedRuns,
        lastError: reason,
      },
      job.version,
    );
  } catch (conflict) {
    if (conflict instanceof VersionConflict) return 'skipped';
    throw conflict;
  }
  return 'retry';
}

/**
 * Ends the job `failed` after MAX_FAILED_RUNS runs without progress, with `reason`; its steps are
 * kept, so an administrator can retry it (jobs/retry) once the cause has passed. VersionConflict
 * when it moved since `version`.
 */
async function failJob(
  jobs: Pick<ImportJobPorts, 'store'>,
  job: ImportJob,
  now: number,
  reason: string,
  version: number,
): Promise<void> {
  await jobs.store.save(
    {
      ...job,
      state: 'failed',
      updatedAt: now,
      finishedAt: now,
      leaseUntil: null,
      lastError: null,
      retryable: true,
      errors: [
        {
          path: `step ${job.done + 1} of ${job.total} (${job.phase})`,
          message: `${MAX_FAILED_RUNS} runs in a row stopped without progress; the last: ${reason}. What was written before stays; retry the job on the admin page, or apply the file again.`,
        },
      ],
    },
    version,
  );
}

function chunkOf(job: ImportJob, index: number): number {
  let chunk = -1;
  job.chunkStarts.forEach((start, i) => {
    if (start <= index) chunk = i;
  });
  return chunk;
}

function messageOf(error: unknown): string {
  if (error instanceof AppFailure) return error.message;
  return `an unexpected error stopped the import: ${error instanceof Error ? error.message : String(error)}`;
}

/** A failed step is recorded at most this many times when other writes keep moving the job's version. */
const FAIL_ATTEMPTS = 3;

/**
 * Ends the job `failed` at step `index`. The job is saved against the version this run last wrote;
 * on a version conflict it is read again: a job another run has finished or failed is left as it
 * is; a job another run has claimed since (a duplicate delivery: more `runs`) is left to that run,
 * which meets the same step and ends the job itself, or queues itself to go on; otherwise the
 * failure is saved again over the fresh version. Either way the run returns, never throwing over
 * the conflict, and the steps are dropped only by the run that ends the job.
 */
async function fail(
  jobs: Pick<ImportJobPorts, 'store'>,
  job: ImportJob,
  index: number,
  progress: ImportProgress,
  now: number,
  where: string,
  message: string,
): Promise<RunOutcome> {
  const errors = [
    {
      path: `step ${index + 1} of ${job.total} (${where})`,
      message: `${message}. What was written before stays; apply the file again to finish the import.`,
    },
  ];
  return retryOnConflict<RunOutcome>(
    async (attempt) => {
      let current = job;
      if (attempt > 1) {
        const fresh = await jobs.store.get(job.id);
        if (fresh === null || fresh.state === 'done' || fresh.state === 'failed') return 'skipped'; // another run ended it
        if (fresh.runs > job.runs) return 'skipped'; // another run claimed it since this one: that run goes on
        current = fresh;
      }
      const failed = await jobs.store.save(
        {
          ...current,
          state: 'failed',
          done: index,
          progress,
          updatedAt: now,
          finishedAt: now,
          errors,
          leaseUntil: null,
          lastError: null,
        },
        current.version,
      );
      await jobs.store.dropSteps(failed);
      return 'failed';
    },
    { attempts: FAIL_ATTEMPTS },
  );
}

/** objectives-file/import-status (Jira administrators): where an import job stands. */
export async function importJobStatus(
  ports: ObjectivePorts,
  jobs: Pick<ImportJobPorts, 'store'>,
  payload: ImportStatusPayload,
): Promise<ImportJobStatus> {
  await ports.permissions.requireSiteAdmin('follow an objectives-file import');
  const job = await jobs.store.get(payload.jobId);
  if (job === null) throw notFound(`There is no import job ${payload.jobId}`);
  const summary = await jobs.store.summary(job.id);
  if (summary === null) throw new Error(`The summary of import job ${job.id} is missing from storage`);
  return {
    jobId: job.id,
    state: job.state,
    done: job.done,
    total: job.total,
    phase: job.phase,
    errors: job.errors,
    finishedAt: job.finishedAt,
    summary,
    progress: job.progress,
    stalled: jobStateAt(job, ports.clock.now()) === 'stalled',
  };
}
