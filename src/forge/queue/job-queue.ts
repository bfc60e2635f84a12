/**
 * The app's one async queue (manifest `consumer` reconcile-consumer, queue `tether-reconcile`,
 * function on-reconcile, 900 s). It carries four kinds of job, told apart by their body:
 * `{from}` continues a reconciliation after the issue key `from`; `{objectivesAfter}` continues
 * its second half, the objectives, after that objective number; `{properties: [issueKey…]}`
 * writes the `tether` issue property of those issues (src/app/contributions/issue-properties.ts);
 * `{importJob}` runs an objectives-file import job (src/app/objectives-file/import-job.ts).
 */
import { Queue } from '@forge/events';
import { z } from 'zod';
import type { PropertyQueue, ImportJobQueue } from '../../ports';

export const JOB_QUEUE = 'tether-reconcile';

const IssueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/);
/** A queued job as the consumer receives it (`{body}` of the pushed event). */
export const QueuedJob = z.object({
  body: z.union([
    z.object({ from: z.string().max(300) }),
    z.object({ objectivesAfter: z.number().int().nonnegative() }),
    z.object({ properties: z.array(IssueKey).min(1).max(1000) }),
    z.object({ importJob: z.string().min(1).max(120) }),
  ]),
});
export type QueuedJob = z.infer<typeof QueuedJob>;

export function pushReconcile(from: string): Promise<unknown> {
  return new Queue({ key: JOB_QUEUE }).push([{ body: { from } }]);
}

export function pushReconcileObjectives(after: number): Promise<unknown> {
  return new Queue({ key: JOB_QUEUE }).push([{ body: { objectivesAfter: after } }]);
}

/** Property writes for later: one job per call. */
export const forgePropertyQueue: PropertyQueue = {
  async push(issueKeys) {
    if (issueKeys.length === 0) return;
    await new Queue({ key: JOB_QUEUE }).push([{ body: { properties: [...issueKeys] } }]);
  },
};

/** A run of an import job: one job per call. */
export const forgeImportJobQueue: ImportJobQueue = {
  async push(jobId) {
    await new Queue({ key: JOB_QUEUE }).push([{ body: { importJob: jobId } }]);
  },
};
