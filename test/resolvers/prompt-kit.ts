/**
 * Runs the prompts' scheduled job (src/app/prompts/prompt-job.ts) in the local host as the
 * hourly trigger does, on Forge's stores and the local Jira, at a chosen time.
 */
import type { Prompt } from '../../src/contract';
import { currentPrompts } from '../../src/app/prompts/current-prompts';
import { runPromptJob, type PromptJobProgress, type PromptJobResult } from '../../src/app/prompts/prompt-job';
import { createJiraClient } from '../../src/forge/jira';
import { ForgeCheckInStore } from '../../src/forge/store/check-in-store';
import { kvsRollupStore } from '../../src/forge/store/kvs-rollup-store';
import { ForgeObjectiveStore } from '../../src/forge/store/objective-store';
import { forgePromptStores } from '../../src/forge/store/prompt-records';
import { forgePromptStore } from '../../src/forge/store/prompt-store';
import { ForgeSettingsStore } from '../../src/forge/store/settings-store';
import { ForgeWorkgroupStore } from '../../src/forge/store/workgroup-store';
import { asPersona, queriesCaughtUp, type AppHost } from '../support/app-host';

export const DAY = 86_400_000;

/** A job's memory of what it asked (one per simulated deployment; share it to model reruns). */
export function jobProgress() {
  let saved: PromptJobProgress | null = null;
  return { get: async () => saved, put: async (p: PromptJobProgress) => void (saved = p) };
}

/**
 * The scheduled prompt job, run as of `now` (hours or days after what the test set up). It is not a
 * user acting on their own write: what was set up before has reached Forge's queries by the time a
 * scheduled run starts, and people open their inbox after the run, not during it — so the host's
 * queries catch up before and after the run (queriesCaughtUp; lenient mode: nothing moves).
 */
export async function runJob(
  app: AppHost,
  now: number,
  progress = jobProgress(),
  dailyReady = true,
  timeLeft = () => 600_000,
): Promise<PromptJobResult> {
  await queriesCaughtUp(app);
  const result = await runJobNow(app, now, progress, dailyReady, timeLeft);
  await queriesCaughtUp(app);
  return result;
}

function runJobNow(
  app: AppHost,
  now: number,
  progress: ReturnType<typeof jobProgress>,
  dailyReady: boolean,
  timeLeft: () => number,
): Promise<PromptJobResult> {
  return asPersona(app.host, null, async () => {
    const settings = await new ForgeSettingsStore().get();
    return runPromptJob(
      {
        stores: forgePromptStores(),
        objectiveStore: new ForgeObjectiveStore(),
        workgroups: new ForgeWorkgroupStore(),
        checkIns: new ForgeCheckInStore(),
        rollups: kvsRollupStore(),
        jira: createJiraClient({ storyPointsFieldId: settings.storyPointsField }),
        progress,
        settings,
        now,
        timeLeft,
      },
      dailyReady,
    );
  });
}

/**
 * Every stored prompt addressed to an account, as the app reads them: the by-recipient query, with
 * the prompts it lists as queued, open or snoozed read again by key (currentPrompts), so a prompt
 * answered or dismissed a moment ago is in its new state. A prompt stored a moment ago may not be
 * listed yet (strict mode's query lag).
 */
export function storedPrompts(app: AppHost, accountId: string): Promise<Prompt[]> {
  return asPersona(app.host, null, async () => {
    const store = forgePromptStore();
    return currentPrompts(store, await store.ofRecipient(accountId));
  });
}

export function storedPrompt(app: AppHost, id: string): Promise<Prompt | null> {
  return asPersona(app.host, null, () => forgePromptStore().get(id));
}
