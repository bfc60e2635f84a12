/**
 * The nightly reconciliation as a run of queued steps (the consumer of src/triggers/reconcile.ts):
 * the stored issues against Jira (reconcile.ts), then Jira's issues below every linked issue that
 * Tether never stored (discover-missing.ts), then every objective's tallies (reconcile-objectives.ts).
 * Each step works until its invocation's time runs low and queues the next. When a busy service
 * stops a step — Jira's points for the hour are spent (429 with `Retry-After`), or storage stays
 * over its quota — the step queues its continuation after the wait instead of failing: a site of
 * 200,000 issues needs about 202,000 Jira points, three hours of the app's 65,000 an hour, so the
 * reconciliation waits for the next hour's points and goes on. Where the run stands, and what it
 * waits for, is kept in storage (`ReconcileProgress`) for the admin page's Background jobs tab.
 */
import type { ServiceBusy } from '../app-failure';
import type { Clock, Logger, ReconcileProgressStore, ReconcileQueue } from '../../ports';
import type { DiscoverResult } from './discover-missing';
import type { ObjectiveReconcileResult } from './reconcile-objectives';
import type { ReconcileResult } from './reconcile';

/** Queue events carry at most this delay (Forge's `delayInSeconds`, 0–900). */
export const MAX_STEP_DELAY_S = 900;
/** Storage names no time when it refuses: the step comes back after this long (its quota is per minute). */
export const STORAGE_WAIT_S = 60;

/** A step of a run: `run` is when the run started (absent: a new run), `notBefore` the time a wait ends. */
export type ReconcileStep = ({ from: string } | { rootsAfter: string } | { objectivesAfter: number }) & {
  run?: number;
  notBefore?: number;
};

/** Where a reconciliation run stands (one record: the latest run). */
export interface ReconcileProgress {
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  phase: 'issues' | 'discover' | 'objectives' | 'done';
  /** The last issue key checked ('' before the first). */
  issuesAfter: string;
  checked: number;
  repaired: number;
  removed: number;
  moved: number;
  /** Stored issues with links of their own, counted by the issue walk: the roots searched under next. */
  linkedRoots: number;
  /** Linked issues searched under so far for issues Tether never stored. */
  rootsSearched: number;
  /** Issues found in Jira below a linked issue that Tether had never stored, and brought in. */
  found: number;
  objectivesChecked: number;
  objectivesRepaired: number;
  /** Set while the run waits for a busy service: until when, and which. */
  waitingUntil: number | null;
  waitingFor: ServiceBusy['service'] | null;
}

export interface ReconcileRunPorts {
  /** The issues half from an issue key (reconcile.ts, with its ports bound). */
  reconcileIssues(from: string): Promise<ReconcileResult>;
  /** The search for issues Tether never stored, after a stored issue key (discover-missing.ts, with its ports bound). */
  discoverMissing(after: string): Promise<DiscoverResult>;
  /** The objectives half after an objective number (reconcile-objectives.ts, with its ports bound). */
  reconcileObjectives(after: number): Promise<ObjectiveReconcileResult>;
  progress: ReconcileProgressStore;
  queue: ReconcileQueue;
  clock: Clock;
  log: Logger;
}

function newRun(startedAt: number): ReconcileProgress {
  return {
    startedAt,
    updatedAt: startedAt,
    finishedAt: null,
    phase: 'issues',
    issuesAfter: '',
    checked: 0,
    repaired: 0,
    removed: 0,
    moved: 0,
    linkedRoots: 0,
    rootsSearched: 0,
    found: 0,
    objectivesChecked: 0,
    objectivesRepaired: 0,
    waitingUntil: null,
    waitingFor: null,
  };
}

/** Jira said its points run low without saying when they are renewed: look again after this long. */
export const JIRA_WAIT_S = 15 * 60;

/** How long a busy service asks to wait, in milliseconds: Jira's `Retry-After` or reset (and a second), else storage's minute. */
export function waitMsFor(busy: ServiceBusy): number {
  if (busy.waitMs !== null) return Math.max(1_000, busy.waitMs + 1_000);
  return (busy.service === 'jira' ? JIRA_WAIT_S : STORAGE_WAIT_S) * 1_000;
}

const delayUntil = (at: number, now: number) => Math.min(MAX_STEP_DELAY_S, Math.max(0, Math.ceil((at - now) / 1_000)));

