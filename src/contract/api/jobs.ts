import { z } from 'zod';
import { endpoint, NoPayload } from './endpoint';
import { ImportJobId } from './objectives-file';

/**
 * The app's background work as the admin page lists it (docs/admin-page.md, "Background jobs"):
 * objectives-file import jobs, the daily refresh and the nightly reconciliation (the scheduled jobs
 * that keep their state).
 */
export const JobKind = z.enum(['import', 'daily-refresh', 'reconcile']);
export type JobKind = z.infer<typeof JobKind>;

/**
 * Where a job stands: `stalled` when no run works on it any more (a run died and its lease ran out,
 * or it waited for the queue too long); it can be retried.
 */
export const JobState = z.enum(['queued', 'running', 'stalled', 'done', 'failed']);
export type JobState = z.infer<typeof JobState>;

export const JobView = z.object({
  kind: JobKind,
  id: z.string().min(1),
  /** What the job does, for a person ("Import of 120 objectives", "Daily refresh of 2026-11-20"). */
  title: z.string(),
  state: JobState,
  /** What happened, in words a Jira administrator understands, and what to do next. */
  explanation: z.string(),
  done: z.number().int().nonnegative(),
  /** null when the job does not know its size beforehand (the daily refresh, the reconciliation). */
  total: z.number().int().positive().nullable(),
  /** Why it failed, or why its last run stopped while it is retried; null otherwise. */
  error: z.string().nullable(),
  /** Runs in a row that stopped without progress. */
  failedRuns: z.number().int().nonnegative(),
  startedAt: z.number().nullable(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** Who started it (an account id), null for the app's own jobs. */
  startedBy: z.string().nullable(),
  /** Whether jobs/retry takes it now. */
  canRetry: z.boolean(),
});
export type JobView = z.infer<typeof JobView>;

export const JobsListResult = z.object({ jobs: z.array(JobView) });
export type JobsListResult = z.infer<typeof JobsListResult>;

/** Only import jobs can be retried: the daily refresh goes on by itself every hour. */
export const JobsRetryPayload = z.strictObject({ kind: z.literal('import'), id: ImportJobId });
export type JobsRetryPayload = z.infer<typeof JobsRetryPayload>;

export const jobEndpoints = {
  'jobs/list': endpoint(NoPayload, JobsListResult),
  'jobs/retry': endpoint(JobsRetryPayload, JobView),
};
