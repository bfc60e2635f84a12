import type { Prompt, PromptKind } from '../../contract';
import type { Settings } from '../../contract/api';
import { alignmentGapPrompts, type WorkgroupGap } from '../../domain/prompts/alignment-gap';
import { checkInDuePrompts } from '../../domain/prompts/check-in-due';
import { boundsOf } from '../../domain/pace';
import { isoWeek } from '../../domain/prompts/iso-week';
import { periodReviewPrompts } from '../../domain/prompts/period-review';
import { isCheckedInByHand } from '../../contract';
import { escalateChanges, type EscalationPorts } from './escalate';
import { promptAudience } from './prompt-audience';
import { raisePrompts, releasePrompts } from './raise-prompts';
import { refreshFeedback } from './refresh-feedback';
import type { JiraPort, CheckInStore, ObjectiveStore, RollupStore, WorkgroupStore } from '../../ports';

/** The day and the ISO week whose prompts have been asked. */
export interface PromptJobProgress {
  day: string | null;
  week: string | null;
}

export interface PromptJobPorts extends EscalationPorts {
  objectiveStore: Pick<ObjectiveStore, 'getMany' | 'withParent' | 'ofPeriods'>;
  workgroups: Pick<WorkgroupStore, 'getMany' | 'list'>;
  checkIns: Pick<CheckInStore, 'ofObjective'>;
  rollups: Pick<RollupStore, 'getRollups' | 'linksOn'>;
  /** Jira as the app. */
  jira: Pick<JiraPort, 'searchIssues' | 'accountPermissions'>;
  progress: { get(): Promise<PromptJobProgress | null>; put(p: PromptJobProgress): Promise<void> };
  settings: Pick<Settings, 'promptPolicy' | 'rollupPolicy' | 'periods'>;
  now: number;
  /** Milliseconds left in this invocation. */
  timeLeft(): number;
}

export interface PromptJobResult {
  woken: number;
  opened: number;
  created: Partial<Record<PromptKind, number>>;
  /** The day's prompts (check-in due, escalation, period review) were asked in this run. */
  daily: boolean;
  /** The week's alignment gaps were asked in this run. */
  weekly: boolean;
}

/** Leave this much time for saving where the job is. */
const RESERVE_MS = 30_000;
/** Jira search page size for epics. */
const PAGE = 100;

/**
 * The scheduled side of prompts, run by the hourly trigger after the daily refresh:
 *
 * - every run: snoozed prompts whose time has come are open again; queued prompts open as the
 *   weekly cap allows;
 * - once a day (`dailyReady`: the day's rollups are fresh): period reviews of open periods near
 *   their end, check-ins due on metric and milestone key results, and escalations of objectives
 *   whose status or confidence turned since they were last seen;
 * - once an ISO week: alignment gaps, per workgroup, from Jira (open epics in its projects that
 *   serve no objective).
 *
 * Every prompt has a deterministic id, so a run cut short and started again, or two runs at once,
 * ask nothing twice; a step is marked done only once it has finished.
 */
export async function runPromptJob(ports: PromptJobPorts, dailyReady: boolean): Promise<PromptJobResult> {
  const { now, settings } = ports;
  const policy = settings.promptPolicy;
  const audience = promptAudience(ports);
  const result: PromptJobResult = { woken: 0, opened: 0, created: {}, daily: false, weekly: false };
  const count = (created: readonly Prompt[]) => {
    for (const p of created) result.created[p.kind] = (result.created[p.kind] ?? 0) + 1;
  };

  const released = await releasePrompts(ports.stores.prompts, policy, now);
  await refreshFeedback(ports, released.opened);
  result.woken = released.woken.length;
  result.opened += released.opened.length;

  const day = new Date(now).toISOString().slice(0, 10);
  const week = isoWeek(now);
  let progress: PromptJobProgress = (await ports.progress.get()) ?? { day: null, week: null };

  if (dailyReady && progress.day !== day && ports.timeLeft() > RESERVE_MS) {
    const daily = await dailyPrompts(ports);
    if (daily !== null) {
      const escalated = await escalateChanges(ports, daily.records, policy, now);
      count(escalated);
      const raised = await raisePrompts(ports.stores.prompts, daily.candidates, policy, now, audience);
      count(raised.created);
      await refreshFeedback(ports, raised.opened);
      result.opened += raised.opened.length;
      progress = { ...progress, day };
      await ports.progress.put(progress);
      result.daily = true;
    }
  }

  if (progress.week !== week && ports.timeLeft() > RESERVE_MS) {
    const gaps = await alignmentGaps(ports);
    if (gaps !== null) {
      const raised = await raisePrompts(
        ports.stores.prompts,
        alignmentGapPrompts({ gaps, policy, now }),
        policy,
        now,
        audience,
      );
      count(raised.created);
      await refreshFeedback(ports, raised.opened);
      result.opened += raised.opened.length;
      progress = { ...progress, week };
      await ports.progress.put(progress);
      result.weekly = true;
    }
  }
  return result;
}

