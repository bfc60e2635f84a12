import { WhereConditions } from '@forge/kvs';
import { writeQueuedProperties } from '../app/contributions/issue-properties';
import { reconcile } from '../app/rollup/reconcile';
import { createJiraClient } from '../forge/jira';
import { forgeRemainingMs } from '../forge/jira/client-options';
import { forgePropertyQueue, pushReconcile, QueuedJob } from '../forge/queue/job-queue';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { issues } from '../forge/store/rollup-entities';
import { ForgeSettingsStore } from '../forge/store/settings-store';

/** The scheduled trigger `nightly-reconcile`: starts a reconciliation from the first issue. */
export async function onStartReconcile(): Promise<void> {
  await pushReconcile('');
}

/**
 * The queue consumer (src/forge/queue/job-queue.ts): a reconciliation step, or issue property
 * writes. Each works until its time runs low, then queues the rest, so any number of issues is
 * handled in invocations of at most 900 s.
 */
export async function onReconcile(event: unknown): Promise<void> {
  const job = QueuedJob.safeParse(event);
  if (!job.success) {
    console.warn(`reconcile: ignored a job the app cannot read: ${job.error.message}`);
    return;
  }
  const settings = await new ForgeSettingsStore().get();
  const jira = createJiraClient({ storyPointsFieldId: settings.storyPointsField });
  const body = job.data.body;
  if ('properties' in body) {
    const result = await writeQueuedProperties(jira, kvsRollupStore(), body.properties, forgeRemainingMs);
    console.log(`issue properties: ${result.written} written${result.rest.length === 0 ? '' : `, ${result.rest.length} queued again`}`);
    await forgePropertyQueue.push(result.rest);
    return;
  }
  const result = await reconcile(
    {
      rollups: kvsRollupStore(),
      issuesAfter: (after, limit) => issues().query('by-issue-key', { range: WhereConditions.greaterThan(after), limit }),
      jira,
      settings: { policy: settings.rollupPolicy, periods: settings.periods },
      now: Date.now(),
      timeLeft: forgeRemainingMs,
    },
    body.from,
  );
  console.log(`reconcile: ${result.checked} checked, ${result.repaired} repaired, ${result.removed} removed${result.next === null ? ', done' : `, continuing after ${result.next}`}`);
  if (result.next !== null) await pushReconcile(result.next);
}
