/**
 * jobs/list and jobs/retry (Jira administrators): the app's background work as the admin page
 * shows it (docs/admin-page.md, "Background jobs"). Import jobs (import-job.ts) with where they
 * stand — stalled when no run works on them any more — their error, and whether a retry can take
 * them; the daily refresh, which keeps its place in storage and goes on by itself every hour; and
 * the nightly reconciliation's latest run, which keeps where it stands and what it waits for
 * (src/app/rollup/reconcile-run.ts). The issue-property writes keep no state between their queued
 * steps (each step carries its keys), so there is nothing of theirs to list.
 */
import type { JobsListResult, JobsRetryPayload, JobView } from '../../contract/api';
import { AppFailure, notFound } from '../app-failure';
import {
  jobStateAt,
  LEASE_MS,
  MAX_FAILED_RUNS,
  type ImportJob,
  type ImportJobPorts,
} from '../objectives-file/import-job';
import type { Permissions } from '../permissions';
import { retryOnConflict } from '../retry-on-conflict';
import type { Clock, ReconcileProgressStore, RefreshProgressReader } from '../../ports';

export interface JobsPorts {
  permissions: Pick<Permissions, 'requireSiteAdmin'>;
  clock: Clock;
  importJobs: Pick<ImportJobPorts, 'store' | 'queue' | 'recent'>;
  refresh: RefreshProgressReader;
  reconcile: Pick<ReconcileProgressStore, 'get'>;
}

/** The import jobs listed: the newest. */
export const LISTED_IMPORT_JOBS = 20;

const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const stepOf = (job: ImportJob) => `step ${Math.min(job.done + 1, job.total)} of ${job.total}`;

/** What an import job is doing, for a Jira administrator, and what they can do about it. */
function explainImport(job: ImportJob, now: number): Pick<JobView, 'state' | 'explanation' | 'canRetry' | 'error'> {
  const state = jobStateAt(job, now);
  const error = job.state === 'failed' ? (job.errors[0]?.message ?? null) : job.lastError;
  switch (state) {
    case 'done':
      return { state, error: null, canRetry: false, explanation: `Finished: all ${job.total} steps were written.` };
    case 'running':
      return {
        state,
        error,
        canRetry: false,
        explanation: `Writing ${stepOf(job)}. It saves its progress as it goes; nothing needs doing.`,
      };
    case 'queued':
      return {
        state,
        error,
        canRetry: false,
        explanation:
          job.lastError !== null
            ? `Its last run stopped (${job.failedRuns} of ${MAX_FAILED_RUNS} runs in a row without progress); it will be tried again automatically in a minute or so. What was written stays.`
            : job.done === 0
              ? 'Waiting for the job queue to start it.'
              : `Paused at ${stepOf(job)} between two runs; the queue goes on with it.`,
      };
    case 'stalled':
      return {
        state,
        error,
        canRetry: true,
        explanation:
          job.state === 'running'
            ? `Stalled: no run has saved progress since ${at(job.updatedAt)}; the run writing it stopped without finishing. Retry to go on from ${stepOf(job)}; what was written stays.`
            : `Stalled: it has waited for the job queue since ${at(job.updatedAt)} without a run taking it. Retry to queue it again from ${stepOf(job)}.`,
      };
    case 'failed':
      return job.retryable
        ? {
            state,
            error,
            canRetry: true,
            explanation: `Failed at ${stepOf(job)}: ${MAX_FAILED_RUNS} runs in a row stopped without progress. What was written stays. Retry once the cause has passed (the error below), or apply the file again.`,
          }
        : {
            state,
            error,
            canRetry: false,
            explanation: `Failed at ${stepOf(job)} on a problem a retry would meet again (the error below). What was written stays; apply the file again on the Import and export tab: its preview shows what is still missing.`,
          };
  }
}

function importView(job: ImportJob, now: number): JobView {
  return {
    kind: 'import',
    id: job.id,
    title: `Objectives-file import (${job.total.toLocaleString('en-US')} steps)`,
    ...explainImport(job, now),
    done: job.done,
    total: job.total,
    failedRuns: job.failedRuns,
    startedAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    startedBy: job.createdBy,
  };
}

