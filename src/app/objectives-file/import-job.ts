/**
 * The import job: an objectives-file import too large to write inside one resolver invocation
 * (25 s on Forge) is stored as a job — its record plus its steps (import-steps.ts) — and written by
 * the queue consumer (up to 900 s a run). A run claims the job (a versioned write, so two runs of
 * one job never write side by side), applies the steps from its checkpoint, saves the checkpoint
 * every few steps, and stops with a safety margin before its time runs out, queueing itself to
 * go on. A step applied twice changes nothing, so a run killed between two checkpoints only
 * repeats a few steps. A step that fails ends the job as `failed` with the reason.
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
import type { ImportJobStore, ImportJobQueue } from '../../ports';

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
  version: z.number().int().nonnegative(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export type NewImportJob = Omit<ImportJob, 'chunkStarts' | 'version'>;

export interface ImportJobPorts {
  store: ImportJobStore;
  queue: ImportJobQueue;
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
    },
    steps,
    summary,
  );
  await jobs.queue.push(job.id);
  return job;
}

export interface RunBudget {
  /** Milliseconds left in this invocation. */
  timeLeft: () => number;
  /** Stop when less than this is left (RUN_SAFETY_MARGIN_MS on Forge). */
  marginMs: number;
}

export type RunOutcome = 'done' | 'failed' | 'continued' | 'skipped';

/** One run of an import job (a queue delivery): from the checkpoint, until done, failed or out of time. */
export async function runImportJob(
  ports: ObjectivePorts,
  jobs: Pick<ImportJobPorts, 'store' | 'queue'>,
  jobId: string,
  budget: RunBudget,
): Promise<RunOutcome> {
  const found = await jobs.store.get(jobId);
  if (found === null || found.state === 'done' || found.state === 'failed') return 'skipped';
  let job: ImportJob;
  try {
    job = await jobs.store.save(
      { ...found, state: 'running', runs: found.runs + 1, updatedAt: ports.clock.now() },
      found.version,
    );
  } catch (error) {
    if (error instanceof VersionConflict) return 'skipped'; // another run holds the job
    throw error;
  }
  const progress = structuredClone(job.progress);
  let settings: Settings = await ports.settings.get();
  let index = job.done;
  let sinceCheckpoint = 0;
  let checkpointAt = ports.clock.now();
  let chunk = chunkOf(job, index);
  let steps = chunk < 0 ? [] : await jobs.store.steps(job, chunk);
  let offset = chunk < 0 ? 0 : (job.chunkStarts[chunk] ?? 0);
  /** Saves the checkpoint; false when a later run of the same job (a duplicate delivery) has claimed it. */
  const checkpoint = async (changes: Partial<ImportJob>): Promise<boolean> => {
    const next = steps[index - offset];
    try {
      job = await jobs.store.save(
        {
          ...job,
          done: index,
          progress,
          updatedAt: ports.clock.now(),
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
    checkpointAt = ports.clock.now();
    return true;
  };

  while (index < job.total) {
    if (budget.timeLeft() < budget.marginMs) {
      if (!(await checkpoint({ state: 'queued' }))) return 'skipped';
      await jobs.queue.push(job.id);
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
      return fail(jobs, job, index, progress, ports.clock.now(), phaseOf(step), messageOf(error));
    }
    index += 1;
    sinceCheckpoint += 1;
    if (sinceCheckpoint >= CHECKPOINT_STEPS || ports.clock.now() - checkpointAt >= CHECKPOINT_MS) {
      if (!(await checkpoint({}))) return 'skipped';
    }
  }
  const last = steps[steps.length - 1];
  if (
    !(await checkpoint({
      state: 'done',
      finishedAt: ports.clock.now(),
      ...(last === undefined ? {} : { phase: phaseOf(last) }),
    }))
  )
    return 'skipped';
  await jobs.store.dropSteps(job);
  return 'done';
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
        { ...current, state: 'failed', done: index, progress, updatedAt: now, finishedAt: now, errors },
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
  };
}