/** Runs one step of a reconciliation run and queues the next. */
export async function runReconcileStep(ports: ReconcileRunPorts, step: ReconcileStep): Promise<void> {
  const now = ports.clock.now();
  const run = step.run ?? now;
  // delivered before its wait is over (a wait longer than a queue event's 900 s): queue it again, untouched
  if (step.notBefore !== undefined && step.notBefore > now) {
    await ports.queue.push(step, delayUntil(step.notBefore, now));
    return;
  }
  const stored = step.run === undefined ? null : await ports.progress.get();
  const progress = stored !== null && stored.startedAt === run ? stored : newRun(run);
  const save = (change: Partial<ReconcileProgress>) =>
    ports.progress.put({ ...progress, ...change, updatedAt: ports.clock.now() });
  const wait = async (busy: ServiceBusy, next: ReconcileStep, change: Partial<ReconcileProgress>) => {
    const until = ports.clock.now() + waitMsFor(busy);
    ports.log.info('the reconciliation waits for a busy service, then goes on', {
      service: busy.service,
      until: new Date(until).toISOString(),
    });
    await save({ ...change, waitingUntil: until, waitingFor: busy.service });
    await ports.queue.push({ ...next, run, notBefore: until }, delayUntil(until, ports.clock.now()));
  };

  if ('from' in step) {
    const issues = await ports.reconcileIssues(step.from);
    const change: Partial<ReconcileProgress> = {
      phase: 'issues',
      issuesAfter: issues.next ?? progress.issuesAfter,
      checked: progress.checked + issues.checked,
      repaired: progress.repaired + issues.repaired,
      removed: progress.removed + issues.removed,
      moved: progress.moved + issues.moved,
      linkedRoots: progress.linkedRoots + issues.linked,
      waitingUntil: null,
      waitingFor: null,
    };
    ports.log.info(
      issues.next === null ? 'issues reconciled, on to the issues Tether missed' : 'reconciliation step done',
      {
        checked: issues.checked,
        repaired: issues.repaired,
        removed: issues.removed,
        moved: issues.moved,
        after: issues.next ?? undefined,
      },
    );
    if (issues.stoppedBy !== null) return wait(issues.stoppedBy, { from: issues.next ?? step.from }, change);
    if (issues.next !== null) {
      await save(change);
      await ports.queue.push({ from: issues.next, run }, 0);
      return;
    }
    Object.assign(progress, change);
  }
  if ('from' in step || 'rootsAfter' in step) {
    // under every linked issue: what Jira has that Tether never stored
    const after = 'rootsAfter' in step ? step.rootsAfter : '';
    const found = await ports.discoverMissing(after);
    const change: Partial<ReconcileProgress> = {
      phase: 'discover',
      rootsSearched: progress.rootsSearched + found.roots,
      found: progress.found + found.found,
      waitingUntil: null,
      waitingFor: null,
    };
    ports.log.info(
      found.next === null ? 'looked under every linked issue, on to the objectives' : 'looked under linked issues',
      {
        roots: found.roots,
        seen: found.seen,
        found: found.found,
        after: found.next ?? undefined,
      },
    );
    if (found.stoppedBy !== null) return wait(found.stoppedBy, { rootsAfter: found.next ?? after }, change);
    if (found.next !== null) {
      await save(change);
      await ports.queue.push({ rootsAfter: found.next, run }, 0);
      return;
    }
    Object.assign(progress, change);
  }
  // the last part: every objective's tallies against its linked issues'
  const objectives = await ports.reconcileObjectives('objectivesAfter' in step ? step.objectivesAfter : 0);
  ports.log.info(objectives.next === null ? 'reconciliation finished' : 'objectives reconciled in part, continuing', {
    checked: objectives.checked,
    repaired: objectives.repaired,
    after: objectives.next ?? undefined,
  });
  const change: Partial<ReconcileProgress> = {
    phase: objectives.next === null ? 'done' : 'objectives',
    objectivesChecked: progress.objectivesChecked + objectives.checked,
    objectivesRepaired: progress.objectivesRepaired + objectives.repaired,
    waitingUntil: null,
    waitingFor: null,
    finishedAt: objectives.next === null ? ports.clock.now() : null,
  };
  await save(change);
  if (objectives.next !== null) await ports.queue.push({ objectivesAfter: objectives.next, run }, 0);
}