/** The daily refresh's place, as a job: today's refresh running or done, or an earlier day's left unfinished. */
async function refreshView(ports: JobsPorts, now: number): Promise<JobView | null> {
  const progress = await ports.refresh.get();
  if (progress === null) return null;
  const today = new Date(now).toISOString().slice(0, 10);
  const base = {
    kind: 'daily-refresh' as const,
    id: `daily-refresh-${progress.day}`,
    title: `Daily refresh of ${progress.day}`,
    done: progress.after,
    total: null,
    error: null,
    failedRuns: 0,
    startedAt: null,
    updatedAt: now,
    finishedAt: null,
    startedBy: null,
    canRetry: false,
  };
  if (progress.finished)
    return {
      ...base,
      state: 'done',
      explanation: `Finished: every objective was recomputed for ${progress.day} and its snapshot written.`,
    };
  if (progress.day === today)
    return {
      ...base,
      state: 'running',
      explanation: `Recomputing objectives for today; it has reached objective number ${progress.after}. It goes on by itself at the next hourly run.`,
    };
  return {
    ...base,
    state: 'stalled',
    explanation: `The refresh of ${progress.day} did not finish (it reached objective number ${progress.after}). Today's refresh starts from the beginning at the next hourly run; nothing needs doing unless this repeats every day.`,
  };
}

/** A reconciliation run that has not reported for this long past its last step or wait has stopped. */
export const RECONCILE_STALLED_AFTER_MS = 30 * 60_000;

const count = (n: number) => n.toLocaleString('en-US');

/** The nightly reconciliation's latest run: running, waiting for a busy service, done, or stopped. */
async function reconcileView(ports: JobsPorts, now: number): Promise<JobView | null> {
  const p = await ports.reconcile.get();
  if (p === null) return null;
  const base = {
    kind: 'reconcile' as const,
    id: `reconcile-${p.startedAt}`,
    title: `Nightly reconciliation of ${new Date(p.startedAt).toISOString().slice(0, 10)}`,
    done: p.checked,
    total: null,
    error: null,
    failedRuns: 0,
    startedAt: p.startedAt,
    updatedAt: p.updatedAt,
    finishedAt: p.finishedAt,
    startedBy: null,
    canRetry: false,
  };
  const checked = `${count(p.checked)} issues checked against Jira (${count(p.repaired)} repaired, ${count(p.removed)} removed, ${count(p.moved)} followed to another project)`;
  const missed = `looking for work Jira has that Tether missed: ${count(p.rootsSearched)} of ${count(p.linkedRoots)} linked issues searched under (${count(p.found)} ${p.found === 1 ? 'issue' : 'issues'} brought in)`;
  const sofar =
    p.phase === 'discover'
      ? `${checked}; ${missed}`
      : `${count(p.checked)} issues checked against Jira so far (${count(p.repaired)} repaired, ${count(p.removed)} removed, ${count(p.moved)} followed to another project)`;
  if (p.phase === 'done')
    return {
      ...base,
      state: 'done',
      explanation: `Finished at ${at(p.finishedAt ?? p.updatedAt)}: ${checked}; under ${count(p.rootsSearched)} linked issues, ${count(p.found)} ${p.found === 1 ? 'issue' : 'issues'} Jira has that Tether had missed brought in; then ${count(p.objectivesChecked)} objectives (${count(p.objectivesRepaired)} repaired).`,
    };
  if (p.waitingUntil !== null && p.waitingUntil > now)
    return {
      ...base,
      state: 'queued',
      explanation:
        p.waitingFor === 'jira'
          ? `Waiting for Jira: the app has used the Jira requests its rate limit allows for now. It goes on by itself at ${at(p.waitingUntil)}; ${sofar}. Nothing needs doing.`
          : `Waiting for Forge storage, which is at its per-minute limit for this site. It goes on by itself at ${at(p.waitingUntil)}; ${sofar}. Nothing needs doing.`,
    };
  if (now - Math.max(p.updatedAt, p.waitingUntil ?? 0) > RECONCILE_STALLED_AFTER_MS)
    return {
      ...base,
      state: 'stalled',
      explanation: `Stopped: no step has reported since ${at(p.updatedAt)}; ${sofar}. The next night's run starts again from the first issue; nothing needs doing unless this repeats.`,
    };
  return {
    ...base,
    state: 'running',
    explanation:
      p.phase === 'issues'
        ? `Checking the stored issues against Jira; ${sofar}. It goes on by itself.`
        : p.phase === 'discover'
          ? `${checked}; now ${missed}. It goes on by itself.`
          : `The issues are checked (${count(p.checked)}); now counting every objective again (${count(p.objectivesChecked)} so far). It goes on by itself.`,
  };
}

