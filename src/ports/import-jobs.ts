/** Objectives-file import jobs and their queue (src/forge/store/import-job-store.ts, src/forge/queue/job-queue.ts). */
import type { ImportSummaryView } from '../contract/api';
import type { ImportJob, NewImportJob } from '../app/objectives-file/import-job';
import type { ImportStep } from '../app/objectives-file/import-steps';

/** Where import jobs live (src/forge/store/import-job-store.ts). */
export interface ImportJobStore {
  get(jobId: string): Promise<ImportJob | null>;
  /** Stores the steps (in chunks that fit a stored value), the summary and the job; returns the job at version 1. */
  create(job: NewImportJob, steps: readonly ImportStep[], summary: ImportSummaryView): Promise<ImportJob>;
  /** Writes the job if it is still at `expectedVersion` (VersionConflict otherwise); returns it at its new version. */
  save(job: ImportJob, expectedVersion: number): Promise<ImportJob>;
  /** The steps of the chunk starting at `chunkStarts[chunk]`. */
  steps(job: ImportJob, chunk: number): Promise<ImportStep[]>;
  summary(jobId: string): Promise<ImportSummaryView | null>;
  /** Deletes the job's steps (once it is done or failed); the job and its summary stay. */
  dropSteps(job: ImportJob): Promise<void>;
}

/** Runs of import jobs, on the app's queue (src/forge/queue/job-queue.ts). */
export interface ImportJobQueue {
  /** Queues a run of the job, delivered after `delaySeconds` (0–900; none: at once). */
  push(jobId: string, delaySeconds?: number): Promise<void>;
}
