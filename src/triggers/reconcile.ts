import { Queue } from '@forge/events';
import { WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { reconcile } from '../app/rollup/reconcile';
import { createJiraClient } from '../forge/jira';
import { forgeRemainingMs } from '../forge/jira/client-options';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { issues } from '../forge/store/rollup-entities';
import { ForgeSettingsStore } from '../forge/store/settings-store';

export const RECONCILE_QUEUE = 'tether-reconcile';
const Job = z.object({ body: z.object({ from: z.string().max(300) }) });

/** The scheduled trigger `nightly-reconcile`: starts a reconciliation from the first issue. */
export async function onStartReconcile(): Promise<void> {
  await new Queue({ key: RECONCILE_QUEUE }).push([{ body: { from: '' } }]);
}

/**
 * The queue consumer: reconciles until its time runs low, then queues the rest, so any number of
 * issues is checked in invocations of at most 900 s.
 */
export async function onReconcile(event: unknown): Promise<void> {
  const job = Job.safeParse(event);
  if (!job.success) {
    console.warn(`reconcile: ignored a job the app cannot read: ${job.error.message}`);
    return;
  }
  const settings = await new ForgeSettingsStore().get();
  const result = await reconcile(
    {
      rollups: kvsRollupStore(),
      issuesAfter: (after, limit) => issues().query('by-issue-key', { range: WhereConditions.greaterThan(after), limit }),
      jira: createJiraClient({ storyPointsFieldId: settings.storyPointsField }),
      settings: { policy: settings.rollupPolicy, periods: settings.periods },
      now: Date.now(),
      timeLeft: forgeRemainingMs,
    },
    job.data.body.from,
  );
  console.log(`reconcile: ${result.checked} checked, ${result.repaired} repaired, ${result.removed} removed${result.next === null ? ', done' : `, continuing after ${result.next}`}`);
  if (result.next !== null) await new Queue({ key: RECONCILE_QUEUE }).push([{ body: { from: result.next } }]);
}
