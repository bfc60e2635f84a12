import { z } from 'zod';
import { handleIssueEvent } from '../app/rollup/handle-issue-event';
import { createJiraClient } from '../forge/jira';
import { logFor } from '../forge/log';
import { forgePropertyQueue } from '../forge/queue/job-queue';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { ForgeObjectiveStore } from '../forge/store/objective-store';
import { forgePromptStores } from '../forge/store/prompt-records';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';

/** The part of Forge's `avi:jira:{created,updated,deleted}:issue` payload the app reads. */
const IssueEventPayload = z.object({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']),
  issue: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/) }),
});

/**
 * The product-event trigger for issues created, updated and deleted (manifest `trigger`
 * `issue-events`). A payload the app cannot read is logged and dropped: retrying would not help.
 */
export async function onIssueEvent(event: unknown): Promise<void> {
  const log = logFor('issue-events');
  const parsed = IssueEventPayload.safeParse(event);
  if (!parsed.success) {
    log.warn('ignored an event the app cannot read', {
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
    return;
  }
  const settingsStore = new ForgeSettingsStore();
  const settings = await settingsStore.get();
  await handleIssueEvent(
    {
      jira: createJiraClient({ storyPointsFieldId: settings.storyPointsField }),
      rollups: kvsRollupStore(),
      prompting: forgePromptStores(),
      objectiveStore: new ForgeObjectiveStore(),
      workgroups: new ForgeWorkgroupStore(),
      settings: async () => settings,
      clock: { now: () => Date.now() },
      propertyQueue: forgePropertyQueue,
      log,
    },
    { issueKey: parsed.data.issue.key, deleted: parsed.data.eventType === 'avi:jira:deleted:issue' },
  );
}
