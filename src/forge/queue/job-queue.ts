/**
 * The app's one async queue (manifest `consumer` reconcile-consumer, queue `tether-reconcile`,
 * function on-reconcile, 900 s). It carries four kinds of job, told apart by their body:
 * `{from}` continues a reconciliation after the issue key `from`; `{rootsAfter}` continues its
 * search below the linked issues for issues never stored, after that stored issue key;
 * `{objectivesAfter}` continues its last part, the objectives, after that objective number (each
 * with the run's start, `run`, and, after a wait for a busy service, `notBefore`:
 * src/app/rollup/reconcile-run.ts); `{properties: [issueKey…]}`
 * writes the `tether` issue property of those issues (src/app/contributions/issue-properties.ts);
 * `{importJob}` runs an objectives-file import job (src/app/objectives-file/import-job.ts);
 * `{notifications: [promptId…]}` sends those outbox orders (src/app/prompts/send-notifications.ts).
 */
import { Queue } from '@forge/events';
import { z } from 'zod';
import { RecordId } from '../../contract/common';
import { PromptId } from '../../contract/prompts';
import type { NotificationQueue, PropertyQueue, ImportJobQueue, ReconcileQueue } from '../../ports';

export const JOB_QUEUE = 'tether-reconcile';

const IssueKey = z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/);
/** A reconciliation step's run (when it started) and the end of a wait it must not start before. */
const RunOf = { run: z.number().int().nonnegative().optional(), notBefore: z.number().int().nonnegative().optional() };
/** A queued job as the consumer receives it (`{body}` of the pushed event). */
export const QueuedJob = z.object({
  body: z.union([
    z.object({ from: z.string().max(300), ...RunOf }),
    z.object({ rootsAfter: z.string().max(300), ...RunOf }),
    z.object({ objectivesAfter: z.number().int().nonnegative(), ...RunOf }),
    z.object({ properties: z.array(IssueKey).min(1).max(1000) }),
    z.object({ propertiesOf: RecordId }),
    z.object({ importJob: z.string().min(1).max(120) }),
    z.object({ notifications: z.array(PromptId).min(1).max(100) }),
  ]),
});
export type QueuedJob = z.infer<typeof QueuedJob>;

/** Starts a reconciliation run from the first issue. */
export function pushReconcile(from: string): Promise<unknown> {
  return new Queue({ key: JOB_QUEUE }).push([{ body: { from } }]);
}

/** The next step of a reconciliation run, after `delaySeconds` (0–900). */
export const forgeReconcileQueue: ReconcileQueue = {
  async push(step, delaySeconds) {
    await new Queue({ key: JOB_QUEUE }).push([
      { body: { ...step }, ...(delaySeconds > 0 ? { delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}) },
    ]);
  },
};

/** Property writes for later: one job per call. */
export const forgePropertyQueue: PropertyQueue = {
  async push(issueKeys) {
    if (issueKeys.length === 0) return;
    await new Queue({ key: JOB_QUEUE }).push([{ body: { properties: [...issueKeys] } }]);
  },
  async pushObjective(objectiveId) {
    await new Queue({ key: JOB_QUEUE }).push([{ body: { propertiesOf: objectiveId } }]);
  },
};

/** A run of an import job: one job per call. */
export const forgeImportJobQueue: ImportJobQueue = {
  async push(jobId, delaySeconds = 0) {
    await new Queue({ key: JOB_QUEUE }).push([
      {
        body: { importJob: jobId },
        ...(delaySeconds > 0 ? { delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}),
      },
    ]);
  },
};

/** The most orders one job sends. */
export const NOTIFICATIONS_PER_JOB = 100;

/** Outbox orders to send: one job per call (per hundred orders). */
export const forgeNotificationQueue: NotificationQueue = {
  async push(ids, delaySeconds = 0) {
    for (let i = 0; i < ids.length; i += NOTIFICATIONS_PER_JOB) {
      await new Queue({ key: JOB_QUEUE }).push([
        {
          body: { notifications: ids.slice(i, i + NOTIFICATIONS_PER_JOB) },
          ...(delaySeconds > 0 ? { delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) } : {}),
        },
      ]);
    }
  },
};
