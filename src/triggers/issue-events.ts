import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { handleIssueEvent } from '../app/rollup/handle-issue-event';
import { createJiraClient } from '../forge/jira';
import { forgeStoryPointsMemo } from '../forge/store/story-points-memo';
import { logFor } from '../forge/log';
import { forgePropertyQueue } from '../forge/queue/job-queue';
import { ForgeContributionStore } from '../forge/store/contribution-store';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { ForgeObjectiveStore } from '../forge/store/objective-store';
import { forgePromptStores } from '../forge/store/prompt-records';
import { ForgeSettingsStore } from '../forge/store/settings-store';
import { ForgeWorkgroupStore } from '../forge/store/workgroup-store';
import { MAX_RETRIES, retryAfterFor, retryCountOf, retryLater } from './retry-later';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;

/** The part of Forge's `avi:jira:{created,updated,deleted}:issue` payload the app reads. */
const IssueEventPayload = z.object({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:deleted:issue']),
  issue: z.object({
    id: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/)
      .optional(),
    key: z.string().regex(ISSUE_KEY),
  }),
  /** An update's changes; a move to another project holds a `Key` item from the old key to the new. */
  changelog: z
    .object({
      items: z
        .array(z.object({ field: z.string(), fromString: z.string().nullish(), toString: z.string().nullish() }))
        .max(1000),
    })
    .nullish(),
});

/** The key an update moved the issue from, if it did (its changelog's `Key` item). */
function movedFrom(payload: z.infer<typeof IssueEventPayload>): string | null {
  const item = payload.changelog?.items.find((i) => i.field.toLowerCase() === 'key');
  const from = item?.fromString ?? null;
  return from !== null && ISSUE_KEY.test(from) && from !== payload.issue.key ? from : null;
}

/**
 * The product-event trigger for issues created, updated and deleted (manifest `trigger`
 * `issue-events`). A payload the app cannot read is logged and dropped: retrying would not help.
 * When storage's quota or Jira's points budget asks to wait longer than the invocation has, the
 * trigger answers an InvocationError and Forge delivers the event again later (retry-later.ts);
 * the event's handling is idempotent, so whatever the first try wrote is not written twice.
 */
export async function onIssueEvent(event: unknown): Promise<InvocationError | void> {
  const log = logFor('issue-events');
  const parsed = IssueEventPayload.safeParse(event);
  if (!parsed.success) {
    log.warn('ignored an event the app cannot read', {
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
    return;
  }
  try {
    await handle(parsed.data);
  } catch (error) {
    const retryAfter = retryAfterFor(error);
    if (retryAfter === null) throw error;
    const retryCount = retryCountOf(event);
    const message = error instanceof Error ? error.message : String(error);
    if (retryCount >= MAX_RETRIES) {
      log.error('an issue event could not be handled on its last retry; the nightly reconciliation repairs it', {
        issue: parsed.data.issue.key,
        error: message,
      });
      throw error;
    }
    log.info('a busy service stopped the issue event: Forge delivers it again later', {
      issue: parsed.data.issue.key,
      retryAfter,
      retryCount,
      error: message,
    });
    return retryLater(retryAfter);
  }
}

async function handle(payload: z.infer<typeof IssueEventPayload>): Promise<void> {
  const log = logFor('issue-events');
  const settingsStore = new ForgeSettingsStore();
  const settings = await settingsStore.get();
  await handleIssueEvent(
    {
      jira: createJiraClient({
        storyPointsFieldId: settings.storyPointsField,
        storyPointsMemo: forgeStoryPointsMemo(),
      }),
      rollups: kvsRollupStore(),
      prompting: forgePromptStores(),
      objectiveStore: new ForgeObjectiveStore(),
      workgroups: new ForgeWorkgroupStore(),
      settings: async () => settings,
      clock: { now: () => Date.now() },
      propertyQueue: forgePropertyQueue,
      contributions: new ForgeContributionStore(),
      log,
    },
    {
      issueId: payload.issue.id ?? null,
      issueKey: payload.issue.key,
      deleted: payload.eventType === 'avi:jira:deleted:issue',
      movedFrom: movedFrom(payload),
    },
  );
}
