import { dailyRefresh } from '../app/rollup/daily-refresh';
import { createJiraClient } from '../forge/jira';
import { forgeRemainingMs } from '../forge/jira/client-options';
import { kvsRollupStore } from '../forge/store/kvs-rollup-store';
import { refreshStorage } from '../forge/store/refresh-stores';
import { ForgeSettingsStore } from '../forge/store/settings-store';

/**
 * The scheduled trigger `daily-refresh` (hourly): the first runs of a day recompute every
 * objective for the new date and write the day's snapshots; once done, later runs that day
 * cost one read.
 */
export async function onDailyRefresh(): Promise<void> {
  const settings = await new ForgeSettingsStore().get();
  const jira = createJiraClient({ storyPointsFieldId: settings.storyPointsField });
  const result = await dailyRefresh({
    rollups: kvsRollupStore(),
    aggregate: (jql, aggregate, field) => jira.aggregate(jql, aggregate, field),
    ...refreshStorage(),
    settings: { policy: settings.rollupPolicy, periods: settings.periods },
    now: Date.now(),
    timeLeft: forgeRemainingMs,
  });
  if (result.refreshed > 0) console.log(`daily-refresh: ${result.refreshed} objectives refreshed, ${result.changed} changed, ${result.finished ? 'day finished' : 'to be continued'}`);
}
