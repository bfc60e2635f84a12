/**
 * Scheduled triggers on their own (strict mode, while `tether start` runs): each manifest
 * `scheduledTrigger` runs on its interval (fiveMinute, hour, day, week) on the host clock.
 * As Forge's scheduled trigger page says, a trigger first runs about five minutes after it is
 * created, then every interval; changing the scheduled triggers of the manifest recreates them
 * all and resets their start times.
 *
 * The next run of each trigger is kept in `<dataDir>/host/schedule.json`, so a restart keeps the
 * rhythm; a run that fell due while the host was stopped runs once when it starts again (missed
 * runs are not made up one by one).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { HostClock } from './host-clock';
import { readJsonFile, writeJsonAtomically } from './jira-file';
import type { ScheduledTriggerEntry } from './manifest';

export const INTERVAL_MS: Readonly<Record<ScheduledTriggerEntry['interval'], number>> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

/** A new trigger first runs this long after it is created ("about 5 minutes after app deployment"). */
export const FIRST_RUN_AFTER_MS = 5 * 60_000;

const ScheduleFile = z.object({
  version: z.literal(1),
  triggers: z.record(
    z.string(),
    z.object({ interval: z.enum(['fiveMinute', 'hour', 'day', 'week']), nextAt: z.number() }),
  ),
});
type ScheduleFile = z.infer<typeof ScheduleFile>;

export interface ScheduledRunsDeps {
  triggers: ReadonlyMap<string, ScheduledTriggerEntry>;
  clock: HostClock;
  /** Runs the trigger now (the host's runScheduledTrigger, in the background). */
  run: (key: string) => void;
  /** `<dataDir>/host/schedule.json`. */
  path: string;
}

/** The same set of triggers with the same intervals (else Forge recreates them all). */
function sameTriggers(file: ScheduleFile, triggers: ReadonlyMap<string, ScheduledTriggerEntry>): boolean {
  const stored = Object.entries(file.triggers);
  return stored.length === triggers.size && stored.every(([key, t]) => triggers.get(key)?.interval === t.interval);
}

function readSchedule(path: string): ScheduleFile | null {
  if (!existsSync(path)) return null;
  const parsed = ScheduleFile.safeParse(readJsonFile(path));
  return parsed.success ? parsed.data : null;
}

/** Starts a loop per scheduled trigger; returns the function that stops them all. */
export function startScheduledRuns(deps: ScheduledRunsDeps): () => void {
  const now = deps.clock.now();
  const stored = readSchedule(deps.path);
  const keep = stored !== null && sameTriggers(stored, deps.triggers);
  const schedule: ScheduleFile = { version: 1, triggers: {} };
  for (const [key, t] of deps.triggers) {
    schedule.triggers[key] = {
      interval: t.interval,
      nextAt: keep ? (stored.triggers[key]?.nextAt ?? now + FIRST_RUN_AFTER_MS) : now + FIRST_RUN_AFTER_MS,
    };
  }
  writeJsonAtomically(deps.path, schedule);

  let stopped = false;
  const cancels = new Set<() => void>();
  for (const [key, t] of deps.triggers) {
    void (async () => {
      for (;;) {
        const entry = schedule.triggers[key];
        if (entry === undefined || stopped) return;
        const wait = deps.clock.cancellable(entry.nextAt, { counted: false });
        cancels.add(wait.cancel);
        const due = await wait.done;
        cancels.delete(wait.cancel);
        if (!due || stopped) return;
        const at = deps.clock.now();
        const interval = INTERVAL_MS[t.interval];
        // the next run after now, on the trigger's own rhythm
        entry.nextAt += interval * Math.max(1, Math.ceil((at - entry.nextAt + 1) / interval));
        writeJsonAtomically(deps.path, schedule);
        deps.run(key);
      }
    })();
  }
  return () => {
    stopped = true;
    for (const cancel of [...cancels]) cancel();
  };
}
