import { z } from 'zod';
import { sweepEventClaims } from '../app/jobs/event-claim';
import { resumeStalledImports } from '../app/jobs/jobs';
import { runPromptJob, type PromptJobProgress } from '../app/prompts/prompt-job';
import { sweepNotifications } from '../app/prompts/send-notifications';
import { dailyRefresh } from '../app/rollup/daily-refresh';
import { completeRosters } from '../app/workgroups/complete-rosters';
import { createJiraClient } from '../forge/jira';
import { forgeStoryPointsMemo } from '../forge/store/story-points-memo';
import { forgeRemainingMs } from '../forge/jira/client-options';
import { logFor } from '../forge/log';
import { ForgeCheckInStore } from '../forge/store/check-in-store';
import { ForgeEventClaimStore } from '../forge/store/event-claim-store';
import { ForgeImportJobStore } from '../forge/store/import-job-store';
import { ForgeRecentImportJobs } from '../forge/store/recent-jobs-store';
import { forgeImportJobQueue, forgeNotificationQueue } from '../forge/queue/job-queue';
import { forgeNotificationOutbox } from '../forge/store/notification-store';
import { KeyValueStore } from '../forge/store/key-value-store';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { ForgeObjectiveStore } from '../forge/store/objective-store';
import { forgePromptStores } from '../forge/store/prompt-records';
import { refreshStorage } from '../forge/store/refresh-stores';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';

const PROMPT_PROGRESS_KEY = 'job:prompts';
const ROSTERS_DONE_KEY = 'job:rosters-complete';
const RostersDone = z.object({ done: z.boolean() });
const PromptProgress = z.object({ day: z.string().nullable(), week: z.string().nullable() });

/**
 * The scheduled trigger `daily-refresh` (hourly): the first runs of a day recompute every
 * objective for the new date and write the day's snapshots; once done, later runs that day
 * cost one read. Then the prompts: every run wakes snoozed prompts and delivers queued ones as
 * the weekly cap allows; once the day's refresh has finished, the day's prompts are asked, and
 * once a week the alignment gaps (src/app/prompts/prompt-job.ts). Then upkeep: stalled imports
 * queued again, rosters completed for workgroups from before rosters, old event claims removed.
 */
export async function onDailyRefresh(): Promise<void> {
  const log = logFor('daily-refresh');
  const settings = await new ForgeSettingsStore().get();
  const jira = createJiraClient({
    storyPointsFieldId: settings.storyPointsField,
    storyPointsMemo: forgeStoryPointsMemo(),
  });
  const now = Date.now();
  const rollups = kvsRollupStore();
  const result = await dailyRefresh({
    rollups,
    aggregate: (jql, aggregate, field, seenBy) => jira.aggregate(jql, aggregate, field, seenBy),
    ...refreshStorage(),
    settings: { policy: settings.rollupPolicy, periods: settings.periods },
    now,
    timeLeft: forgeRemainingMs,
    log,
  });
  if (result.refreshed > 0)
    log.info(
      result.finished ? "objectives refreshed, the day's refresh is finished" : 'objectives refreshed, to be continued',
      { refreshed: result.refreshed, changed: result.changed },
    );

  const keys = new KeyValueStore();
  const prompts = await runPromptJob(
    {
      stores: forgePromptStores(),
      objectiveStore: new ForgeObjectiveStore(),
      workgroups: new ForgeWorkgroupStore(),
      checkIns: new ForgeCheckInStore(),
      rollups,
      jira,
      progress: {
        get: (): Promise<PromptJobProgress | null> => keys.get(PROMPT_PROGRESS_KEY, PromptProgress),
        put: (p) => keys.set(PROMPT_PROGRESS_KEY, p),
      },
      settings,
      now,
      timeLeft: forgeRemainingMs,
    },
    result.finished,
  );
  const created = Object.entries(prompts.created).map(([kind, n]) => `${kind}:${n}`);
  if (created.length > 0 || prompts.opened > 0 || prompts.woken > 0) {
    log.info('prompts raised and delivered', {
      created: created.join(',') || 'none',
      delivered: prompts.opened,
      woken: prompts.woken,
    });
  }

  // import jobs no run works on any more are queued again (src/app/jobs/jobs.ts)
  try {
    const resumed = await resumeStalledImports({
      clock: { now: () => now },
      importJobs: { store: new ForgeImportJobStore(), queue: forgeImportJobQueue, recent: new ForgeRecentImportJobs() },
    });
    if (resumed.length > 0) log.info('stalled import jobs queued again', { jobs: resumed.join(',') });
  } catch (error) {
    log.warn('stalled import jobs could not be looked at; the next run tries again', {}, error);
  }

  // rosters of workgroups from before rosters (src/app/workgroups/complete-rosters.ts)
  try {
    const rosters = await completeRosters({
      workgroups: new ForgeWorkgroupStore(),
      objectiveStore: new ForgeObjectiveStore(),
      done: {
        get: async () => (await keys.get(ROSTERS_DONE_KEY, RostersDone))?.done ?? null,
        set: () => keys.set(ROSTERS_DONE_KEY, { done: true }),
      },
      timeLeft: forgeRemainingMs,
    });
    if (rosters.completed.length > 0)
      log.info('workgroup rosters completed', { workgroups: rosters.completed.join(','), finished: rosters.finished });
  } catch (error) {
    log.warn('workgroup rosters could not be completed; the next run tries again', {}, error);
  }

  // claims of queued events older than a day (src/app/jobs/event-claim.ts): late duplicates are past
  try {
    const swept = await sweepEventClaims({ claims: new ForgeEventClaimStore(), clock: { now: () => now } });
    if (swept > 0) log.info('old claims of queued events removed', { removed: swept });
  } catch (error) {
    log.warn('old claims of queued events could not be removed; the next run tries again', {}, error);
  }

  // notification emails still pending a while after their delivery (a push lost, a job out of retries): queued again
  try {
    const stale = await sweepNotifications({ outbox: forgeNotificationOutbox(), queue: forgeNotificationQueue }, now);
    if (stale > 0) log.info('pending notification emails queued again', { orders: stale });
  } catch (error) {
    log.warn('pending notification emails could not be queued again; the next run tries again', {}, error);
  }
}
