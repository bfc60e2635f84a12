/** What the background-jobs list reads (src/app/jobs/jobs.ts): recent import jobs, the daily refresh's place, the reconciliation's. */
import type { EventClaim } from '../app/jobs/event-claim';
import type { RefreshProgress } from '../app/rollup/daily-refresh';
import type { ReconcileProgress, ReconcileStep } from '../app/rollup/reconcile-run';

/** The import jobs started lately (src/forge/store/recent-jobs-store.ts): one key per job, so two imports never overwrite each other's. */
export interface RecentImportJobs {
  /** Notes a job just created. */
  note(jobId: string, createdAt: number): Promise<void>;
  /** The ids of the newest jobs, newest first, at most `limit` (a job noted in the last second may be missing: queries lag). */
  recent(limit: number): Promise<string[]>;
}

/** Where the daily refresh stands (its saved place, src/forge/store/refresh-stores.ts), read only. */
export interface RefreshProgressReader {
  get(): Promise<RefreshProgress | null>;
}

/** Where the nightly reconciliation's latest run stands (src/forge/store/reconcile-progress-store.ts). */
export interface ReconcileProgressStore {
  get(): Promise<ReconcileProgress | null>;
  put(progress: ReconcileProgress): Promise<void>;
}

/** The job queue, for a reconciliation run's next step (src/forge/queue/job-queue.ts). */
export interface ReconcileQueue {
  /** Queues the run's next step, delivered after `delaySeconds` (0–900). */
  push(step: ReconcileStep, delaySeconds: number): Promise<void>;
}

/** Claims of queued events by their id (src/forge/store/event-claim-store.ts, entity `event-claim`). */
export interface EventClaimStore {
  get(eventId: string): Promise<EventClaim | null>;
  /** Writes the claim if its stored version is still `expectedVersion` (0: it must not exist); VersionConflict otherwise. */
  put(claim: EventClaim, expectedVersion: number): Promise<EventClaim>;
  /** Deletes the claim (only at `expectedVersion` when given). */
  remove(eventId: string, expectedVersion?: number): Promise<void>;
  /** Claims made before `before`, oldest first, at most `limit`. */
  olderThan(before: number, limit: number): Promise<EventClaim[]>;
}
