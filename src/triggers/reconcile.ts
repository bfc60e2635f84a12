import { InvocationError, InvocationErrorCode } from '@forge/events';
import { WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { rewriteForObjective, writeQueuedProperties } from '../app/contributions/issue-properties';
import { promptAudience } from '../app/prompts/prompt-audience';
import { sendNotifications } from '../app/prompts/send-notifications';
import {
  leaseLeftMs,
  RUN_SAFETY_MARGIN_MS,
  runImportJob,
  RETRY_AFTER_FAILED_RUN_S,
  type RunBudget,
} from '../app/objectives-file/import-job';
import { claimEvent, finishEvent, releaseEvent } from '../app/jobs/event-claim';
import { discoverMissing } from '../app/rollup/discover-missing';
import { reconcile } from '../app/rollup/reconcile';
import { reconcileObjectives } from '../app/rollup/reconcile-objectives';
import { createJiraClient } from '../forge/jira';
import { forgeStoryPointsMemo } from '../forge/store/story-points-memo';
import { ForgeContributionStore } from '../forge/store/contribution-store';
import { forgeRemainingMs } from '../forge/jira/client-options';
import { logFor } from '../forge/log';
import {
  forgeImportJobQueue,
  forgePropertyQueue,
  forgeReconcileQueue,
  pushReconcile,
  QueuedJob,
} from '../forge/queue/job-queue';
import { forgeReconcileProgress } from '../forge/store/reconcile-progress-store';
import { runReconcileStep } from '../app/rollup/reconcile-run';
import { MAX_RETRIES, retryAfterFor, retryCountOf, retryLater } from './retry-later';
import { ForgeEventClaimStore } from '../forge/store/event-claim-store';
import { ForgeImportJobStore } from '../forge/store/import-job-store';
import { forgeNotificationOutbox, forgeNotificationPrefs } from '../forge/store/notification-store';
import { ForgeCheckInStore } from '../forge/store/check-in-store';
import { ForgeObjectiveStore } from '../forge/store/objective-store';
import { forgePromptStore } from '../forge/store/prompt-store';
import { forgePromptStores } from '../forge/store/prompt-records';
import { expireMoot } from '../app/prompts/expire-prompts';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { refreshStorage } from '../forge/store/refresh-stores';
import { issues } from '../forge/store/rollup-entities';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { portsFor, type PortOverrides } from '../resolvers/invocation-ports';
import type { EventClaimStore, ImportJobStore, Logger } from '../ports';

/** The scheduled trigger `nightly-reconcile`: starts a reconciliation from the first issue. */
export async function onStartReconcile(): Promise<void> {
  await pushReconcile('');
}

/** What a queue consumer can be given instead of Forge's own (tests: a short time budget, other ports). */
export interface ConsumerOptions {
  /** The time budget of one run of an import job; default: the invocation's remaining time, less RUN_SAFETY_MARGIN_MS. */
  importBudget?: () => RunBudget;
  /** Where a run of an import job reads and writes the job; default: Forge storage (ForgeImportJobStore). */
  importStore?: () => ImportJobStore;
  ports?: PortOverrides;
  /** Where deliveries claim their events; default: Forge storage (ForgeEventClaimStore). */
  claims?: () => EventClaimStore;
}

/** Forge's note on a retried delivery (@forge/events AsyncEvent `retryContext`). */
const Retried = z.object({ retryContext: z.object({ retryCount: z.number().int().nonnegative() }).optional() });

/** The event's id (the same for a duplicate delivery and for retries) and retry note (@forge/events AsyncEvent). */
const Delivered = Retried.extend({ eventId: z.string().min(1).max(200).optional() });

/**
 * The queue consumer (src/forge/queue/job-queue.ts): a reconciliation step (the stored issues,
 * then the search below linked issues for issues never stored, then the objectives), issue property
 * writes, or a run of an import job. Each works until its time runs
 * low, then queues the rest, so any amount of work is done in invocations of at most 900 s. A run
 * of an import job may answer an InvocationError: the queue then delivers the event again later
 * (after the lease of the run holding the job, or after a failed run). So may the other jobs when a
 * busy service stops them (retry-later.ts); a reconciliation step stopped by Jira's points budget
 * queues its own continuation for after the wait instead (src/app/rollup/reconcile-run.ts).
 */
export function queueConsumer(options: ConsumerOptions = {}): (event: unknown) => Promise<InvocationError | void> {
  return async (event) => {
    const log = logFor('reconcile');
    const job = QueuedJob.safeParse(event);
    if (!job.success) {
      log.warn('ignored a job the app cannot read', {
        problems: job.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    const body = job.data.body;
    if ('importJob' in body) {
      const budget = options.importBudget?.() ?? { timeLeft: forgeRemainingMs, marginMs: RUN_SAFETY_MARGIN_MS };
      const ports = portsFor(null, 'reconcile', options.ports);
      const store = options.importStore?.() ?? new ForgeImportJobStore();
      const retried = Retried.safeParse(event);
      const outcome = await runImportJob(ports, { store, queue: forgeImportJobQueue }, body.importJob, budget, {
        retryCount: retried.success ? (retried.data.retryContext?.retryCount ?? 0) : 0,
      });
      log.info('import job run', { job: body.importJob, outcome });
      if (outcome === 'busy') {
        const waitMs = await leaseLeftMs({ store }, body.importJob, ports.clock.now());
        return new InvocationError({
          retryAfter: Math.max(1, Math.ceil(waitMs / 1000) + 1),
          retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        });
      }
      if (outcome === 'retry')
        return new InvocationError({
          retryAfter: RETRY_AFTER_FAILED_RUN_S,
          retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
        });
      return;
    }
    const delivered = Delivered.safeParse(event);
    const eventId = delivered.success ? delivered.data.eventId : undefined;
    // called without an event id (tests, a direct call): nothing to claim
    if (eventId === undefined) return runStep(body, log);
    const claims = { claims: options.claims?.() ?? new ForgeEventClaimStore(), clock: { now: () => Date.now() } };
    const claimed = await claimEvent(
      claims,
      eventId,
      'properties' in body ? 'properties' : 'notifications' in body ? 'notifications' : 'reconcile',
      delivered.success ? (delivered.data.retryContext?.retryCount ?? 0) : 0,
    );
    if ('duplicate' in claimed) {
      log.info('a queued event already handled or being handled elsewhere: this delivery ends', { event: eventId });
      return;
    }
    if ('busyMs' in claimed)
      return new InvocationError({
        retryAfter: Math.max(1, Math.ceil(claimed.busyMs / 1000) + 1),
        retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    try {
      await runStep(body, log);
    } catch (error) {
      await releaseEvent(claims, claimed.claim);
      // a busy service (storage's quota, Jira's points) stopped the step: the same event later (retry-later.ts)
      const retryAfter = retryAfterFor(error);
      if (retryAfter === null || retryCountOf(event) >= MAX_RETRIES) throw error;
      log.info('a busy service stopped the job: Forge delivers it again later', {
        retryAfter,
        error: error instanceof Error ? error.message : String(error),
      });
      return retryLater(retryAfter);
    }
    await finishEvent(claims, claimed.claim);
  };
}

/** A reconciliation step (issues, missed issues, objectives), a job of issue-property writes, or notification emails to send. */
async function runStep(body: Exclude<QueuedJob['body'], { importJob: string }>, log: Logger): Promise<void> {
  const settings = await new ForgeSettingsStore().get();
  const jira = createJiraClient({
    storyPointsFieldId: settings.storyPointsField,
    storyPointsMemo: forgeStoryPointsMemo(),
  });
  if ('properties' in body) {
    const result = await writeQueuedProperties(jira, kvsRollupStore(), body.properties, forgeRemainingMs);
    log.info('issue properties written', { written: result.written, queuedAgain: result.rest.length });
    await forgePropertyQueue.push(result.rest);
    return;
  }
  if ('propertiesOf' in body) {
    // an objective's visibility changed and the resolver could not write every property then
    const written = await rewriteForObjective(
      jira,
      kvsRollupStore(),
      forgePropertyQueue,
      new ForgeContributionStore(),
      body.propertiesOf,
    );
    log.info('issue properties of an objective written again', { objective: body.propertiesOf, written });
    return;
  }
  if ('notifications' in body) {
    const objectiveStore = new ForgeObjectiveStore();
    await sendNotifications(
      {
        outbox: forgeNotificationOutbox(),
        prefs: forgeNotificationPrefs(),
        prompts: forgePromptStore(),
        objectiveStore,
        audience: promptAudience({ jira, objectiveStore, workgroups: new ForgeWorkgroupStore() }),
        jira,
        clock: { now: () => Date.now() },
        log,
      },
      body.notifications,
    );
    return;
  }
  const rollups = kvsRollupStore();
  const rollupSettings = { policy: settings.rollupPolicy, periods: settings.periods };
  const now = Date.now();
  await runReconcileStep(
    {
      reconcileIssues: (from) =>
        reconcile(
          {
            rollups,
            issuesAfter: (after, limit) =>
              issues().query('by-issue-key', { range: WhereConditions.greaterThan(after), limit }),
            jira,
            contributions: new ForgeContributionStore(),
            log,
            settings: rollupSettings,
            now,
            timeLeft: forgeRemainingMs,
          },
          from,
        ),
      // then, under every linked issue, what Jira has that Tether never stored
      discoverMissing: (after) =>
        discoverMissing(
          {
            rollups,
            issuesAfter: (key, limit) =>
              issues().query('by-issue-key', { range: WhereConditions.greaterThan(key), limit }),
            jira,
            properties: forgePropertyQueue,
            settings: rollupSettings,
            now,
            timeLeft: forgeRemainingMs,
          },
          after,
        ),
      // last: every objective's tallies against its linked issues'
      reconcileObjectives: (after) =>
        reconcileObjectives(
          {
            rollups,
            rollupsAfter: refreshStorage().rollupsAfter,
            settings: rollupSettings,
            now,
            timeLeft: forgeRemainingMs,
            // what the rollups follow: a change storage refused half-way is repaired here
            followed: {
              objectives: (keys) => new ForgeObjectiveStore().getMany(keys),
              newestCheckIns: async (id, limit) =>
                (await new ForgeCheckInStore().ofObjective(id, limit, null)).checkIns,
              expireMoot: async (o) =>
                (
                  await expireMoot(
                    { stores: forgePromptStores(), objectiveStore: new ForgeObjectiveStore() },
                    o,
                    Date.now(),
                  )
                ).length,
            },
          },
          after,
        ),
      progress: forgeReconcileProgress(),
      queue: forgeReconcileQueue,
      clock: { now: () => Date.now() },
      log,
    },
    body,
  );
}

/** The consumer `on-reconcile` of manifest.yml. */
export const onReconcile = queueConsumer();