/** The day's candidates, and the rollup records to compare for escalations; null when time ran out. */
async function dailyPrompts(ports: PromptJobPorts) {
  const { now, settings } = ports;
  const policy = settings.promptPolicy;
  const open = settings.periods.filter((p) => p.state === 'open');
  const objectives = await ports.objectiveStore.ofPeriods(open.map((p) => p.id));
  const candidates: Prompt[] = [];

  for (const period of open) candidates.push(...periodReviewPrompts({ period, objectives, policy, now }));

  const active = objectives.filter((o) => o.status === 'active');
  const periodStarts = new Map(open.map((p) => [p.id, boundsOf(p).start]));
  if (policy.enabled['check-in-due']) {
    for (const o of active) {
      const byHand = o.keyResults.filter((kr) => isCheckedInByHand(kr.kind));
      if (byHand.length === 0) continue;
      if (ports.timeLeft() <= RESERVE_MS) return null;
      const latest = await latestCheckIns(ports, o.id, new Set(byHand.map((kr) => kr.id)));
      candidates.push(
        ...checkInDuePrompts({
          keyResults: byHand,
          latestCheckInAt: latest,
          objectives: [{ ...o, periodStartsAt: periodStarts.get(o.periodId) ?? null }],
          cadenceDays: settings.rollupPolicy.checkInCadenceDays,
          policy,
          now,
        }),
      );
    }
  }

  const records = [];
  for (let i = 0; i < active.length; i += 100) {
    if (ports.timeLeft() <= RESERVE_MS) return null;
    const rollups = await ports.rollups.getRollups(active.slice(i, i + 100).map((o) => o.id));
    for (const r of rollups.values()) records.push(r.record);
  }
  return { candidates, records };
}

/** The time of each key result's latest check-in, reading the objective's history newest first until each is found. */
async function latestCheckIns(
  ports: PromptJobPorts,
  objectiveId: string,
  keyResultIds: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const latest = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const page = await ports.checkIns.ofObjective(objectiveId, 100, cursor);
    for (const c of page.checkIns) {
      if (c.keyResultId !== null && keyResultIds.has(c.keyResultId) && !latest.has(c.keyResultId))
        latest.set(c.keyResultId, c.at);
    }
    cursor = page.nextCursor;
  } while (cursor !== null && latest.size < keyResultIds.size);
  return latest;
}

/** Each workgroup's open epics that serve no objective (directly or through their parent); null when time ran out. */
async function alignmentGaps(ports: PromptJobPorts): Promise<WorkgroupGap[] | null> {
  if (!ports.settings.promptPolicy.enabled['alignment-gap']) return [];
  const gaps: WorkgroupGap[] = [];
  const served = new Map<string, boolean>();
  const serves = async (key: string): Promise<boolean> => {
    const known = served.get(key);
    if (known !== undefined) return known;
    const yes = (await ports.rollups.linksOn(key)).length > 0;
    served.set(key, yes);
    return yes;
  };
  for (const workgroup of await ports.workgroups.list()) {
    if (workgroup.projects.length === 0 || workgroup.leads.length === 0) continue;
    const jql = `project in (${workgroup.projects.join(', ')}) AND issuetype = Epic AND statusCategory != Done ORDER BY key ASC`;
    const unaligned: string[] = [];
    let token: string | null = null;
    do {
      if (ports.timeLeft() <= RESERVE_MS) return null;
      const page = await ports.jira.searchIssues(jql, token, PAGE);
      for (const epic of page.issues) {
        if (await serves(epic.key)) continue;
        if (epic.parentKey !== null && (await serves(epic.parentKey))) continue;
        unaligned.push(epic.key);
      }
      token = page.nextPageToken;
    } while (token !== null);
    gaps.push({ workgroup, unalignedEpics: unaligned });
  }
  return gaps;
}