/** jobs/list: the newest import jobs (newest first), then the daily refresh and the nightly reconciliation. */
export async function listJobs(ports: JobsPorts): Promise<JobsListResult> {
  await ports.permissions.requireSiteAdmin('see the background jobs');
  const now = ports.clock.now();
  const ids = await ports.importJobs.recent.recent(LISTED_IMPORT_JOBS);
  const [jobs, refresh, reconcile] = await Promise.all([
    Promise.all(ids.map((id) => ports.importJobs.store.get(id))).then((all) =>
      all.filter((j): j is ImportJob => j !== null),
    ),
    refreshView(ports, now),
    reconcileView(ports, now),
  ]);
  return {
    jobs: [
      ...jobs.map((j) => importView(j, now)),
      ...(refresh === null ? [] : [refresh]),
      ...(reconcile === null ? [] : [reconcile]),
    ],
  };
}

/**
 * jobs/retry: queues a stalled import job again from its checkpoint, or a failed one a retry can
 * finish (failed runs forgotten). Refused, with what to do instead, for a job that is done, is
 * being written, is already waiting for its run, or failed on a problem a retry would meet again.
 */
export async function retryJob(ports: JobsPorts, payload: JobsRetryPayload): Promise<JobView> {
  await ports.permissions.requireSiteAdmin('retry background jobs');
  const { store, queue } = ports.importJobs;
  const job = await retryOnConflict(
    async () => {
      const found = await store.get(payload.id);
      if (found === null) throw notFound(`There is no import job ${payload.id}; reload the list of background jobs`);
      const now = ports.clock.now();
      const state = jobStateAt(found, now);
      const refuse = (message: string) => new AppFailure('CONFLICT', message);
      if (state === 'done') throw refuse('This import has finished: there is nothing to retry');
      if (state === 'running')
        throw refuse(
          `A run is writing this import now (${stepOf(found)}); wait for it. If it stops, the job shows as stalled within ${LEASE_MS / 60_000} minutes and can be retried then`,
        );
      if (state === 'queued')
        throw refuse('This import is already waiting for its next run; it goes on by itself, nothing needs doing');
      if (state === 'failed' && !found.retryable)
        throw refuse(
          'This import stopped on a problem a retry would meet again; apply the file again on the Import and export tab: its preview shows what is still missing',
        );
      return store.save(
        {
          ...found,
          state: 'queued',
          updatedAt: now,
          leaseUntil: null,
          failedRuns: 0,
          lastError: null,
          errors: [],
          finishedAt: null,
          retryable: false,
        },
        found.version,
      );
    },
    { attempts: 3 },
  );
  await queue.push(job.id);
  return importView(job, ports.clock.now());
}

/**
 * The hourly trigger's look at the import jobs: a stalled one (its run died and the lease ran out,
 * or its event was lost) is queued again, so no job waits for an administrator to notice. A run
 * that died is counted when the next run claims the job, so a job whose runs keep dying ends
 * `failed` after MAX_FAILED_RUNS instead of being resumed forever. Returns the ids queued again.
 */
export async function resumeStalledImports(ports: Pick<JobsPorts, 'clock' | 'importJobs'>): Promise<string[]> {
  const now = ports.clock.now();
  const ids = await ports.importJobs.recent.recent(LISTED_IMPORT_JOBS);
  const resumed: string[] = [];
  for (const id of ids) {
    const job = await ports.importJobs.store.get(id);
    if (job === null || jobStateAt(job, now) !== 'stalled') continue;
    await ports.importJobs.queue.push(id);
    resumed.push(id);
  }
  return resumed;
}
